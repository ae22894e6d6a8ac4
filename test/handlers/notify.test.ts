import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Config, parseConfig } from '../../src/core/config.js';
import { createNotifyHandler, defaultNotifyDeps } from '../../src/handlers/notify.js';
import { createSlackClient } from '../../src/slack/client.js';
import { alarmEvent, lambdaContext, sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { fixture } from '../helpers/fixtures.js';
import { localNotify } from '../helpers/local-notify.js';
import { runQueue } from '../helpers/queue-sim.js';
import { SimClock } from '../helpers/sim-clock.js';
import { channelId, type SlackStandin, type StandinOptions, startStandin } from '../helpers/slack-standin.js';

// Before the handler module loads: its default Logger and Metrics read these once.
vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

interface Harness {
  readonly clock: SimClock;
  readonly slack: SlackStandin;
  readonly table: LocalTable;
  readonly metrics: Metrics;
  readonly config: Config;
  invoke(event: unknown, timeoutMs?: number): Promise<SQSBatchResponse>;
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function harness(
  options: {
    config?: Record<string, unknown>;
    standin?: Omit<StandinOptions, 'clock'>;
    debugLogs?: boolean;
  } = {},
): Promise<Harness> {
  const clock = new SimClock();
  const slack = await startStandin({ ...options.standin, clock });
  const table = await startLocalTable();
  open.push(slack, table);
  const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' }, ...options.config }, 'test');
  const metrics = new Metrics({ namespace: 'cloudbell', serviceName: 'notify' });
  const invoke = localNotify({
    config,
    clock,
    slackUrl: slack.url,
    table,
    metrics,
    logLevel: options.debugLogs || process.env.DEBUG_LOG ? 'DEBUG' : 'SILENT',
  });
  return {
    clock,
    slack,
    table,
    metrics,
    config,
    invoke,
  };
}

const names = (n: number, prefix = 'svc') =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}-errors`);

describe('notify handler: delivery basics', () => {
  it('posts each alert once and reports no failures', async () => {
    const h = await harness();
    const event = sqsEvent([
      sqsRecord(alarmEvent({ name: 'checkout-api-errors', state: 'ALARM', at: h.clock.now() })),
      sqsRecord(alarmEvent({ name: 'orders-latency', state: 'ALARM', at: h.clock.now() })),
    ]);
    const response = await h.invoke(event);
    expect(response.batchItemFailures).toEqual([]);
    const posted = h.slack.channelMessages('#aws-alerts');
    expect(posted).toHaveLength(2);
    expect(posted[0]?.text).toContain('checkout-api-errors');
    expect(posted[1]?.text).toContain('orders-latency');
  });

  it('honours 429 Retry-After within the remaining time and paces the channel', async () => {
    // Burst 1: the stand-in allows one message per second and nothing more.
    const h = await harness({ standin: { burst: 1 }, config: { storm: { threshold: 10 } } });
    h.slack.fail({ method: 'chat.postMessage', response: { status: 429 }, count: 0 });
    const start = h.clock.now();
    const records = names(4, 'paced').map((name) =>
      sqsRecord(alarmEvent({ name, state: 'ALARM', at: start })),
    );
    const response = await h.invoke(sqsEvent(records));
    expect(response.batchItemFailures).toEqual([]);
    const posts = h.slack.channelMessages('#aws-alerts');
    expect(posts).toHaveLength(4);
    for (let i = 1; i < posts.length; i++) {
      expect((posts[i]?.at ?? 0) - (posts[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    }
    expect(h.slack.rateLimited).toBe(0);
  });

  it('waits out a 429 when Slack asks and still delivers', async () => {
    const h = await harness();
    // Something else (another bot, a concurrent invocation) used the channel's burst just now.
    const other = createSlackClient({ token: 'xoxb-test', apiUrl: h.slack.url, retries: 0 });
    for (let i = 0; i < 3; i++) await other.chat.postMessage({ channel: '#aws-alerts', text: `noise ${i}` });
    const response = await h.invoke(
      sqsEvent([sqsRecord(alarmEvent({ name: 'after-429', state: 'ALARM', at: h.clock.now() }))]),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(h.slack.rateLimited).toBe(1);
    const rejected = h.slack.calls.find((c) => c.status === 429);
    const accepted = h.slack.messages.find((m) => m.text.includes('after-429'));
    expect((accepted?.at ?? 0) - (rejected?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('returns a record to the queue when a 429 asks for longer than the Lambda has left', async () => {
    const h = await harness({ standin: { burst: 1, perSecond: 1 / 60 } });
    const other = createSlackClient({ token: 'xoxb-test', apiUrl: h.slack.url, retries: 0 });
    await other.chat.postMessage({ channel: '#aws-alerts', text: 'noise' });
    const record = sqsRecord(alarmEvent({ name: 'too-late', state: 'ALARM', at: h.clock.now() }));
    const response = await h.invoke(sqsEvent([record]), 20_000);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(h.slack.visibleText()).not.toContain('too-late');
    expect(h.clock.now() - Date.parse('2026-11-26T10:00:00Z')).toBeLessThan(20_000);
  });

  it('retries a 500 and delivers when Slack recovers within the invocation', async () => {
    const h = await harness();
    h.slack.fail({ method: 'chat.postMessage', response: { status: 500 }, count: 2 });
    const addMetric = vi.spyOn(h.metrics, 'addMetric');
    const response = await h.invoke(
      sqsEvent([sqsRecord(alarmEvent({ name: 'flaky', state: 'ALARM', at: h.clock.now() }))]),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(h.slack.calls.filter((c) => c.status === 500)).toHaveLength(2);
    expect(h.slack.messages).toHaveLength(1);
    expect(addMetric).toHaveBeenCalledWith('SlackRetries', 'Count', 2);
    expect(addMetric).toHaveBeenCalledWith('SlackErrors', 'Count', 2);
    expect(addMetric).toHaveBeenCalledWith('AlertsPosted', 'Count', 1);
  });

  it('reports a record in batchItemFailures when 500s outlast the retries', async () => {
    const h = await harness();
    h.slack.fail({ method: 'chat.postMessage', response: { status: 500 } });
    const ok = sqsRecord({ not: 'posted either' });
    const record = sqsRecord(alarmEvent({ name: 'down', state: 'ALARM', at: h.clock.now() }));
    const response = await h.invoke(sqsEvent([record, ok]));
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [record.messageId, ok.messageId].sort(),
    );
    expect(h.slack.messages).toHaveLength(0);
    // The failed claim was released: the redelivery posts at once when Slack is back.
    h.slack.rules.length = 0;
    const again = await h.invoke(sqsEvent([record, ok]));
    expect(again.batchItemFailures).toEqual([]);
    expect(h.slack.messages).toHaveLength(2);
  });

  it('never writes the bot token to its logs, even when every Slack call fails', async () => {
    const h = await harness({ debugLogs: true });
    h.slack.fail({ method: 'chat.postMessage', response: { status: 500 }, count: 3 });
    h.slack.fail({ method: 'chat.postMessage', response: { error: 'invalid_auth' } });
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      await h.invoke(sqsEvent([sqsRecord(alarmEvent({ name: 'leaky', state: 'ALARM', at: h.clock.now() }))]));
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const logs = written.join('');
    expect(logs).toContain('leaky');
    expect(logs).not.toContain('xoxb-test');
  });

  it('falls back to the minimal text message on invalid_blocks', async () => {
    const h = await harness();
    h.slack.fail({
      method: 'chat.postMessage',
      response: { error: 'invalid_blocks' },
      when: (args) => Array.isArray(args.blocks) && args.blocks.length > 0,
    });
    const response = await h.invoke(
      sqsEvent([sqsRecord(alarmEvent({ name: 'odd-blocks', state: 'ALARM', at: h.clock.now() }))]),
    );
    expect(response.batchItemFailures).toEqual([]);
    const [message] = h.slack.messages;
    expect(message?.blocks).toEqual([]);
    expect(message?.text).toContain('odd-blocks');
  });

  it('sends to the default channel with a note when the routed channel does not exist', async () => {
    const h = await harness({
      standin: { missingChannels: ['#payments'] },
      config: { routes: [{ match: { alarmPrefix: ['pay'] }, channels: ['#payments'] }] },
    });
    const response = await h.invoke(
      sqsEvent([sqsRecord(alarmEvent({ name: 'pay-errors', state: 'ALARM', at: h.clock.now() }))]),
    );
    expect(response.batchItemFailures).toEqual([]);
    const [message] = h.slack.messages;
    expect(message?.channel).toBe(channelId('#aws-alerts'));
    expect(message?.text).toContain('[for #payments]');
    expect(JSON.stringify(message?.blocks)).toContain('could not post this to #payments');
    expect(JSON.stringify(message?.blocks)).toContain('channel_not_found');
  });

  it('posts an unparseable record as a generic message and does not fail it', async () => {
    const h = await harness();
    const broken = sqsRecord('{"detail-type": "CloudWatch Alarm State Change", "oops"');
    const response = await h.invoke(sqsEvent([broken]));
    expect(response.batchItemFailures).toEqual([]);
    expect(h.slack.messages).toHaveLength(1);
    expect(h.slack.messages[0]?.text).toMatch(/Unrecognised event|could not read/i);
  });
});

describe('notify handler: direct invocations', () => {
  it('throws when an alarm action invoking it directly cannot be delivered, so Lambda retries it', async () => {
    const action = fixture('alarms/alarm-action.json');
    const h = await harness();
    h.slack.fail({ method: 'chat.postMessage', response: { status: 500 } });
    await expect(h.invoke(action)).rejects.toThrow(/deliveries failed/);
    h.slack.rules.length = 0;
    expect(await h.invoke(action)).toEqual({ batchItemFailures: [] });
    expect(h.slack.messages).toHaveLength(1);
  });
});

describe('notify handler: exactly once', () => {
  it('posts exactly one message per event when every event is delivered three times', async () => {
    const h = await harness({ config: { storm: { threshold: 20 } } });
    const events = names(6, 'thrice').map((name) => alarmEvent({ name, state: 'ALARM', at: h.clock.now() }));
    // Once as a batch with in-batch duplicates, then twice more as separate redeliveries.
    const first = await h.invoke(sqsEvent([...events, events[0], events[3]].map((e) => sqsRecord(e))));
    const second = await h.invoke(sqsEvent(events.map((e) => sqsRecord(e))));
    const third = await h.invoke(
      sqsEvent(
        events
          .slice()
          .reverse()
          .map((e) => sqsRecord(e)),
      ),
    );
    for (const r of [first, second, third]) expect(r.batchItemFailures).toEqual([]);
    for (const name of names(6, 'thrice')) {
      expect(h.slack.messages.filter((m) => m.text.includes(name))).toHaveLength(1);
    }
    expect(h.slack.messages).toHaveLength(6);
  });
});

describe('notify handler: alarm threads', () => {
  it('replies OK in the ALARM thread and updates the parent with how long it lasted', async () => {
    const h = await harness({ config: { slack: { defaultChannel: '#aws-alerts', broadcastReplies: true } } });
    const t0 = h.clock.now();
    await h.invoke(
      sqsEvent([sqsRecord(alarmEvent({ name: 'checkout-api-errors', state: 'ALARM', at: t0 }))]),
    );
    await h.clock.sleep(12 * 60_000);
    await h.invoke(
      sqsEvent([
        sqsRecord(
          alarmEvent({ name: 'checkout-api-errors', state: 'OK', previous: 'ALARM', at: h.clock.now() }),
        ),
      ]),
    );
    const [parent, ...rest] = h.slack.channelMessages('#aws-alerts');
    expect(rest).toHaveLength(0);
    const replies = h.slack.replies(parent?.ts ?? '');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('OK');
    expect(replies[0]?.reply_broadcast).toBe(true);
    expect(parent?.updates).toBe(1);
    expect(parent?.text).toContain('now OK');
    expect(JSON.stringify(parent?.blocks)).toContain('12 min');
  });

  it('starts a new parent for an ALARM after OK', async () => {
    const h = await harness();
    const name = 'flapping';
    await h.invoke(sqsEvent([sqsRecord(alarmEvent({ name, state: 'ALARM', at: h.clock.now() }))]));
    await h.clock.sleep(120_000);
    await h.invoke(sqsEvent([sqsRecord(alarmEvent({ name, state: 'OK', at: h.clock.now() }))]));
    await h.clock.sleep(120_000);
    await h.invoke(sqsEvent([sqsRecord(alarmEvent({ name, state: 'ALARM', at: h.clock.now() }))]));
    const parents = h.slack.channelMessages('#aws-alerts');
    expect(parents).toHaveLength(2);
    expect(h.slack.replies(parents[0]?.ts ?? '')).toHaveLength(1);
    expect(h.slack.replies(parents[1]?.ts ?? '')).toHaveLength(0);
  });

  it('still posts the thread reply when the parent chat.update fails', async () => {
    const h = await harness();
    h.slack.fail({ method: 'chat.update', response: { error: 'cant_update_message' } });
    await h.invoke(
      sqsEvent([sqsRecord(alarmEvent({ name: 'update-fails', state: 'ALARM', at: h.clock.now() }))]),
    );
    await h.clock.sleep(60_000);
    const response = await h.invoke(
      sqsEvent([sqsRecord(alarmEvent({ name: 'update-fails', state: 'OK', at: h.clock.now() }))]),
    );
    expect(response.batchItemFailures).toEqual([]);
    const [parent] = h.slack.channelMessages();
    expect(h.slack.calls.filter((c) => c.method === 'chat.update' && c.error)).toHaveLength(1);
    expect(parent?.updates).toBe(0);
    expect(h.slack.replies(parent?.ts ?? '')).toHaveLength(1);
  });
});

describe('notify handler: fault injection', () => {
  it.each([10, 100])(
    'turns 1,000 alarms for one channel within 60 s into at most 70 posts naming every alarm once (SQS batches of %i)',
    async (batchSize) => {
      // A digest names up to `hardCap` alerts: one batch must fit for every name to show.
      const h = await harness({ config: { storm: { hardCap: Math.max(40, batchSize) } } });
      const start = h.clock.now();
      const all = names(1000, 'storm');
      const arrivals = all.map((name, i) => ({
        at: start + i * 60,
        body: alarmEvent({ name, state: 'ALARM', at: start + i * 60 }),
      }));
      const result = await runQueue(arrivals, {
        clock: h.clock,
        batchSize,
        batchWindowMs: 5_000,
        visibilityTimeoutMs: 185_000,
        maxReceiveCount: 5,
        invoke: (event) => h.invoke(event),
      });
      expect(result.dlq).toHaveLength(0);
      const posts = h.slack.calls.filter((c) => c.method === 'chat.postMessage');
      expect(posts.length).toBeLessThanOrEqual(70);
      expect(h.slack.rateLimited).toBe(0);
      // Edits of a growing digest stay paced too: never two operations on the channel within a second.
      const times = h.slack.calls.map((c) => c.at).sort((x, y) => x - y);
      for (let i = 1; i < times.length; i++)
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1_000);
      const texts = h.slack.messages.map((m) => JSON.stringify([m.text, m.blocks, m.attachments ?? []]));
      for (const name of all)
        expect(
          texts.filter((t) => t.includes(name)),
          name,
        ).toHaveLength(1);
    },
    60_000,
  );

  it('delivers every alert once, in order per alarm, after Slack answers 500 for 10 minutes', async () => {
    const h = await harness({ config: { storm: { threshold: 20 } } });
    const start = h.clock.now();
    h.slack.fail({
      method: 'chat.postMessage',
      response: { status: 500 },
      from: start,
      to: start + 10 * 60_000,
    });
    const alarms = names(5, 'outage');
    const arrivals = [
      ...alarms.map((name, i) => ({
        at: start + i * 1_000,
        body: alarmEvent({ name, state: 'ALARM', at: start + i * 1_000 }),
      })),
      ...alarms.map((name, i) => ({
        at: start + 60_000 + i * 1_000,
        body: alarmEvent({ name, state: 'OK', previous: 'ALARM', at: start + 60_000 + i * 1_000 }),
      })),
    ];
    const result = await runQueue(arrivals, {
      clock: h.clock,
      batchSize: 10,
      batchWindowMs: 5_000,
      visibilityTimeoutMs: 185_000,
      maxReceiveCount: 5,
      invoke: (event: SQSEvent) => h.invoke(event),
    });
    expect(result.dlq).toHaveLength(0);
    expect(h.slack.calls.filter((c) => c.status === 500).length).toBeGreaterThan(0);
    expect(h.slack.messages).toHaveLength(10);
    for (const name of alarms) {
      const parents = h.slack.channelMessages().filter((m) => m.text.includes(name));
      expect(parents).toHaveLength(1);
      const parent = parents[0];
      expect(parent?.at).toBeGreaterThanOrEqual(start + 10 * 60_000);
      const replies = h.slack.replies(parent?.ts ?? '');
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toContain(`OK ${name}`);
      expect(replies[0]?.at ?? 0).toBeGreaterThanOrEqual(parent?.at ?? Number.POSITIVE_INFINITY);
    }
  }, 60_000);
});

describe('notify handler: deployed wiring', () => {
  it('reads the token, the Slack URL, the table and the config from the environment', async () => {
    const slack = await startStandin();
    const table = await startLocalTable();
    open.push(slack, table);
    vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test');
    vi.stubEnv('SLACK_API_URL', slack.url);
    vi.stubEnv('CLOUDBELL_TABLE', table.tableName);
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    vi.stubEnv('CLOUDBELL_CONFIG_JSON', JSON.stringify({ slack: { defaultChannel: '#from-env' } }));
    // The deployed wiring, built from this environment as the module's `handler` is from Lambda's.
    const handler = createNotifyHandler(defaultNotifyDeps());
    const record = sqsRecord(alarmEvent({ name: 'wired', state: 'ALARM', at: Date.now() }));
    const event = sqsEvent([record]);
    const first = await handler(
      event,
      lambdaContext(() => Date.now()),
    );
    const repeat = await handler(
      event,
      lambdaContext(() => Date.now()),
    );
    expect(first.batchItemFailures).toEqual([]);
    expect(repeat.batchItemFailures).toEqual([]);
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]?.channel).toBe(channelId('#from-env'));
  });
});
