/**
 * QA: drives the PACKAGED errors-worker (.serverless/errors-worker.zip) with the jobs the slack
 * function hands it: /aws-errors for one function (its log group seeded in moto with the
 * test/fixtures/logs lines), a prefix and "all" (a GetMetricData SEARCH, which moto may refuse:
 * the failure answer is then what is compared), a forged job with a response_url off Slack's
 * hosts, and garbage. Every response_url post is caught (fetch to hooks.slack.com is answered
 * here) and printed in full; QA_DUMP=FILE writes them as JSON lines to diff two builds.
 *
 *   npm run package && npx tsx scripts/qa/errors-worker.ts    # needs python3 -m moto.server
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  context,
  createSecret,
  createTable,
  lambdaEnv,
  loadHandler,
  ROOT,
  startMoto,
  template,
  templateEnv,
  unpack,
} from './env.js';

const t = template();
const moto = await startMoto(Number(process.env.QA_MOTO_PORT ?? 5079));
Object.assign(process.env, {
  ...lambdaEnv('cloudbell-dev-errors-worker', moto.url),
  ...templateEnv(t, 'errors-worker', { StateTable: 'cloudbell-dev-state' }),
});
await createTable(t, 'cloudbell-dev-state');
await createSecret(process.env.CLOUDBELL_SECRET_ID as string, { botToken: 'xoxb-qa', signingSecret: 'qa' });

// Seed one function's log group with the fixture lines, shifted into the last hour.
const { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } =
  await import('@aws-sdk/client-cloudwatch-logs');
const logs = new CloudWatchLogsClient({});
const seeded: Record<string, string[]> = {
  'checkout-api': ['node-text.json', 'noise.json'],
  'checkout-worker': ['python-text.json', 'json-format.json', 'other-runtimes.json'],
};
const now = Date.now();
for (const [fn, files] of Object.entries(seeded)) {
  const group = `/aws/lambda/${fn}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await logs.send(
    new CreateLogStreamCommand({ logGroupName: group, logStreamName: '2026/12/02/[$LATEST]qa' }),
  );
  const lines = files.flatMap((f) =>
    (JSON.parse(readFileSync(join(ROOT, 'test/fixtures/logs', f), 'utf8')) as { message: string }[]).map(
      (e) => e.message,
    ),
  );
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: group,
      logStreamName: '2026/12/02/[$LATEST]qa',
      logEvents: lines.map((message, i) => ({ timestamp: now - 30 * 60_000 + i * 1000, message })),
    }),
  );
}

// response_url posts never leave the machine: they are recorded here.
const posts: { url: string; body: unknown }[] = [];
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url.startsWith('https://hooks.slack.com/')) {
    posts.push({ url, body: JSON.parse(String(init?.body ?? 'null')) });
    return new Response('ok', { status: 200 });
  }
  return realFetch(input, init);
}) as typeof fetch;

const { handler, importMs } = await loadHandler(
  t,
  'errors-worker',
  unpack('errors-worker', '/tmp/qa-fn/errors-worker'),
);
const timeout = t.Resources.ErrorsDashworkerLambdaFunction.Properties.Timeout as number;
console.log(`errors-worker: import=${importMs.toFixed(0)}ms timeout=${timeout}s`);

const job = (target: unknown, responseUrl = 'https://hooks.slack.com/commands/T0123ABCD/123/qa') => ({
  kind: 'command',
  query: { target, sinceSeconds: 3600, region: 'us-east-1', public: false },
  responseUrl,
  requester: { teamId: 'T0123ABCD', channelId: 'C0ALERTS1', userId: 'U0ALICE' },
  requestedAt: new Date().toISOString(),
});
const cases: [string, unknown][] = [
  ['one function (node text + noise)', job({ kind: 'function', name: 'checkout-api' })],
  ['one function (python, JSON, other runtimes)', job({ kind: 'function', name: 'checkout-worker' })],
  ['a function without a log group', job({ kind: 'function', name: 'no-such-fn' })],
  ['prefix (SEARCH)', job({ kind: 'prefix', prefix: 'checkout-' })],
  ['all (SEARCH)', job({ kind: 'all' })],
  ['forged response_url', job({ kind: 'all' }, 'https://evil.example.com/commands/x')],
  ['garbage', { hello: 'world' }],
];
const dump: unknown[] = [];
let failed = 0;
for (const [name, event] of cases) {
  const before = posts.length;
  const started = performance.now();
  let outcome: string;
  try {
    outcome = `returned ${JSON.stringify(await handler(event, context('cloudbell-dev-errors-worker', timeout)))}`;
  } catch (e) {
    outcome = `threw ${(e as Error).name}: ${(e as Error).message}`;
    failed += 1;
  }
  const mine = posts.slice(before);
  console.log(
    `${name}: ${outcome} ms=${(performance.now() - started).toFixed(0)} posts=${mine.length}\n${mine.map((p) => `  ${JSON.stringify(p.body)}`).join('\n')}`,
  );
  dump.push({ name, outcome, posts: mine });
}
if (process.env.QA_DUMP) writeFileSync(process.env.QA_DUMP, dump.map((d) => JSON.stringify(d)).join('\n'));
moto.proc.kill();
process.exit(failed ? 1 : 0);
