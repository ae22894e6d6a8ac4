/**
 * QA: drives the PACKAGED slack function (.serverless/slack.zip) with signed API Gateway HTTP API
 * (payload v2) requests: /aws-errors help and a query (the worker invoke), Acknowledge and Snooze
 * presses, a view submission, a replay, a bad signature, base64 and plain bodies. moto stands in
 * for DynamoDB and Secrets Manager, a Lambda stand-in records the worker invoke.
 *
 *   npm run package && npx tsx scripts/qa/slack.ts
 */
import { encodeRef, refFor } from '../../src/actions/ref.js';
import { renderAlert } from '../../src/slack/render.js';
import { sampleAlert } from '../../test/helpers/alerts.js';
import {
  ALICE,
  blockActionPayload,
  postedMessage,
  signedInteraction,
  viewSubmissionPayload,
} from '../../test/helpers/slack-actions.js';
import { signedSlackEvent, slashCommandBody } from '../../test/helpers/slack-request.js';
import { startStandin } from '../../test/helpers/slack-standin.js';
import {
  context,
  createSecret,
  createTable,
  loadHandler,
  startLambdaStandin,
  startMoto,
  template,
  templateEnv,
  unpack,
} from './env.js';

const SECRET = 'qa-signing-secret-0123456789abcdef';
const t = template();
const moto = await startMoto(Number(process.env.QA_MOTO_PORT ?? 5078));
const lambda = await startLambdaStandin();
const slack = await startStandin({ token: 'xoxb-qa' });
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_SESSION_TOKEN: 'testing',
  AWS_ENDPOINT_URL: moto.url,
  AWS_ENDPOINT_URL_LAMBDA: lambda.url,
  AWS_LAMBDA_FUNCTION_NAME: 'cloudbell-dev-slack',
  SLACK_API_URL: slack.url,
  ...templateEnv(t, 'slack', { StateTable: 'cloudbell-dev-state' }),
});
await createTable(t, 'cloudbell-dev-state');
await createSecret(process.env.CLOUDBELL_SECRET_ID as string, { botToken: 'xoxb-qa', signingSecret: SECRET });
const timeout = t.Resources.SlackLambdaFunction.Properties.Timeout as number;
const { handler, importMs } = await loadHandler(t, 'slack', unpack('slack', '/tmp/qa-fn/slack'));

const results: string[] = [];
/** With QA_DUMP=FILE: every answer in full, and the Slack calls the actions made, to diff two builds. */
const dump: unknown[] = [];
type Res = { statusCode?: number; body?: string; headers?: Record<string, string> };
async function call(name: string, event: unknown, expect: (r: Res) => boolean) {
  const started = performance.now();
  let r: Res;
  try {
    r = (await handler(event, context('cloudbell-dev-slack', timeout))) as Res;
  } catch (e) {
    r = { statusCode: -1, body: String(e) };
  }
  const ms = performance.now() - started;
  const ok = expect(r) && ms < 3000;
  const line = `${ok ? 'PASS' : 'FAIL'}  ${name}: status=${r.statusCode} ms=${ms.toFixed(0)} body=${String(r.body ?? '').slice(0, 160)}`;
  results.push(line);
  console.log(line);
  dump.push({ name, statusCode: r.statusCode, headers: r.headers ?? null, body: r.body ?? null });
  return r;
}
const slash = (text: string, o: { base64?: boolean; timestamp?: number; secret?: string } = {}) =>
  signedSlackEvent({
    // Each request its own trigger_id, as Slack sends them.
    body: slashCommandBody({ text, trigger_id: `13345224609.738474920.${crypto.randomUUID().slice(0, 8)}` }),
    signingSecret: o.secret ?? SECRET,
    ...(o.base64 !== undefined ? { base64: o.base64 } : {}),
    ...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}),
  });

console.log(`slack: import=${importMs.toFixed(0)}ms timeout=${timeout}s`);
await call(
  'help (cold, base64 body)',
  slash('help', { base64: true }),
  (r) => r.statusCode === 200 && /aws-errors/.test(r.body ?? ''),
);
await call('help (plain body)', slash('help', { base64: false }), (r) => r.statusCode === 200);
const before = lambda.invokes.length;
await call('query → worker invoke', slash('checkout-api --since 1h'), (r) => r.statusCode === 200);
console.log(
  `  worker invokes: ${lambda.invokes.length - before} ${JSON.stringify(lambda.invokes.at(-1)?.fn)} type=${lambda.invokes.at(-1)?.type}`,
);
const replay = slash('help');
await new Promise((r) => setTimeout(r, 1100));
await call('first of a replayed pair', replay, (r) => r.statusCode === 200);
await call('replay refused', replay, (r) => r.statusCode !== 200);
await call('bad signature → 401', slash('help', { secret: 'wrong' }), (r) => r.statusCode === 401);
await call(
  'stale timestamp → 401',
  slash('help', { timestamp: Math.floor(Date.now() / 1000) - 600 }),
  (r) => r.statusCode === 401,
);
await call(
  'unsigned garbage',
  {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    headers: {},
    body: 'x',
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST' } },
  },
  (r) => r.statusCode === 401,
);

const ALARM_ARN = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors';
const alert = sampleAlert({
  severity: 'high',
  thread: { key: ALARM_ARN, state: 'ALARM', previousState: 'OK', since: new Date().toISOString() },
});
const ref = refFor(alert);
if (!ref) throw new Error('no ref');
const rendered = renderAlert(alert, { channel: '#aws-alerts' });
// The parent really sits in the stand-in's channel, as notify would have posted it.
const posted = (await (
  await fetch(`${slack.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: 'Bearer xoxb-qa', 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'C0ALERTS1',
      text: rendered.text,
      blocks: rendered.blocks,
      attachments: rendered.attachments,
    }),
  })
).json()) as { ts: string };
const message = postedMessage(rendered, posted.ts);
const calls0 = slack.calls.length;
await call(
  'Acknowledge',
  signedInteraction(
    blockActionPayload({ user: ALICE, message, actionId: 'cloudbell_ack', value: encodeRef(ref) }),
    { signingSecret: SECRET },
  ),
  (r) => r.statusCode === 200,
);
await call(
  'Snooze 4h',
  signedInteraction(
    blockActionPayload({ user: ALICE, message, actionId: 'cloudbell_snooze', selected: '4h' }),
    { signingSecret: SECRET },
  ),
  (r) => r.statusCode === 200,
);
await call(
  'view submission (unknown callback)',
  signedInteraction(viewSubmissionPayload({ callbackId: 'cloudbell_redrive', privateMetadata: '{}' }), {
    signingSecret: SECRET,
  }),
  (r) => r.statusCode === 200 || r.statusCode === 400,
);
await call(
  'ssl_check',
  signedSlackEvent({ body: 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO', signingSecret: SECRET }),
  (r) => r.statusCode === 200,
);
await call(
  'another workspace (not in access.teams)',
  signedSlackEvent({ body: slashCommandBody({ team_id: 'T0OTHER99', text: 'help' }), signingSecret: SECRET }),
  (r) => r.statusCode === 200,
);
await call('bad --since', slash('checkout-api --since 9w'), (r) => r.statusCode === 200);
await call('unknown option', slash('--bogus'), (r) => r.statusCode === 200);
await call(
  'unknown button',
  signedInteraction(blockActionPayload({ user: ALICE, message, actionId: 'cloudbell_nope', value: 'x' }), {
    signingSecret: SECRET,
  }),
  // Bolt answers 404 to an action no listener handles (cloudbell never renders one).
  (r) => r.statusCode === 200 || r.statusCode === 404,
);
await call(
  'Acknowledge with a forged value',
  signedInteraction(
    blockActionPayload({
      user: ALICE,
      message,
      actionId: 'cloudbell_ack',
      value: '{"v":1,"f":"<!channel>"}',
    }),
    { signingSecret: SECRET },
  ),
  (r) => r.statusCode === 200,
);
await call(
  'JSON body (Events API shape)',
  signedSlackEvent({
    body: JSON.stringify({ type: 'url_verification', challenge: 'qa-challenge', token: 'x' }),
    contentType: 'application/json',
    signingSecret: SECRET,
  }),
  (r) => (r.statusCode ?? 0) > 0,
);
await new Promise((r) => setTimeout(r, 1500));
if (process.env.QA_DUMP) {
  const calls = slack.calls
    .slice(calls0)
    .map((c) => ({ method: c.method, status: c.status, error: c.error, args: c.args }));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    process.env.QA_DUMP,
    [...dump, { name: 'slack calls', calls }, { name: 'worker invokes', invokes: lambda.invokes }]
      .map((d) => JSON.stringify(d))
      .join('\n'),
  );
}
console.log(
  `  Slack calls after actions: ${JSON.stringify(slack.calls.slice(calls0).map((c) => [c.method, c.status, c.error]))}`,
);
console.log('\n==== summary');
for (const r of results) console.log(r);
await slack.close();
lambda.server.close();
moto.proc.kill();
process.exit(results.some((r) => r.startsWith('FAIL')) ? 1 : 0);
