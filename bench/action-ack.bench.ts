/**
 * Acknowledge-button latency of the real `slack` Lambda bundle (esbuild, the packaging
 * settings), answering signed block_actions payloads built like Slack's, with the state table
 * on dynalite (AWS_ENDPOINT_URL_DYNAMODB) and Slack's API on the local stand-in
 * (SLACK_API_URL). Each press does the whole job before Bolt answers: click claim,
 * conditional write, thread note, parent update, status re-read.
 * - cold: a fresh Node process imports the bundle and answers one press, timed from spawn to
 *   answer (Slack's limit: 3,000 ms);
 * - warm: 200 more presses on fresh threads, p50 and p99.
 * The baseline is the same press refused at the signature check (no Bolt, no table, no Slack).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { encodeRef, refFor } from '../src/actions/ref.js';
import { createSlackClient } from '../src/slack/client.js';
import { renderAlert } from '../src/slack/render.js';
import { sampleAlert } from '../test/helpers/alerts.js';
import { startLocalTable } from '../test/helpers/dynalite.js';
import { packagingOptions } from '../test/helpers/packaging.js';
import { blockActionPayload, postedMessage } from '../test/helpers/slack-actions.js';
import { startStandin } from '../test/helpers/slack-standin.js';
import { runCold } from './cold-runner.js';

export const name = 'Acknowledge button ack latency';

const OUT = resolve('.build/bench');
const WARM = 200;
const CONFIG = {
  slack: { defaultChannel: '#aws-alerts' },
  access: { teams: ['T0123ABCD'] },
};

function runnerSource(bundleFile: string, template: string, parents: string[]): string {
  return `
const t0 = performance.now();
const { createHmac } = await import('node:crypto');
const { handler } = await import(${JSON.stringify(pathToFileURL(bundleFile).href)});
const tImported = performance.now();
const secret = process.env.SLACK_SIGNING_SECRET;
const template = ${template};
const parents = ${JSON.stringify(parents)};
function event(i, forged) {
  const payload = structuredClone(template);
  const ts = parents[i];
  payload.message.ts = ts;
  payload.container.message_ts = ts;
  payload.actions[0].action_ts = '1764151400.' + String(100000 + i);
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const now = Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', forged ? 'wrong' : secret).update('v0:' + now + ':' + body).digest('hex');
  return { version: '2.0', routeKey: 'POST /slack/events', rawPath: '/slack/events', rawQueryString: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(now), 'x-slack-signature': sig },
    requestContext: { http: { method: 'POST', path: '/slack/events' } }, body: Buffer.from(body).toString('base64'), isBase64Encoded: true };
}
const first = await handler(event(0, false), {});
const tFirst = performance.now();
if (first.statusCode !== 200) throw new Error('bad cold answer ' + JSON.stringify(first));
process.stdout.write('ANSWERED\\n');
const warm = [];
for (let i = 1; i <= ${WARM}; i++) {
  const s = performance.now();
  const r = await handler(event(i, false), {});
  warm.push(performance.now() - s);
  if (r.statusCode !== 200) throw new Error('bad warm answer ' + r.statusCode);
}
const refused = [];
for (let i = 0; i < ${WARM}; i++) {
  const s = performance.now();
  const r = await handler(event(i, true), {});
  refused.push(performance.now() - s);
  if (r.statusCode !== 401) throw new Error('forged press not refused');
}
process.stdout.write('\\nRESULT ' + JSON.stringify({ importMs: tImported - t0, firstMs: tFirst - tImported, warm, refused }));
`;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

export async function run(): Promise<Record<string, number>> {
  mkdirSync(OUT, { recursive: true });
  const bundleFile = join(OUT, 'slack-actions.mjs');
  await build({
    entryPoints: [resolve('src/handlers/slack.ts')],
    outfile: bundleFile,
    // The packaging settings themselves (esbuild.config.cjs): the SDK is bundled as deployed.
    ...packagingOptions(CONFIG),
    logLevel: 'error',
  });
  const alert = sampleAlert({
    thread: {
      key: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
      state: 'ALARM',
      since: '2026-11-26T14:02:00Z',
    },
  });
  const ref = refFor(alert);
  if (!ref) throw new Error('the sample alarm takes actions');
  const template = blockActionPayload({
    message: postedMessage(renderAlert(alert, { channel: '#aws-alerts' })),
    actionId: 'cloudbell_ack',
    value: encodeRef(ref),
  });
  const table = await startLocalTable();
  // Generous burst: this measures the ack path, not Slack's rate limit.
  const slack = await startStandin({ burst: 10_000, perSecond: 10_000, token: 'xoxb-bench' });
  // The parents the presses are on, posted first so chat.update finds them.
  const client = createSlackClient({ token: 'xoxb-bench', apiUrl: slack.url });
  const parents: string[] = [];
  for (let i = 0; i <= WARM; i++) {
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS1', text: 'parent' });
    parents.push(String(posted.ts));
  }
  slack.calls.length = 0;
  const runner = join(OUT, 'slack-action-runner.mjs');
  writeFileSync(runner, runnerSource(bundleFile, JSON.stringify(template), parents));
  const started = performance.now();
  try {
    const { output, answeredAt } = await runCold(runner, {
      PATH: process.env.PATH,
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: slack.url,
      ERRORS_WORKER_FUNCTION: 'cloudbell-bench-errors-worker',
      CLOUDBELL_TABLE: table.tableName,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDBENCH',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    });
    const result = JSON.parse(output.slice(output.lastIndexOf('RESULT ') + 'RESULT '.length)) as {
      importMs: number;
      firstMs: number;
      warm: number[];
      refused: number[];
    };
    const warm = [...result.warm].sort((a, b) => a - b);
    const refused = [...result.refused].sort((a, b) => a - b);
    const notes = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200).length;
    const updates = slack.calls.filter((c) => c.method === 'chat.update' && !c.error).length;
    return {
      action_bundle_kb: Math.round(statSync(bundleFile).size / 1024),
      action_ack_cold_ms: answeredAt - started,
      action_ack_cold_import_ms: result.importMs,
      action_ack_cold_first_press_ms: result.firstMs,
      action_ack_cold_limit_ms: 3000,
      action_ack_warm_p50_ms: percentile(warm, 50),
      action_ack_warm_p99_ms: percentile(warm, 99),
      action_refused_baseline_p50_ms: percentile(refused, 50),
      action_ack_warm_p50_over_baseline_p50: percentile(warm, 50) / percentile(refused, 50),
      action_thread_notes_posted: notes,
      action_parent_updates: updates,
    };
  } finally {
    await Promise.all([slack.close(), table.close()]);
  }
}
