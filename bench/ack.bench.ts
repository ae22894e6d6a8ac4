/**
 * /aws-errors ack latency of the real `slack` Lambda bundle (esbuild, the packaging settings),
 * answering real signed API Gateway v2 events; the async invoke goes over HTTP to a local
 * stand-in for the Lambda API (AWS_ENDPOINT_URL_LAMBDA), and the replay guard's conditional PutItem
 * to a local stand-in for DynamoDB (AWS_ENDPOINT_URL_DYNAMODB) answering as DynamoDB does.
 * - cold: spawn a fresh Node process that imports the bundle and answers one request, timed
 *   from spawn to answer (target ≤ 750 ms), with the import and first-request parts;
 * - warm: 1,000 more requests in that process, p50 and p99 (target p99 ≤ 20 ms).
 * The baseline is the same request refused at signature check (no Bolt, no invoke).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { packagingOptions } from '../test/helpers/packaging.js';
import { runCold } from './cold-runner.js';

export const name = '/aws-errors ack latency';

const OUT = resolve('.build/bench');
const WARM_REQUESTS = 1000;
const CONFIG = {
  slack: { defaultChannel: '#aws-alerts' },
  access: { teams: ['T0123ABCD'] },
  errors: { regions: ['eu-west-1', 'us-east-1'] },
};

async function bundle(outfile: string): Promise<number> {
  await build({
    entryPoints: [resolve('src/handlers/slack.ts')],
    outfile,
    // The packaging settings themselves (esbuild.config.cjs): the SDK is bundled as deployed.
    ...packagingOptions(CONFIG),
    logLevel: 'error',
  });
  return statSync(outfile).size;
}

/** The child: import, one cold request, then the warm loop; prints JSON timings. */
function runnerSource(bundleFile: string): string {
  return `
const t0 = performance.now();
const { createHmac } = await import('node:crypto');
const { handler } = await import(${JSON.stringify(pathToFileURL(bundleFile).href)});
const tImported = performance.now();
const secret = process.env.SLACK_SIGNING_SECRET;
const texts = ['', 'checkout-api', 'checkout-* --since 2h', '--since 15m --public', 'billing --region us-east-1'];
function event(i, forged) {
  const body = new URLSearchParams({ token: 'x', trigger_id: String(i) + '.' + Math.random(), team_id: 'T0123ABCD', channel_id: 'C0OPS1234', user_id: 'U0ALICE12',
    command: '/aws-errors', text: texts[i % texts.length], response_url: 'https://hooks.slack.com/commands/T0123ABCD/1/abc',
    api_app_id: 'A1' }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', forged ? 'wrong' : secret).update('v0:' + ts + ':' + body).digest('hex');
  return { version: '2.0', routeKey: 'POST /slack/events', rawPath: '/slack/events', rawQueryString: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig },
    requestContext: { http: { method: 'POST', path: '/slack/events' } }, body: Buffer.from(body).toString('base64'), isBase64Encoded: true };
}
const first = await handler(event(0, false), {});
const tFirst = performance.now();
if (first.statusCode !== 200 || !String(first.body).includes('Looking for errors')) throw new Error('bad cold answer ' + JSON.stringify(first));
process.stdout.write('ANSWERED\\n');
const warm = [];
const notStarted = [];
for (let i = 1; i <= ${WARM_REQUESTS}; i++) {
  const s = performance.now();
  const r = await handler(event(i, false), {});
  warm.push(performance.now() - s);
  if (r.statusCode !== 200) throw new Error('bad warm answer ' + r.statusCode);
  if (!String(r.body).includes('Looking for errors')) notStarted.push(String(r.body).slice(0, 200));
}
const refused = [];
for (let i = 0; i < ${WARM_REQUESTS}; i++) {
  const s = performance.now();
  const r = await handler(event(i, true), {});
  refused.push(performance.now() - s);
  if (r.statusCode !== 401) throw new Error('forged request not refused');
}
const replayed = event(1, false);
await handler(replayed, {});
const again = await handler(structuredClone(replayed), {});
process.stdout.write(JSON.stringify({ importMs: tImported - t0, firstMs: tFirst - tImported, warm, refused, replayStatus: again.statusCode, notStarted }));
`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export async function run(): Promise<Record<string, number>> {
  mkdirSync(OUT, { recursive: true });
  const bundleFile = join(OUT, 'slack.mjs');
  const bytes = await bundle(bundleFile);
  const runner = join(OUT, 'slack-ack-runner.mjs');
  writeFileSync(runner, runnerSource(bundleFile));

  // The Lambda Invoke API stand-in: accepts every async invoke with 202, as Lambda does.
  let invokes = 0;
  const lambdaApi = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && /\/functions\/[^/]+\/invocations/.test(req.url ?? '')) invokes += 1;
      res.writeHead(202, { 'content-type': 'application/json' }).end('');
    });
  });
  await new Promise<void>((r) => lambdaApi.listen(0, '127.0.0.1', r));
  const port = (lambdaApi.address() as AddressInfo).port;

  // The DynamoDB stand-in: PutItem with attribute_not_exists(pk), as the replay guard sends it.
  const seen = new Set<string>();
  let puts = 0;
  const dynamoApi = createServer((req, res) => {
    let data = '';
    req.on('data', (d) => {
      data += d;
    });
    req.on('end', () => {
      puts += 1;
      const pk = (JSON.parse(data || '{}') as { Item?: { pk?: { S?: string } } }).Item?.pk?.S ?? '';
      const headers = { 'content-type': 'application/x-amz-json-1.0' };
      if (seen.has(pk)) {
        res.writeHead(400, headers).end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
            message: 'The conditional request failed',
          }),
        );
        return;
      }
      seen.add(pk);
      res.writeHead(200, headers).end('{}');
    });
  });
  await new Promise<void>((r) => dynamoApi.listen(0, '127.0.0.1', r));
  const dynamoPort = (dynamoApi.address() as AddressInfo).port;

  const started = performance.now();
  const { output, answeredAt } = await runCold(runner, {
    PATH: process.env.PATH,
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    ERRORS_WORKER_FUNCTION: 'cloudbell-bench-errors-worker',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${port}`,
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamoPort}`,
    CLOUDBELL_TABLE: 'cloudbell-bench-state',
  });
  lambdaApi.close();
  dynamoApi.close();
  const result = JSON.parse(output.slice(output.indexOf('ANSWERED\n') + 'ANSWERED\n'.length)) as {
    importMs: number;
    firstMs: number;
    warm: number[];
    refused: number[];
    replayStatus: number;
    notStarted: string[];
  };
  if (result.notStarted.length > 0)
    console.warn(`not started: ${result.notStarted.length}, e.g. ${result.notStarted[0]}`);
  const warm = [...result.warm].sort((a, b) => a - b);
  const refused = [...result.refused].sort((a, b) => a - b);
  // Spawn to answer, as the parent sees it: Node start-up, import and the first request.
  const cold = answeredAt - started;
  return {
    ack_bundle_kb: Math.round(bytes / 1024),
    ack_cold_ms: cold,
    ack_cold_import_ms: result.importMs,
    ack_cold_first_request_ms: result.firstMs,
    ack_cold_target_ms: 750,
    ack_warm_p50_ms: percentile(warm, 50),
    ack_warm_p99_ms: percentile(warm, 99),
    ack_warm_target_p99_ms: 20,
    ack_refused_baseline_p50_ms: percentile(refused, 50),
    ack_refused_baseline_p99_ms: percentile(refused, 99),
    ack_warm_p99_over_baseline_p99: percentile(warm, 99) / percentile(refused, 99),
    ack_invokes_received: invokes,
    ack_replay_checks: puts,
    ack_replayed_request_status: result.replayStatus,
    ack_warm_not_started: result.notStarted.length,
  };
}
