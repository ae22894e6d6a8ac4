/**
 * QA: drives the PACKAGED notify function (.serverless/notify.zip) the way AWS does — an SQS
 * poller with the template's batch settings (batch size, batching window, maximum concurrency,
 * ReportBatchItemFailures, maxReceiveCount; the visibility timeout compressed by QA_VIS_S), moto as
 * DynamoDB and Secrets Manager, and a Slack stand-in at 1 post/s/channel (429 + Retry-After).
 *
 *   npm run package && npx tsx scripts/qa/notify.ts      # needs python3 -m moto.server (moto 5)
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandin } from '../../test/helpers/slack-standin.js';
import {
  context,
  createSecret,
  createTable,
  lambdaEnv,
  loadHandler,
  ROOT,
  startDynalite,
  startLambdaStandin,
  startMoto,
  type Template,
  template,
  templateEnv,
  unpack,
} from './env.js';

const t = template();
const esm = Object.values(t.Resources).find(
  (r) => (r as { Type: string }).Type === 'AWS::Lambda::EventSourceMapping',
) as { Properties: Record<string, Template> };
const queue = t.Resources.AlertsQueue.Properties;
const fnProps = t.Resources.NotifyLambdaFunction.Properties;
const BATCH = esm.Properties.BatchSize as number;
const WINDOW_MS = (esm.Properties.MaximumBatchingWindowInSeconds as number) * 1000;
const CONCURRENCY =
  esm.Properties.ScalingConfig?.MaximumConcurrency ?? fnProps.ReservedConcurrentExecutions ?? 1000;
const REPORT_FAILURES = (esm.Properties.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures');
const MAX_RECEIVE = queue.RedrivePolicy.maxReceiveCount as number;
const TIMEOUT_S = fnProps.Timeout as number;
const VIS_MS = Number(process.env.QA_VIS_S ?? 8) * 1000;

const moto = await startMoto(Number(process.env.QA_MOTO_PORT ?? 5077));
const lambda = await startLambdaStandin();
const slack = await startStandin({ burst: 1, perSecond: 1, token: 'xoxb-qa' });
const TABLE = 'cloudbell-dev-state';
Object.assign(process.env, {
  ...lambdaEnv('cloudbell-dev-notify', moto.url),
  AWS_ENDPOINT_URL_LAMBDA: lambda.url,
  SLACK_API_URL: slack.url,
  ...templateEnv(t, 'notify', { StateTable: TABLE }),
});
const dynalite = await startDynalite();
await createSecret(process.env.CLOUDBELL_SECRET_ID as string, {
  botToken: 'xoxb-qa',
  signingSecret: 'qa-signing',
});

const dir = unpack('notify', '/tmp/qa-fn/notify');
type Env = { handler: (e: unknown, c: unknown) => Promise<unknown>; importMs: number; busy: boolean };
let envs: Env[] = [];
let generation = 0;
/**
 * Each scenario starts from a new deployment: an empty table and cold execution environments,
 * one module instance per concurrent environment (as Lambda keeps them apart).
 */
async function freshDeployment() {
  generation += 1;
  const table = `${TABLE}-${generation}`;
  await createTable(t, table);
  process.env.CLOUDBELL_TABLE = table;
  envs = await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, i) => {
      const { handler, importMs } = await loadHandler(t, 'notify', dir, generation * 100 + i);
      return { handler, importMs, busy: false };
    }),
  );
}
await freshDeployment();

interface Msg {
  id: string;
  body: string;
  receives: number;
  visibleAt: number;
  sentAt: number;
}
let queueMsgs: Msg[] = [];
const dlq: Msg[] = [];
let invocations = 0;
let failedItems = 0;
let thrown = 0;
let timeouts = 0;
let maxInflight = 0;
let inflight = 0;

function send(body: unknown): string {
  const id = randomUUID();
  queueMsgs.push({
    id,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    receives: 0,
    visibleAt: Date.now(),
    sentAt: Date.now(),
  });
  return id;
}

function record(m: Msg) {
  return {
    messageId: m.id,
    receiptHandle: `rh-${m.id}-${m.receives}`,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receives),
      SentTimestamp: String(m.sentAt),
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: String(m.sentAt + 1),
    },
    messageAttributes: {},
    md5OfBody: 'x',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:cloudbell-dev-alerts',
    awsRegion: 'us-east-1',
  };
}

async function invoke(env: (typeof envs)[number], batch: Msg[]) {
  env.busy = true;
  inflight += 1;
  maxInflight = Math.max(maxInflight, inflight);
  invocations += 1;
  let failed: Set<string>;
  try {
    const result = (await Promise.race([
      env.handler({ Records: batch.map(record) }, context('cloudbell-dev-notify', TIMEOUT_S)),
      new Promise((_, rej) => setTimeout(() => rej(new Error('Task timed out')), TIMEOUT_S * 1000)),
    ])) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
    const ids = (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
    if (!REPORT_FAILURES && ids.length) failed = new Set(batch.map((m) => m.id));
    // An itemIdentifier that is not in the batch fails the whole batch (AWS behaviour).
    else if (ids.some((id) => !batch.some((m) => m.id === id))) failed = new Set(batch.map((m) => m.id));
    else failed = new Set(ids);
    failedItems += failed.size;
  } catch (e) {
    if ((e as Error).message === 'Task timed out') timeouts += 1;
    else thrown += 1;
    console.error(`  invocation failed: ${(e as Error).name}: ${(e as Error).message}`);
    failed = new Set(batch.map((m) => m.id));
  }
  for (const m of batch) {
    if (!failed.has(m.id)) queueMsgs = queueMsgs.filter((q) => q.id !== m.id);
  }
  inflight -= 1;
  env.busy = false;
}

/** The event source mapping: batch when full or when the window has passed, up to the concurrency. */
async function drain(limitMs = 240_000, sending: () => boolean = () => false): Promise<number> {
  const start = Date.now();
  let windowStart: number | undefined;
  while (Date.now() - start < limitMs) {
    const now = Date.now();
    // Past maxReceiveCount: to the DLQ on the next receive.
    for (const m of queueMsgs.filter((q) => q.visibleAt <= now && q.receives >= MAX_RECEIVE)) {
      dlq.push(m);
      queueMsgs = queueMsgs.filter((q) => q !== m);
    }
    const visible = queueMsgs.filter((q) => q.visibleAt <= now);
    if (visible.length === 0 && inflight === 0 && queueMsgs.length === 0 && !sending())
      return Date.now() - start;
    if (visible.length > 0) windowStart ??= now;
    const free = envs.find((e) => !e.busy);
    if (free && visible.length > 0 && (visible.length >= BATCH || now - (windowStart ?? now) >= WINDOW_MS)) {
      const batch = visible.slice(0, BATCH);
      for (const m of batch) {
        m.receives += 1;
        m.visibleAt = now + VIS_MS;
      }
      windowStart = undefined;
      void invoke(free, batch);
      continue;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('queue did not drain');
}

function alarm(name: string, state: string, previous: string, at: number, account = '210987654321') {
  const base = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/delivery/alarm-state-change.json'), 'utf8'));
  const cw = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
  return {
    ...base,
    id: randomUUID(),
    account,
    time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    resources: [`arn:aws:cloudwatch:eu-west-1:${account}:alarm:${name}`],
    detail: {
      ...base.detail,
      alarmName: name,
      previousState: { ...base.detail.previousState, value: previous, timestamp: cw(at - 60_000) },
      state: { ...base.detail.state, value: state, timestamp: cw(at) },
    },
  };
}

/** SNS → SQS delivery (raw delivery off): the body is SNS's JSON notification. */
function snsBody(sns: Record<string, Template>) {
  return {
    Type: sns.Type ?? 'Notification',
    MessageId: sns.MessageId ?? randomUUID(),
    TopicArn: sns.TopicArn,
    ...(sns.Subject ? { Subject: sns.Subject } : {}),
    Message: sns.Message,
    Timestamp: sns.Timestamp ?? new Date().toISOString(),
    SignatureVersion: sns.SignatureVersion ?? '1',
    Signature: sns.Signature ?? 'EXAMPLE',
    SigningCertURL: sns.SigningCertURL ?? sns.SigningCertUrl ?? 'https://sns.us-east-1.amazonaws.com/x.pem',
    UnsubscribeURL:
      sns.UnsubscribeURL ?? sns.UnsubscribeUrl ?? 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
  };
}

/** A sample as it would sit in the alerts queue. */
function asQueueBody(sample: Template): unknown[] {
  if (Array.isArray(sample?.Records)) {
    return sample.Records.map((r: Template) => (r.Sns ? snsBody(r.Sns) : r.body !== undefined ? r.body : r));
  }
  return [sample];
}

const results: string[] = [];
function report(name: string, ok: boolean, figures: string) {
  const line = `${ok ? 'PASS' : 'FAIL'}  ${name}: ${figures}`;
  results.push(line);
  console.log(line);
}
function snapshot() {
  return {
    upd: slack.messages.reduce((a, m) => a + m.updates, 0),
    msgs: slack.messages.length,
    calls: slack.calls.length,
    r429: slack.rateLimited,
    inv: invocations,
    dlq: dlq.length,
    failedItems,
    thrown,
    timeouts,
  };
}
function delta(s: ReturnType<typeof snapshot>) {
  const n = snapshot();
  return {
    messages: n.msgs - s.msgs,
    updates: n.upd - s.upd,
    slackCalls: n.calls - s.calls,
    r429: n.r429 - s.r429,
    invocations: n.inv - s.inv,
    dlq: n.dlq - s.dlq,
    failedItems: n.failedItems - s.failedItems,
    thrown: n.thrown - s.thrown,
    timeouts: n.timeouts - s.timeouts,
  };
}
const fmt = (o: object) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
const textOf = (m: { text: string; blocks: unknown[] }) => JSON.stringify([m.text, m.blocks]);
const only = (process.env.QA_ONLY ?? '').split(',').filter(Boolean);
const DUMP = process.env.QA_DUMP;
if (DUMP) writeFileSync(DUMP, '');
/**
 * After each scenario: when its first and last successful post or update reached Slack, counted
 * from the scenario's start (what a user sees last), and with QA_DUMP=FILE one JSON line per
 * scenario holding its messages in post order (threads as indexes), to compare two builds.
 */
function visibility(name: string, startedAt: number, callsBefore: number, msgsBefore: number) {
  const shown = slack.calls
    .slice(callsBefore)
    .filter((c) => c.status === 200 && !c.error && /^chat\.(postMessage|update)$/.test(c.method));
  const first = (shown[0]?.at ?? startedAt - 1) - startedAt;
  const last = shown.length ? Math.max(...shown.map((c) => c.at)) - startedAt : -1;
  console.log(`  visible: first=${first}ms last=${last}ms (from the scenario's start)`);
  if (!DUMP) return;
  const msgs = slack.messages.slice(msgsBefore);
  const index = new Map(msgs.map((m, i) => [m.ts, i]));
  const rows = msgs.map((m) => ({
    channel: m.channel,
    thread: m.thread_ts === undefined ? null : (index.get(m.thread_ts) ?? 'outside'),
    broadcast: m.reply_broadcast ?? false,
    updates: m.updates,
    text: m.text,
    blocks: m.blocks,
    attachments: m.attachments ?? null,
  }));
  appendFileSync(DUMP, `${JSON.stringify({ scenario: name, messages: rows })}\n`);
}
const run = async (name: string, fn: () => Promise<void>) => {
  if (only.length && !only.some((o) => name.includes(o))) return;
  await freshDeployment();
  const [startedAt, callsBefore, msgsBefore] = [Date.now(), slack.calls.length, slack.messages.length];
  try {
    await fn();
  } catch (e) {
    report(name, false, `harness error ${(e as Error).stack}`);
  }
  visibility(name, startedAt, callsBefore, msgsBefore);
};

console.log(
  `notify: batch=${BATCH} window=${WINDOW_MS}ms concurrency=${CONCURRENCY} reportFailures=${REPORT_FAILURES} maxReceive=${MAX_RECEIVE} timeout=${TIMEOUT_S}s vis(compressed)=${VIS_MS}ms import=${envs.map((e) => e.importMs.toFixed(0)).join('/')}ms`,
);

await run('A1 isolated ALARM then OK (same batch)', async () => {
  const s = snapshot();
  const now = Date.now();
  send(alarm('qa-a1', 'ALARM', 'OK', now - 60_000));
  send(alarm('qa-a1', 'OK', 'ALARM', now));
  const ms = await drain();
  const d = delta(s);
  const msgs = slack.messages.slice(-d.messages);
  const parent = slack.messages.find((m) => textOf(m).includes('qa-a1') && !m.thread_ts);
  const reply = parent && slack.messages.find((m) => m.thread_ts === parent.ts);
  // Either a thread (ALARM parent, OK reply) or, when both changes share a batch, one resolved
  // message naming the flap ("ALARM hh:mm → OK hh:mm").
  const ok = d.dlq === 0 && !!parent && (!!reply || /ALARM [^"]*→ OK/.test(parent.text));
  report(
    'A1 isolated ALARM then OK (same batch)',
    ok,
    `${fmt(d)} ms=${ms} parent=${JSON.stringify(parent?.text)} reply=${JSON.stringify(reply?.text)} parentUpdates=${parent?.updates} all=${JSON.stringify(msgs.map((m) => [m.thread_ts ? 'reply' : 'top', m.text.slice(0, 80)]))}`,
  );
});

await run('A2 ALARM then OK (separate batches)', async () => {
  const s = snapshot();
  const now = Date.now();
  send(alarm('qa-a2', 'ALARM', 'OK', now - 60_000));
  await drain();
  send(alarm('qa-a2', 'OK', 'ALARM', now));
  const ms = await drain();
  const d = delta(s);
  const parent = slack.messages.find((m) => textOf(m).includes('qa-a2') && !m.thread_ts);
  const reply = parent && slack.messages.find((m) => m.thread_ts === parent.ts);
  report(
    'A2 ALARM then OK (separate batches)',
    !!parent && !!reply && d.dlq === 0,
    `${fmt(d)} ms=${ms} parent=${JSON.stringify(parent?.text)} reply=${JSON.stringify(reply?.text)} parentUpdates=${parent?.updates}`,
  );
});

await run('A3 OK queued before ALARM (out of order)', async () => {
  const s = snapshot();
  const now = Date.now();
  send(alarm('qa-a3', 'OK', 'ALARM', now));
  send(alarm('qa-a3', 'ALARM', 'OK', now - 60_000));
  const ms = await drain();
  const d = delta(s);
  const mine = slack.messages.filter((m) => textOf(m).includes('qa-a3'));
  const top = mine.filter((m) => !m.thread_ts);
  // The latest state visible in the channel must be OK (never the ALARM shown last as current).
  report(
    'A3 OK queued before ALARM (out of order)',
    d.dlq === 0,
    `${fmt(d)} ms=${ms} msgs=${JSON.stringify(mine.map((m) => [m.thread_ts ? 'reply' : 'top', m.text.slice(0, 100), m.updates]))} top=${top.length}`,
  );
});

await run('B storm of 50 alarms', async () => {
  const s = snapshot();
  const now = Date.now();
  for (let i = 0; i < 50; i++)
    send(alarm(`qa-storm-${String(i).padStart(2, '0')}`, 'ALARM', 'OK', now - i * 1000));
  const ms = await drain(400_000);
  const d = delta(s);
  const text = slack.messages.map(textOf).join('\n');
  const missing = Array.from({ length: 50 }, (_, i) => `qa-storm-${String(i).padStart(2, '0')}`).filter(
    (n) => !text.includes(n),
  );
  report(
    'B storm of 50 alarms',
    d.dlq === 0 && missing.length === 0,
    `${fmt(d)} ms=${ms} maxInflight=${maxInflight} missingNames=${missing.length} ${missing.slice(0, 5).join(',')}`,
  );
});

await run('C duplicates (same event 3x)', async () => {
  const s = snapshot();
  const ev = alarm('qa-dup', 'ALARM', 'OK', Date.now());
  send(ev);
  send(ev);
  send(ev);
  await drain();
  send(ev);
  const ms = await drain();
  const d = delta(s);
  const posts = slack.messages.filter((m) => textOf(m).includes('qa-dup'));
  report(
    'C duplicates (same event 3x, +1 later)',
    posts.length === 1 && d.dlq === 0,
    `${fmt(d)} ms=${ms} posts=${posts.length}`,
  );
});

await run('D SNS-wrapped alarm notifications', async () => {
  const s = snapshot();
  const sample = JSON.parse(readFileSync(join(ROOT, 'samples/alarms/sns-classic.json'), 'utf8'));
  const bodies = asQueueBody(sample);
  for (const b of bodies) send(b);
  const msg = JSON.parse((bodies[0] as Template).Message);
  // An ALARM then OK via SNS, with a new alarm name.
  const at = Date.now();
  const mk = (state: string, old: string, ts: number) =>
    snsBody({
      TopicArn: 'arn:aws:sns:eu-west-1:210987654321:cloudbell-alarms',
      Subject: `${state}: "qa-sns" in EU (Ireland)`,
      Message: JSON.stringify({
        ...msg,
        AlarmName: 'qa-sns',
        AlarmArn: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:qa-sns',
        NewStateValue: state,
        OldStateValue: old,
        StateChangeTime: new Date(ts).toISOString().replace('Z', '+0000'),
      }),
    });
  send(mk('ALARM', 'OK', at - 60_000));
  send(mk('OK', 'ALARM', at));
  const ms = await drain();
  const d = delta(s);
  const parent = slack.messages.find((m) => textOf(m).includes('qa-sns') && !m.thread_ts);
  const reply = parent && slack.messages.find((m) => m.thread_ts === parent.ts);
  report(
    'D SNS-wrapped alarm notifications',
    d.dlq === 0 && !!parent && (!!reply || /ALARM [^"]*→ OK/.test(parent.text)) && d.messages >= 2,
    `${fmt(d)} ms=${ms} parent=${JSON.stringify(parent?.text)} reply=${JSON.stringify(reply?.text)}`,
  );
});

function jsonFiles(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : f.endsWith('.json') ? [p] : [];
  });
}

await run('E every sample and family fixture', async () => {
  const files = [...jsonFiles(join(ROOT, 'samples')), ...jsonFiles(join(ROOT, 'test/fixtures/families'))];
  const perFile: string[] = [];
  let silent = 0;
  let bad = 0;
  let posted = 0;
  for (const f of files) {
    const rel = f.slice(ROOT.length + 1);
    let sample: unknown;
    try {
      sample = JSON.parse(readFileSync(f, 'utf8'));
    } catch {
      perFile.push(`  ${rel}: not JSON`);
      continue;
    }
    // Each sample alone, on a new deployment: what a user sees for that one event.
    await freshDeployment();
    const before = slack.messages.length;
    const beforeDlq = dlq.length;
    const beforeFail = failedItems;
    const logs: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      logs.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      for (const b of asQueueBody(sample)) send(b);
      await drain();
    } finally {
      process.stdout.write = write;
    }
    const n = slack.messages.length - before;
    posted += n;
    const reasons = logs
      .filter(
        (l) => l.includes('"not posted"') || l.includes('"level":"ERROR"') || l.includes('"level":"WARN"'),
      )
      .map((l) => {
        const j = JSON.parse(l);
        return `${j.level} ${j.message} ${j.reason ?? j.problem ?? j.error?.message ?? ''}`;
      });
    if (dlq.length > beforeDlq || failedItems > beforeFail) {
      bad += 1;
      perFile.push(`  ${rel}: DLQ/FAILED ${reasons.join('; ')}`);
    } else if (n === 0) {
      silent += 1;
      perFile.push(`  ${rel}: no message: ${reasons.join('; ')}`);
    } else if (reasons.length) perFile.push(`  ${rel}: posted ${n}; ${reasons.join('; ')}`);
  }
  report(
    'E every sample and family fixture',
    bad === 0,
    `${files.length} files posted=${posted} silent=${silent} failed=${bad}\n${perFile.join('\n')}`,
  );
});

await run('F poison records mixed into a batch', async () => {
  const s = snapshot();
  const now = Date.now();
  const poison = [
    'not json',
    '',
    'null',
    '[]',
    '{}',
    '{"detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch","detail":null}',
    '{"Type":"Notification","Message":"{broken"}',
    'x'.repeat(250_000),
    '\ud800\udfff<@U123> <!channel> *bold*',
    '{"Records":[{"EventSource":"aws:sns"}]}',
  ];
  for (let i = 0; i < 5; i++) send(alarm(`qa-poison-ok-${i}`, 'ALARM', 'OK', now - i));
  for (const p of poison) send(p);
  const ms = await drain();
  const d = delta(s);
  const text = slack.messages.map(textOf).join('\n');
  const goodPosted = [0, 1, 2, 3, 4].filter((i) => text.includes(`qa-poison-ok-${i}`)).length;
  const leaked = /<!channel>/.test(
    slack.messages
      .slice(-d.messages)
      .map((m) => m.text)
      .join(''),
  );
  report(
    'F poison records mixed in',
    d.dlq === 0 && goodPosted === 5 && !leaked,
    `${fmt(d)} ms=${ms} good=${goodPosted}/5 poison=${poison.length} mentionLeak=${leaked} maxLen=${Math.max(...slack.messages.slice(-d.messages).map((m) => m.text.length))}`,
  );
});

await run('G Slack 429 burst and 500s', async () => {
  const s = snapshot();
  slack.fail({ method: 'chat.postMessage', response: { status: 429 }, count: 6 });
  slack.fail({ method: 'chat.postMessage', response: { status: 500 }, count: 3 });
  const now = Date.now();
  for (let i = 0; i < 12; i++) send(alarm(`qa-429-${i}`, 'ALARM', 'OK', now - i));
  const ms = await drain();
  const d = delta(s);
  const text = slack.messages.map(textOf).join('\n');
  const missing = Array.from({ length: 12 }, (_, i) => i).filter((i) => !text.includes(`qa-429-${i}`));
  report(
    'G Slack 429 burst (6x 429 w/o Retry-After, 3x 500)',
    d.dlq === 0 && missing.length === 0,
    `${fmt(d)} ms=${ms} missing=${missing.join(',')}`,
  );
});

await run('H Slack hangs past the function timeout', async () => {
  const s = snapshot();
  slack.fail({ method: 'chat.postMessage', response: { hangMs: 40_000 }, count: 2 });
  const now = Date.now();
  for (let i = 0; i < 3; i++) send(alarm(`qa-hang-${i}`, 'ALARM', 'OK', now - i));
  const ms = await drain();
  // The stand-in answers a hung call when its 40 s are up and keeps the message, as Slack may
  // post a message whose client gave up. Every hung call began before the queue drained: wait
  // 40 s more, so their late posts count here, not in the next scenario.
  await new Promise((r) => setTimeout(r, 41_000));
  const d = delta(s);
  const mine = slack.messages.slice(-d.messages);
  const text = mine.map(textOf).join('\n');
  const missing = [0, 1, 2].filter((i) => !text.includes(`qa-hang-${i}`));
  const twice = [0, 1, 2].filter((i) => mine.filter((m) => textOf(m).includes(`qa-hang-${i}`)).length > 1);
  report(
    'H Slack hangs 40 s (x2)',
    d.dlq === 0 && d.timeouts === 0 && missing.length === 0,
    `${fmt(d)} ms=${ms} missing=${missing.join(',')} postedTwice=${twice.map((i) => `qa-hang-${i}`).join(',')}`,
  );
});

/** Sends `bodies` at `perSecond` while the poller runs, as a storm reaches the queue over time. */
async function sendOverTime(bodies: unknown[], perSecond: number): Promise<number> {
  let sending = true;
  const feeding = (async () => {
    for (let i = 0; i < bodies.length; i++) {
      send(bodies[i]);
      if ((i + 1) % perSecond === 0) await new Promise((r) => setTimeout(r, 1000));
    }
    sending = false;
  })();
  const ms = await drain(400_000, () => sending);
  await feeding;
  return ms;
}

await run('I rolling storm: 300 ALARMs at 30/s, then OK for 40 of them', async () => {
  const s = snapshot();
  const now = Date.now();
  const name = (i: number) => `qa-roll-${String(i).padStart(3, '0')}`;
  const alarms = Array.from({ length: 300 }, (_, i) =>
    alarm(name(i), 'ALARM', 'OK', now - 300_000 + i * 100),
  );
  const oks = Array.from({ length: 40 }, (_, i) => alarm(name(i * 7), 'OK', 'ALARM', now + i * 100));
  const ms = (await sendOverTime(alarms, 30)) + (await sendOverTime(oks, 20));
  const d = delta(s);
  const mine = slack.messages.slice(-d.messages);
  const text = mine.map(textOf).join('\n');
  const missing = alarms.map((_, i) => name(i)).filter((n) => !text.includes(n));
  const okMissing = oks
    .map((_, i) => name(i * 7))
    .filter(
      (n) =>
        !mine.some((m) => m.thread_ts && textOf(m).includes(n)) &&
        !new RegExp(`OK[^"]*${n}|${n}[^"]*OK`).test(text),
    );
  report(
    'I rolling storm 300 + 40 OK',
    d.dlq === 0 && missing.length === 0,
    `${fmt(d)} ms=${ms} maxInflight=${maxInflight} top=${mine.filter((m) => !m.thread_ts).length} replies=${mine.filter((m) => m.thread_ts).length} missingNames=${missing.length} okNotShown=${okMissing.length}`,
  );
});

await run('J two channels at once: security events beside an alarm storm', async () => {
  const s = snapshot();
  const now = Date.now();
  const sec = JSON.parse(readFileSync(join(ROOT, 'samples/security/root-console-sign-in.json'), 'utf8'));
  const bodies: unknown[] = [];
  for (let i = 0; i < 60; i++) {
    bodies.push(alarm(`qa-j-${String(i).padStart(2, '0')}`, 'ALARM', 'OK', now - 60_000 + i * 10));
    if (i % 10 === 0)
      bodies.push({ ...sec, id: randomUUID(), detail: { ...sec.detail, eventID: randomUUID() } });
  }
  const ms = await sendOverTime(bodies, 20);
  const d = delta(s);
  const mine = slack.messages.slice(-d.messages);
  const byChannel = [...new Set(mine.map((m) => m.channel))].map(
    (c) => `${c}:${mine.filter((m) => m.channel === c).length}`,
  );
  report('J two channels at once', d.dlq === 0, `${fmt(d)} ms=${ms} perChannel=${byChannel.join(',')}`);
});

await run('K the state table is missing', async () => {
  const s = snapshot();
  // New environments on a table that does not exist (the next scenario's deployment names a real one).
  process.env.CLOUDBELL_TABLE = 'cloudbell-dev-no-such-table';
  envs = await Promise.all(
    envs.map(async (_, i) => ({
      ...(await loadHandler(t, 'notify', dir, generation * 100 + 50 + i)),
      busy: false,
    })),
  );
  const now = Date.now();
  send(alarm('qa-k', 'ALARM', 'OK', now - 60_000));
  await drain();
  send(alarm('qa-k', 'OK', 'ALARM', now));
  for (let i = 0; i < 8; i++) send(alarm(`qa-k-storm-${i}`, 'ALARM', 'OK', now - i));
  const ms = await drain();
  const d = delta(s);
  const text = slack.messages.slice(-d.messages).map(textOf).join('\n');
  const missing = Array.from({ length: 8 }, (_, i) => `qa-k-storm-${i}`).filter((n) => !text.includes(n));
  report(
    'K state table missing',
    d.dlq === 0 && missing.length === 0 && text.includes('qa-k'),
    `${fmt(d)} ms=${ms} missing=${missing.join(',')}`,
  );
});

await run('L Slack refuses blocks, then an update fails', async () => {
  const s = snapshot();
  slack.fail({ method: 'chat.postMessage', response: { error: 'invalid_blocks' }, count: 1 });
  slack.fail({ method: 'chat.update', response: { error: 'message_not_found' }, count: 2 });
  slack.fail({ method: 'chat.postMessage', response: { error: 'msg_too_long' }, count: 1 });
  const now = Date.now();
  send(alarm('qa-l', 'ALARM', 'OK', now - 60_000));
  await drain();
  send(alarm('qa-l', 'OK', 'ALARM', now));
  const ms = await drain();
  const d = delta(s);
  const mine = slack.messages.slice(-d.messages);
  report(
    'L Slack refuses blocks / update fails',
    d.dlq === 0 && mine.some((m) => textOf(m).includes('qa-l')),
    `${fmt(d)} ms=${ms} msgs=${JSON.stringify(mine.map((m) => [m.thread_ts ? 'reply' : 'top', m.text.slice(0, 90), m.updates]))}`,
  );
});

await run('M storm across batches while chat.update fails', async () => {
  const s = snapshot();
  slack.fail({ method: 'chat.update', response: { status: 500 }, count: 4 });
  const now = Date.now();
  const bodies = Array.from({ length: 120 }, (_, i) =>
    alarm(`qa-m-${String(i).padStart(3, '0')}`, 'ALARM', 'OK', now - 120_000 + i * 100),
  );
  const ms = await sendOverTime(bodies, 40);
  const d = delta(s);
  const text = slack.messages.slice(-d.messages).map(textOf).join('\n');
  const missing = bodies.map((_, i) => `qa-m-${String(i).padStart(3, '0')}`).filter((n) => !text.includes(n));
  report(
    'M storm while chat.update fails',
    d.dlq === 0 && missing.length === 0,
    `${fmt(d)} ms=${ms} missingNames=${missing.length}`,
  );
});

// What notify handed to other functions (the evidence jobs), in order, for the same comparison.
if (DUMP)
  appendFileSync(DUMP, `${JSON.stringify({ scenario: 'lambda invokes', invokes: lambda.invokes })}\n`);

console.log('\n==== summary');
for (const r of results) console.log(r.split('\n')[0]);
console.log(
  `total: invocations=${invocations} slackCalls=${slack.calls.length} posts=${slack.messages.length} 429=${slack.rateLimited} dlq=${dlq.length} thrown=${thrown} timeouts=${timeouts} lambdaInvokes=${lambda.invokes.length}`,
);
await slack.close();
lambda.server.close();
moto.proc.kill();
dynalite?.kill();
process.exit(results.some((r) => r.startsWith('FAIL')) ? 1 : 0);
