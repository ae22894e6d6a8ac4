/**
 * Fault injection for the notify handler: each scenario asserts what a reader of the channel
 * finally sees (every message, thread and edit, each alarm's latest state). dynalite is the
 * real DynamoDB API (behind a real TCP front that misbehaves on request), the Slack stand-in
 * answers like Slack at 1 post/s/channel. Real time where timing matters (the table's
 * timeouts), simulated time where minutes pass (outages, visibility timeouts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDynamoCaller } from '../../src/aws/dynamodb.js';
import { type Config, parseConfig } from '../../src/core/config.js';
import { systemClock } from '../../src/delivery/clock.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import type { DeliveryStore } from '../../src/delivery/store.js';
import { createNotifyHandler } from '../../src/handlers/notify.js';
import { createSlackClient } from '../../src/slack/client.js';
import { webApiPort } from '../../src/slack/web-api-port.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { alarmEvent, lambdaContext, snsAlarmBody, sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { localNotify, notifyTestDeps } from '../helpers/local-notify.js';
import { runPoller } from '../helpers/poller.js';
import { runQueue } from '../helpers/queue-sim.js';
import { alarmView } from '../helpers/reader.js';
import { ScaledClock } from '../helpers/scaled-clock.js';
import { SimClock } from '../helpers/sim-clock.js';
import { type SlackStandin, startStandin } from '../helpers/slack-standin.js';
import { refusingEndpoint, startFaultyTable } from '../helpers/table-faults.js';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const config: Config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'test');
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

const names = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);

/** The template's plan (serverless.yml), as the bench reads it. */
const PLAN = { batchSize: 100, batchWindowMs: 1_000, visibilityTimeoutMs: 185_000, maxReceiveCount: 5 };

interface RealHarness {
  readonly slack: SlackStandin;
  readonly metrics: Metrics;
  invoke(event: SQSEvent): Promise<{ failed: string[] }>;
}

/** notify in real time against a table at `endpoint` (which may misbehave). */
async function realTime(endpoint: string, tableName: string): Promise<RealHarness> {
  const slack = await startStandin();
  open.push(slack);
  const client = createDynamoCaller({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const store = new DynamoStore({ client, tableName, dedupeTtlHours: 24 });
  const metrics = new Metrics({ namespace: 'cloudbell', serviceName: 'notify' });
  const notify = createNotifyHandler(
    notifyTestDeps({
      config: () => config,
      slack: async () =>
        webApiPort(
          createSlackClient({ token: 'xoxb-test', apiUrl: slack.url, retries: 0, timeoutMs: 2_000 }),
        ),
      store: (_config, guard) => store.withGuard(guard),
      clock: systemClock,
      pacer: new ChannelPacer(systemClock),
      logger: new Logger({ serviceName: 'cloudbell-notify', logLevel: 'SILENT' }),
      metrics,
    }),
  );
  return {
    slack,
    metrics,
    async invoke(event) {
      // As Lambda would: the invocation is over at its timeout, whatever the handler does.
      const timedOut = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), 30_000).unref(),
      );
      const result = await Promise.race([
        notify(
          event,
          lambdaContext(() => Date.now(), 30_000),
        ),
        timedOut,
      ]);
      if (result === 'timeout') throw new Error('the invocation timed out');
      return { failed: result.batchItemFailures.map((f) => f.itemIdentifier) };
    },
  };
}

function stormBatch(prefix: string, n = 10) {
  const at = Date.now();
  return sqsEvent(names(n, prefix).map((name) => sqsRecord(alarmEvent({ name, state: 'ALARM', at }))));
}

describe('a table that does not answer', () => {
  it.each([
    [
      'refuses connections',
      async (_table: LocalTable) => ({ endpoint: await refusingEndpoint(), requests: () => 0 }),
    ],
    [
      'black-holes (accepts connections, never answers)',
      async (table: LocalTable) => {
        const front = await startFaultyTable(table.endpoint, { kind: 'blackhole' });
        open.push(front);
        return { endpoint: front.endpoint, requests: () => front.operations.length };
      },
    ],
  ])(
    '%s: every alert of the batch is posted, once, well inside the Lambda timeout',
    async (_, faulty) => {
      const table = await startLocalTable();
      open.push(table);
      const { endpoint, requests } = await faulty(table);
      const h = await realTime(endpoint, table.tableName);
      const counted = vi.spyOn(h.metrics, 'addMetric');
      const { failed } = await h.invoke(stormBatch('hung'));
      expect(failed).toEqual([]);
      // Ten alarms at once: one digest naming each of them.
      for (const name of names(10, 'hung')) {
        const view = alarmView(h.slack, name);
        expect(view.topLevel, name).toHaveLength(1);
        expect(view.shownState, name).toBe('ALARM');
      }
      expect(h.slack.channelMessages()).toHaveLength(1);
      // Each alert posted without the table is counted; once judged unavailable, the table is left
      // alone: one wave of ten claims, each with the SDK's one retry, and nothing after it.
      expect(counted).toHaveBeenCalledWith('StateUnavailable', 'Count', 10);
      expect(requests()).toBeLessThanOrEqual(2 * 10);
    },
    40_000,
  );

  it('answers slowly (2 s a call): the alerts still go out once, within the timeout', async () => {
    const table = await startLocalTable();
    const front = await startFaultyTable(table.endpoint, { kind: 'slow', delayMs: 2_000 });
    open.push(table, front);
    const h = await realTime(front.endpoint, table.tableName);
    const at = Date.now();
    const event = sqsEvent(
      names(3, 'slow').map((name) => sqsRecord(alarmEvent({ name, state: 'ALARM', at }))),
    );
    const { failed } = await h.invoke(event);
    expect(failed).toEqual([]);
    for (const name of names(3, 'slow')) expect(alarmView(h.slack, name).topLevel, name).toHaveLength(1);
    expect(h.slack.messages).toHaveLength(3);
  }, 40_000);
});

describe('the packaged notify bundle', () => {
  it('posts every alert of a batch against a black-holed table', async () => {
    const { buildNotifyBundle } = await import('../helpers/bundle.js');
    const table = await startLocalTable();
    const front = await startFaultyTable(table.endpoint, { kind: 'blackhole' });
    const slack = await startStandin();
    open.push(table, front, slack);
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.url,
      CLOUDBELL_TABLE: table.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: front.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
    const result = await buildNotifyBundle({ defaultChannel: '#aws-alerts' }).then((bundle) =>
      bundle.invoke(stormBatch('packaged'), env, 30_000),
    );
    expect(result.timedOut).toBe(false);
    expect(result.response?.batchItemFailures).toEqual([]);
    for (const name of names(10, 'packaged')) expect(alarmView(slack, name).topLevel, name).toHaveLength(1);
  }, 60_000);
});

describe('order after a Slack outage', () => {
  it('12 alarms go ALARM then OK while Slack answers 503 for 45 s: each shown once, ending on OK, never OK before ALARM', async () => {
    const clock = new SimClock();
    const slack = await startStandin({ clock });
    const table = await startLocalTable();
    open.push(slack, table);
    const notify = localNotify({ config, clock, slackUrl: slack.url, table });
    const start = clock.now();
    slack.fail({ method: 'chat.postMessage', response: { status: 503 }, from: start, to: start + 45_000 });
    slack.fail({ method: 'chat.update', response: { status: 503 }, from: start, to: start + 45_000 });
    const alarms = names(12, 'outage');
    const arrivals = alarms.flatMap((name, i) => [
      { at: start + i * 1_000, body: alarmEvent({ name, state: 'ALARM', at: start + i * 1_000 }) },
      {
        at: start + 20_000 + i * 1_000,
        body: alarmEvent({ name, state: 'OK', previous: 'ALARM', at: start + 20_000 + i * 1_000 }),
      },
    ]);
    const result = await runQueue(arrivals, { ...PLAN, clock, invoke: (event) => notify(event) });
    expect(result.dlq).toHaveLength(0);
    for (const name of alarms) {
      const view = alarmView(slack, name);
      // Once at the top level, and that line (or status line) now says OK.
      expect(view.topLevel, name).toHaveLength(1);
      expect(view.shownState, name).toBe('OK');
      const [top] = view.topLevel;
      const text = JSON.stringify([top?.text, top?.blocks]);
      // The OK is either in the same line as its ALARM (the story) or a reply in its thread.
      const storied = /ALARM \d\d:\d\d → OK \d\d:\d\d UTC/.test(text);
      expect(storied || view.replies.length === 1, name).toBe(true);
      for (const reply of view.replies) expect(reply.at).toBeGreaterThanOrEqual(top?.at ?? 0);
    }
    // Nothing top-level says an alarm is firing now.
    for (const m of slack.channelMessages()) expect(m.text).not.toMatch(/\d+ ALARM(?! →)/);
  });
});

describe('repeated and doubled deliveries', () => {
  it('each event delivered three times and also through SNS: every change shown once, OKs in the threads', async () => {
    const clock = new SimClock();
    const slack = await startStandin({ clock });
    const table = await startLocalTable();
    open.push(slack, table);
    const notify = localNotify({ config, clock, slackUrl: slack.url, table });
    const alarms = names(3, 'thrice');
    const start = clock.now();
    const arrivals = alarms.flatMap((name, i) => {
      const alarmAt = start + i * 20_000;
      const okAt = alarmAt + 120_000;
      const alarm = { name, state: 'ALARM' as const, at: alarmAt };
      const ok = { name, state: 'OK' as const, previous: 'ALARM' as const, at: okAt };
      return [
        ...[0, 1, 2].map((k) => ({ at: alarmAt + k * 7_000, body: alarmEvent(alarm) })),
        { at: alarmAt + 3_000, body: snsAlarmBody(alarm) },
        ...[0, 1, 2].map((k) => ({ at: okAt + k * 7_000, body: alarmEvent(ok) })),
        { at: okAt + 2_000, body: snsAlarmBody(ok) },
      ];
    });
    const result = await runQueue(arrivals, { ...PLAN, clock, invoke: (event) => notify(event) });
    expect(result.dlq).toHaveLength(0);
    for (const name of alarms) {
      const view = alarmView(slack, name);
      expect(view.topLevel, name).toHaveLength(1);
      expect(view.replies, name).toHaveLength(1);
      expect(view.replies[0]?.text).toContain(`OK ${name}`);
      expect(view.shownState, name).toBe('OK');
    }
    expect(slack.messages).toHaveLength(6);
  });
});

describe('a Lambda killed between post and mark', () => {
  it('posts each alert at most twice and never loses one', async () => {
    const clock = new SimClock();
    const slack = await startStandin({ clock });
    const table = await startLocalTable();
    open.push(slack, table);
    const store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
    let killed = false;
    // The first invocation dies at its first markDone: the post is out, nothing after it runs.
    const dying = (guardStore: DeliveryStore): DeliveryStore =>
      new Proxy(guardStore, {
        get(target, prop, receiver) {
          if (prop === 'markDone' && !killed)
            return () => {
              killed = true;
              return new Promise(() => {});
            };
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const notify = createNotifyHandler(
      notifyTestDeps({
        config: () => config,
        slack: async () =>
          webApiPort(createSlackClient({ token: 'xoxb-test', apiUrl: slack.url, retries: 0 })),
        store: (_c, guard) => dying(store.withGuard(guard)),
        clock,
        pacer: new ChannelPacer(clock),
        logger: new Logger({ serviceName: 'cloudbell-notify', logLevel: 'SILENT' }),
        metrics: new Metrics({ namespace: 'cloudbell', serviceName: 'notify' }),
      }),
    );
    const at = clock.now();
    const alarms = names(3, 'killed');
    const event = sqsEvent(
      alarms.map((name, i) => sqsRecord(alarmEvent({ name, state: 'ALARM', at: at + i }), `k-${i}`)),
    );
    const first = notify(
      event,
      lambdaContext(() => clock.now()),
    );
    // The runtime is gone: no response ever comes. Wait for the post, then move on.
    for (let i = 0; i < 200 && !killed; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(killed).toBe(true);
    void first;
    // SQS makes the batch visible again after the visibility timeout; the claim has lapsed by then.
    await clock.sleep(PLAN.visibilityTimeoutMs);
    const again = await notify(
      event,
      lambdaContext(() => clock.now()),
    );
    expect(again.batchItemFailures).toEqual([]);
    for (const name of alarms) {
      const view = alarmView(slack, name);
      expect(view.topLevel.length, name).toBeGreaterThanOrEqual(1);
      expect(view.topLevel.length, name).toBeLessThanOrEqual(2);
    }
    expect(slack.messages.length).toBeLessThanOrEqual(alarms.length + 1);
  });
});

describe('concurrent invocations on the same alarms', () => {
  it('two pollers splitting ALARM/OK pairs: each alarm shown once, OK never before its ALARM, ending on OK', async () => {
    const clock = new ScaledClock(10);
    const slack = await startStandin({ clock });
    const table = await startLocalTable();
    open.push(slack, table);
    const notify = localNotify({
      config: parseConfig({ slack: { defaultChannel: '#aws-alerts' }, storm: { threshold: 50 } }, 'test'),
      clock,
      slackUrl: slack.url,
      table,
    });
    const start = clock.now() + 100;
    const alarms = names(8, 'race');
    // OK arrives right after its ALARM, so the two often land in different, concurrent batches.
    const arrivals = alarms.flatMap((name, i) => [
      { at: start + i * 300, body: alarmEvent({ name, state: 'ALARM', at: start + i * 300 }) },
      {
        at: start + i * 300 + 150,
        body: alarmEvent({ name, state: 'OK', previous: 'ALARM', at: start + i * 300 + 150 }),
      },
    ]);
    const result = await runPoller(arrivals, {
      clock,
      batchSize: 3,
      batchWindowMs: 0,
      concurrency: 2,
      timeoutMs: 30_000,
      visibilityTimeoutMs: 40_000,
      maxReceiveCount: 5,
      invoke: (event, timeoutMs) => notify(event, timeoutMs),
    });
    expect(result.dlq).toHaveLength(0);
    expect(result.timeouts).toBe(0);
    for (const name of alarms) {
      const view = alarmView(slack, name);
      expect(view.topLevel, name).toHaveLength(1);
      expect(view.shownState, name).toBe('OK');
      const [top] = view.topLevel;
      const storied = /ALARM \d\d:\d\d → OK \d\d:\d\d UTC/.test(JSON.stringify([top?.text, top?.blocks]));
      if (!storied) {
        expect(top?.text, name).toContain(`ALARM ${name}`);
        expect(view.replies, name).toHaveLength(1);
      }
    }
  }, 60_000);
});
