/**
 * Evidence latency against stand-ins: notify posts batches of alarms (Slack stand-in, dynalite),
 * hands each posted ALARM to the evidence handler (started at once, as Lambda's async invoke
 * would, not awaited by notify), and the handler draws (CloudWatch stand-in answering a PNG after
 * a fixed delay), uploads through the real files.uploadV2 flow of @slack/web-api to a local HTTP
 * Slack (getUploadURLExternal → upload → completeUploadExternal), claims in dynalite, and replies
 * with the function's errors (the /aws-errors engine over fixture log lines).
 *
 * Real time throughout (the evidence posts wait for the channel's post slots, shared with the
 * alerts, so the first graph comes no sooner than one slot after its alert); each alarm goes to
 * its own channel so the figures are per alarm, not a queue behind other alarms.
 *
 * Figures: alert posted → graph in the thread, → log reply in the thread (median and p95, wall
 * ms), and notify's own time per batch with and without the hand-off, measured in the same run
 * (the baseline): the hand-off must not slow the alerts down.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoLedger } from '../src/aws/evidence-ledger.js';
import { parseConfig } from '../src/core/config.js';
import { systemClock } from '../src/delivery/clock.js';
import { ChannelPacer } from '../src/delivery/pacer.js';
import type { EvidenceJob } from '../src/evidence/evidence-job.js';
import { POST_INTERVAL_MS } from '../src/evidence/pace.js';
import { createEvidenceHandler } from '../src/handlers/evidence.js';
import { createNotifyHandler } from '../src/handlers/notify.js';
import { createSlackClient } from '../src/slack/client.js';
import { webApiEvidence } from '../src/slack/evidence-upload.js';
import { webApiPort } from '../src/slack/web-api-port.js';
import { DynamoStore } from '../src/state/dynamo-store.js';
import { logFixture } from '../test/aws-errors/logs.js';
import { alarmEvent, lambdaContext, sqsEvent, sqsRecord } from '../test/helpers/alarm-events.js';
import { startLocalTable } from '../test/helpers/dynalite.js';
import { StandinGraphs, StandinLogs } from '../test/helpers/evidence-standins.js';
import { startStandin } from '../test/helpers/slack-standin.js';

export const name = 'evidence: alert posted → evidence posted (stand-ins)';

/** CloudWatch stand-in latency for GetMetricWidgetImage (a fixed figure, not a measurement of AWS). */
const WIDGET_MS = 300;
const BATCHES = 6;
const PER_BATCH = 4;

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Slack's upload flow and chat.postMessage, recording when each thread got its evidence. */
async function uploadSlack(): Promise<{
  url: string;
  graphAt: Map<string, number>;
  replyAt: Map<string, number>;
  close(): Promise<void>;
}> {
  const graphAt = new Map<string, number>();
  const replyAt = new Map<string, number>();
  let files = 0;
  const server: Server = createServer(async (req, res) => {
    const text = await body(req);
    const form = Object.fromEntries(new URLSearchParams(text));
    const json = (value: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url?.endsWith('/files.getUploadURLExternal')) {
      files += 1;
      return json({ ok: true, upload_url: `${base}/upload/F${files}`, file_id: `F${files}` });
    }
    if (req.url?.startsWith('/upload/')) {
      res.writeHead(200);
      return res.end(`OK - ${text.length}`);
    }
    if (req.url?.endsWith('/files.completeUploadExternal')) {
      graphAt.set(form.thread_ts ?? '', performance.now());
      return json({ ok: true, files: [{ id: 'F' }] });
    }
    if (req.url?.endsWith('/chat.postMessage')) {
      replyAt.set(form.thread_ts ?? '', performance.now());
      return json({ ok: true, channel: form.channel, ts: `${Date.now() / 1000}` });
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    graphAt,
    replyAt,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

/** none: no hand-off (baseline); record: a hand-off that returns at once, as Lambda's 202 does; evidence: the jobs run. */
type Mode = 'none' | 'record' | 'evidence';

async function notifyRun(mode: Mode): Promise<{
  notifyMs: number[];
  toGraph: number[];
  toReply: number[];
}> {
  const names = Array.from({ length: BATCHES * PER_BATCH }, (_, i) => `bench-${mode}-${i}`);
  const config = parseConfig(
    {
      slack: { defaultChannel: '#aws-alerts' },
      storm: { threshold: 50 },
      routes: names.map((n) => ({ match: { alarmPrefix: [`${n}-`] }, channels: [`#${n}`] })),
    },
    'bench',
  );
  const slack = await startStandin();
  const table = await startLocalTable();
  const upload = await uploadSlack();
  const postedAt = new Map<string, number>();
  const running: Promise<unknown>[] = [];
  const lines = logFixture('node-text');
  try {
    const evidence = createEvidenceHandler({
      config: () => config,
      region: 'us-east-1',
      graphs: new StandinGraphs([], undefined, WIDGET_MS),
      logs: new StandinLogs(),
      errors: () => ({
        errorMetrics: async () => ({ series: [] }),
        // The fixture's error lines, moved into each alarm's window.
        logEvents: async (input) => ({
          events: lines.map((l, i) => ({ timestamp: input.end - 1000 * (i + 1), message: l.message })),
        }),
      }),
      slack: async () =>
        webApiEvidence(createSlackClient({ token: 'xoxb-bench', apiUrl: upload.url, retries: 0 })),
      ledger: () =>
        dynamoLedger({
          tableName: table.tableName,
          dedupeTtlHours: 24,
          client: new DynamoDBClient({
            endpoint: table.endpoint,
            region: 'us-east-1',
            credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
          }),
        }),
      clock: Date.now,
      logger: new Logger({ serviceName: 'cloudbell-evidence', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'cloudbell', serviceName: 'evidence' }),
    });
    const handOff = async (job: EvidenceJob) => {
      postedAt.set(job.threadTs, performance.now());
      // Async invoke: Lambda runs the job elsewhere; notify does not wait for it.
      running.push(evidence(job, lambdaContext(Date.now, 70_000)));
    };
    const store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
    const notify = createNotifyHandler({
      config: () => config,
      slack: async () =>
        webApiPort(
          createSlackClient({ token: 'xoxb-test', apiUrl: slack.url, retries: 0, timeoutMs: 2_000 }),
        ),
      store: () => store,
      actions: () => undefined,
      clock: systemClock,
      pacer: new ChannelPacer(systemClock),
      logger: new Logger({
        serviceName: 'cloudbell-notify',
        logLevel: (process.env.BENCH_LOG as 'DEBUG') ?? 'SILENT',
      }),
      metrics: new Metrics({ namespace: 'cloudbell', serviceName: 'notify' }),
      handOff: mode === 'none' ? undefined : mode === 'record' ? async () => {} : handOff,
    });
    const notifyMs: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const records = names
        .slice(b * PER_BATCH, (b + 1) * PER_BATCH)
        .map((n) => sqsRecord(alarmEvent({ name: `${n}-errors`, state: 'ALARM', at: Date.now() })));
      const start = performance.now();
      const out = await notify(sqsEvent(records), lambdaContext(Date.now, 30_000));
      notifyMs.push(performance.now() - start);
      if (out.batchItemFailures.length > 0) throw new Error('notify failed in the benchmark');
    }
    await Promise.all(running);
    const toGraph: number[] = [];
    const toReply: number[] = [];
    for (const [ts, at] of postedAt) {
      const g = upload.graphAt.get(ts);
      const r = upload.replyAt.get(ts);
      if (g !== undefined) toGraph.push(g - at);
      if (r !== undefined) toReply.push(r - at);
    }
    if (mode === 'evidence' && toGraph.length !== BATCHES * PER_BATCH)
      throw new Error(`${toGraph.length} graphs for ${BATCHES * PER_BATCH} alarms`);
    return { notifyMs, toGraph, toReply };
  } finally {
    await Promise.all([slack.close(), table.close(), upload.close()]);
  }
}

export async function run(): Promise<Record<string, number>> {
  // Warm-up (module loading, JIT, dynalite) before the measured runs.
  await notifyRun('evidence');
  // Baseline and hand-off runs alternate, so neither gains from running later (warmer).
  const baseline = { notifyMs: [] as number[] };
  const seam = { notifyMs: [] as number[] };
  for (let round = 0; round < 3; round++) {
    baseline.notifyMs.push(...(await notifyRun('none')).notifyMs);
    seam.notifyMs.push(...(await notifyRun('record')).notifyMs);
  }
  const measured = await notifyRun('evidence');
  const median = (v: number[]) => quantile(v, 0.5);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    evidence_widget_standin_ms: WIDGET_MS,
    evidence_alarms: measured.toGraph.length,
    evidence_posted_to_graph_p50_ms: round(median(measured.toGraph)),
    evidence_posted_to_graph_p95_ms: round(quantile(measured.toGraph, 0.95)),
    evidence_posted_to_log_reply_p50_ms: round(median(measured.toReply)),
    evidence_posted_to_log_reply_p95_ms: round(quantile(measured.toReply, 0.95)),
    // Evidence posts take the channel's next post slot after their alert: the floor of both figures.
    evidence_channel_post_interval_ms: POST_INTERVAL_MS,
    notify_batch_without_handoff_p50_ms: round(median(baseline.notifyMs)),
    notify_batch_with_handoff_p50_ms: round(median(seam.notifyMs)),
    notify_handoff_ratio: Math.round((median(seam.notifyMs) / median(baseline.notifyMs)) * 1000) / 1000,
  };
}
