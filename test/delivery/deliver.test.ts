import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, parseConfig } from '../../src/core/config.js';
import { type DeliveryReport, ORDER_WAIT_MS } from '../../src/delivery/deliver.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { type DeliveryStats, newStats } from '../../src/delivery/runtime.js';
import { processInput } from '../../src/pipeline.js';
import type { DynamoStore } from '../../src/state/dynamo-store.js';
import { alarmEvent, sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { type DeliveryRig, startDeliveryRig } from '../helpers/delivery-rig.js';
import type { SimClock } from '../helpers/sim-clock.js';
import type { SlackStandin } from '../helpers/slack-standin.js';

let rig: DeliveryRig;
let clock: SimClock;
let slack: SlackStandin;
let store: DynamoStore;
let pacer: ChannelPacer;
let stats: DeliveryStats;
const config: Config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'test');

beforeEach(async () => {
  rig = await startDeliveryRig();
  ({ clock, slack, store, pacer } = rig);
});
afterEach(() => rig.close());

type Change = {
  name: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  previous?: 'OK' | 'ALARM';
  at?: number;
  metric?: { namespace: string; name: string; dimensions: Record<string, string> };
};

async function batch(changes: Change[], cfg: Config = config): Promise<DeliveryReport & { ids: string[] }> {
  const records = changes.map((c) => sqsRecord(alarmEvent({ ...c, at: c.at ?? clock.now() })));
  const outcomes = processInput(sqsEvent(records), { config: cfg, now: new Date(clock.now()) });
  stats = newStats();
  const report = await rig.deliver(outcomes, cfg, { stats });
  return { ...report, ids: records.map((r) => r.messageId) };
}

const alarms = (prefix: string, n: number): Change[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}-${i}`, state: 'ALARM' }));

describe('storms', () => {
  it('digests a small batch when the channel was already busy within the window', async () => {
    await batch(alarms('first', 4));
    await clock.sleep(10_000);
    const second = await batch(alarms('second', 4));
    expect(second.failedRecordIds).toEqual([]);
    const top = slack.channelMessages();
    expect(top).toHaveLength(5);
    const digest = top[4];
    expect(digest?.text).toContain('4 alerts');
    // Evidence is on by default: the digest says its alerts get no graph.
    expect(JSON.stringify(digest?.blocks)).toContain(
      'No graphs or log lines are drawn for alerts in a digest.',
    );
    for (let i = 0; i < 4; i++) expect(JSON.stringify(digest?.blocks)).toContain(`second-${i}`);
    expect(stats).toMatchObject({ digested: 4, digests: 1, alertsPosted: 0 });
  });

  it('posts one by one again once the window has passed', async () => {
    await batch(alarms('first', 4));
    await clock.sleep(10_000);
    await batch(alarms('second', 4));
    await clock.sleep(61_000);
    await batch(alarms('third', 2));
    expect(slack.channelMessages()).toHaveLength(7);
  });

  it('threads the OK of an alarm that was digested under the digest', async () => {
    await batch(alarms('storm', 8));
    const [digest] = slack.channelMessages();
    expect(digest?.text).toContain('8 alerts');
    await clock.sleep(15 * 60_000);
    const ok = await batch([{ name: 'storm-3', state: 'OK', previous: 'ALARM' }]);
    expect(ok.failedRecordIds).toEqual([]);
    const replies = slack.replies(digest?.ts ?? '');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('OK storm-3');
    // The digest's line for storm-3 now ends on OK, with its story; the others still show ALARM.
    expect(digest?.updates).toBe(1);
    const lines = JSON.stringify(digest?.blocks);
    expect(lines).toMatch(/✅ OK storm-3[^"]*ALARM 10:00 → OK 10:15 UTC/);
    expect(lines).toContain('🔴 ALARM storm-4');
    expect(digest?.text).toContain('7 ALARM · 1 OK');
  });
});

describe('storm limits', () => {
  it('names alerts up to the hard cap, counts the rest, and delivers them all', async () => {
    const capped = parseConfig({ slack: { defaultChannel: '#aws-alerts' }, storm: { hardCap: 10 } }, 'test');
    const report = await batch(alarms('capped', 15), capped);
    expect(report.failedRecordIds).toEqual([]);
    const [digest, ...others] = slack.channelMessages();
    expect(others).toHaveLength(0);
    const json = JSON.stringify(digest?.blocks);
    expect(json).toContain('capped-9');
    expect(json).not.toContain('capped-10');
    expect(json).toContain('*5 more*');
    expect(stats).toMatchObject({ digested: 15, digests: 1 });
  });

  it('sends back only the alerts of a digest part Slack did not take', async () => {
    const big = alarms('parts', 60);
    const wide = parseConfig({ slack: { defaultChannel: '#aws-alerts' }, storm: { hardCap: 100 } }, 'test');
    slack.fail({
      method: 'chat.postMessage',
      response: { error: 'fatal_error' },
      when: (args) => String(args.text).includes('(2/2)'),
    });
    const report = await batch(big, wide);
    expect(slack.channelMessages()).toHaveLength(1);
    expect(report.failedRecordIds.sort()).toEqual(report.ids.slice(50).sort());
    // Slack is back: the redelivered ten are posted, the first fifty are not repeated.
    slack.rules.length = 0;
    await clock.sleep(120_000);
    const records = big.slice(50).map((c) => ({ ...c, at: Date.parse('2026-11-26T10:00:00Z') }));
    const again = await batch(records, wide);
    expect(again.failedRecordIds).toEqual([]);
    const texts = slack.messages.map((m) => JSON.stringify(m.blocks));
    for (const { name } of big)
      expect(texts.filter((t) => t.includes(`"${name}`) || t.includes(` ${name} `))).toHaveLength(1);
  });
});

describe('exactly once', () => {
  it('defers a delivery another invocation is working on, and takes it over once that claim lapses', async () => {
    const event = alarmEvent({ name: 'contended', state: 'ALARM', at: clock.now() });
    const [outcome] = processInput(event, { config, now: new Date(clock.now()) });
    const key = { key: outcome?.alert?.dedupeKey ?? '', channel: '#aws-alerts' };
    // Another invocation claimed it and then crashed before posting.
    await store.claim(key, 'crashed-invocation', clock.now() + 40_000, clock.now());
    const busy = await batch([{ name: 'contended', state: 'ALARM', at: clock.now() }]);
    expect(busy.failedRecordIds).toEqual(busy.ids);
    expect(slack.messages).toHaveLength(0);
    await clock.sleep(41_000);
    const again = await batch([{ name: 'contended', state: 'ALARM', at: clock.now() - 41_000 }]);
    expect(again.failedRecordIds).toEqual([]);
    expect(slack.messages).toHaveLength(1);
  });
});

describe('thread routing', () => {
  it('replies OK in the channel that got the ALARM even when routes send OKs elsewhere', async () => {
    const routed = parseConfig(
      {
        slack: { defaultChannel: '#aws-alerts' },
        routes: [
          { match: { severity: ['critical', 'high'] }, channels: ['#oncall'], mentions: ['S0ONCALL'] },
        ],
      },
      'test',
    );
    const t = clock.now();
    await batch([{ name: 'paging', state: 'ALARM', at: t }], routed);
    await clock.sleep(5 * 60_000);
    const ok = await batch([{ name: 'paging', state: 'OK', previous: 'ALARM', at: t + 5 * 60_000 }], routed);
    expect(ok.failedRecordIds).toEqual([]);
    const [parent] = slack.channelMessages('#oncall');
    expect(parent?.text).toContain('<!subteam^S0ONCALL>');
    const replies = slack.replies(parent?.ts ?? '');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('OK paging');
    expect(slack.channelMessages('#aws-alerts')).toHaveLength(0);
  });
});

describe('DLQ alarms', () => {
  it('thread like other alarms: the drained OK replies under the depth ALARM', async () => {
    const metric = {
      namespace: 'AWS/SQS',
      name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'orders-dlq' },
    };
    const t = clock.now();
    await batch([{ name: 'orders-dlq-depth', state: 'ALARM', at: t, metric }]);
    await clock.sleep(30 * 60_000);
    await batch([{ name: 'orders-dlq-depth', state: 'OK', previous: 'ALARM', at: t + 30 * 60_000, metric }]);
    const [parent, ...others] = slack.channelMessages();
    expect(others).toHaveLength(0);
    expect(parent?.text).toContain('orders-dlq');
    const replies = slack.replies(parent?.ts ?? '');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/drained/i);
    expect(parent?.updates).toBe(1);
    expect(JSON.stringify(parent?.blocks)).toContain('30 min');
  });
});

describe('thread order', () => {
  it('shows an ALARM and its OK pending in one batch once: the latest state with its story', async () => {
    const t = clock.now();
    const report = await batch([
      { name: 'shuffled', state: 'OK', previous: 'ALARM', at: t + 6 * 60_000 },
      { name: 'shuffled', state: 'ALARM', at: t },
    ]);
    expect(report.failedRecordIds).toEqual([]);
    const [message, ...others] = slack.channelMessages();
    expect(others).toHaveLength(0);
    expect(slack.messages).toHaveLength(1);
    expect(message?.text).toContain('OK shuffled');
    expect(message?.text).toContain('(ALARM 10:00 → OK 10:06 UTC)');
    expect(JSON.stringify(message?.blocks)).toContain('ALARM 10:00 → OK 10:06 UTC');
    // Both changes are done: delivering either again posts nothing.
    await batch([{ name: 'shuffled', state: 'ALARM', at: t }]);
    expect(slack.messages).toHaveLength(1);
  });

  it('holds an OK back while its ALARM is still on the way, then posts it alone after the wait', async () => {
    const t = clock.now();
    const early = await batch([{ name: 'lonely', state: 'OK', previous: 'ALARM', at: t }]);
    expect(early.failedRecordIds).toEqual(early.ids);
    expect(slack.messages).toHaveLength(0);
    await clock.sleep(ORDER_WAIT_MS);
    const late = await batch([{ name: 'lonely', state: 'OK', previous: 'ALARM', at: t }]);
    expect(late.failedRecordIds).toEqual([]);
    expect(slack.channelMessages()).toHaveLength(1);
  });

  it('puts a late, older state change into the thread without changing its state', async () => {
    const t = clock.now();
    await batch([{ name: 'late', state: 'ALARM', at: t }]);
    await clock.sleep(60_000);
    await batch([{ name: 'late', state: 'OK', previous: 'ALARM', at: t + 60_000 }]);
    await batch([{ name: 'late', state: 'INSUFFICIENT_DATA', previous: 'ALARM', at: t + 30_000 }]);
    const [parent] = slack.channelMessages();
    const replies = slack.replies(parent?.ts ?? '');
    expect(replies.map((r) => r.text.split(' ')[1])).toEqual(['OK', 'INSUFFICIENT_DATA']);
    expect(parent?.updates).toBe(1);
    // Still closed: the next ALARM opens a new parent.
    await batch([{ name: 'late', state: 'ALARM', at: t + 120_000 }]);
    expect(slack.channelMessages()).toHaveLength(2);
  });
});

describe('growing digests', () => {
  it('adds later batches of a storm to the open digest instead of posting again', async () => {
    await batch(alarms('wave1', 8));
    await clock.sleep(5_000);
    await batch(alarms('wave2', 4));
    await clock.sleep(5_000);
    await batch([{ name: 'wave3-0', state: 'ALARM' }]);
    const [digest, ...others] = slack.channelMessages();
    expect(others).toHaveLength(0);
    expect(digest?.updates).toBe(2);
    expect(digest?.text).toContain('13 alerts');
    const json = JSON.stringify(digest?.blocks);
    for (const name of [...alarms('wave1', 8), ...alarms('wave2', 4)].map((c) => c.name))
      expect(json).toContain(name);
    expect(json).toContain('wave3-0');
    expect(stats).toMatchObject({ digested: 1, digestUpdates: 1, digests: 0 });
  });

  it('starts a new digest once the open one is full or older than the window', async () => {
    const small = parseConfig({ slack: { defaultChannel: '#aws-alerts' }, storm: { hardCap: 10 } }, 'test');
    await batch(alarms('a', 8), small);
    await batch(alarms('b', 6), small);
    expect(slack.channelMessages()).toHaveLength(2);
    await clock.sleep(61_000);
    await batch(alarms('c', 6), small);
    expect(slack.channelMessages()).toHaveLength(3);
    expect(slack.channelMessages()[1]?.updates).toBe(0);
  });

  it('keeps every line when two invocations add to the same digest at once', async () => {
    await batch(alarms('base', 6));
    const [digest] = slack.channelMessages();
    // A second execution environment: its own pacer, the same table and Slack.
    const otherPacer = new ChannelPacer(clock);
    const run = (changes: Change[], p: ChannelPacer) => {
      const records = changes.map((c) => sqsRecord(alarmEvent({ ...c, at: clock.now() })));
      const outcomes = processInput(sqsEvent(records), { config, now: new Date(clock.now()) });
      return rig.deliver(outcomes, config, { pacer: p, slots: true });
    };
    const [left, right] = await Promise.all([
      run(alarms('left', 5), pacer),
      run(alarms('right', 5), otherPacer),
    ]);
    expect([...left.failedRecordIds, ...right.failedRecordIds]).toEqual([]);
    expect(slack.channelMessages()).toHaveLength(1);
    const json = JSON.stringify(digest?.blocks);
    for (const name of [...alarms('base', 6), ...alarms('left', 5), ...alarms('right', 5)].map((c) => c.name))
      expect(json).toContain(name);
    expect(digest?.text).toContain('16 alerts');
  });
});

describe('order of state changes (README: "Order of state changes")', () => {
  it('an ALARM after an OK the channel has not seen waits for that OK', async () => {
    const t = clock.now();
    await batch([{ name: 'flap', state: 'ALARM', at: t }]);
    await clock.sleep(120_000);
    // The OK of 10:01 is still on its way (another invocation, or a redelivery).
    const early = await batch([{ name: 'flap', state: 'ALARM', previous: 'OK', at: t + 120_000 }]);
    expect(early.failedRecordIds).toEqual(early.ids);
    await batch([{ name: 'flap', state: 'OK', previous: 'ALARM', at: t + 60_000 }]);
    const late = await batch([{ name: 'flap', state: 'ALARM', previous: 'OK', at: t + 120_000 }]);
    expect(late.failedRecordIds).toEqual([]);
    const [first, second] = slack.channelMessages();
    expect(slack.replies(first?.ts ?? '').map((r) => r.text.split(' ')[1])).toEqual(['OK']);
    expect(second?.text).toContain('ALARM flap');
    expect((second?.at ?? 0) >= (slack.replies(first?.ts ?? '')[0]?.at ?? Number.POSITIVE_INFINITY)).toBe(
      true,
    );
  });

  it('a late ALARM after its OK was shown on its own goes into the OK’s thread, not the channel', async () => {
    const t = clock.now();
    const waiting = await batch([{ name: 'lost', state: 'OK', previous: 'ALARM', at: t }]);
    expect(waiting.failedRecordIds).toEqual(waiting.ids);
    await clock.sleep(ORDER_WAIT_MS);
    await batch([{ name: 'lost', state: 'OK', previous: 'ALARM', at: t }]);
    await batch([{ name: 'lost', state: 'ALARM', at: t - 60_000 }]);
    const [ok, ...others] = slack.channelMessages();
    expect(others).toHaveLength(0);
    expect(ok?.text).toContain('OK lost');
    expect(slack.replies(ok?.ts ?? '').map((r) => r.text.split(' ')[1])).toEqual(['ALARM']);
  });

  it('in a storm, an ALARM and its OK pending together are one digest line with the story', async () => {
    const t = clock.now();
    await batch([
      ...alarms('gust', 6).map((c) => ({ ...c, at: t })),
      { name: 'gust-0', state: 'OK', previous: 'ALARM', at: t + 5 * 60_000 },
    ]);
    const [digest, ...others] = slack.channelMessages();
    expect(others).toHaveLength(0);
    const text = JSON.stringify(digest?.blocks);
    expect(text).toMatch(/OK gust-0[^"]*ALARM 10:00 → OK 10:05 UTC/);
    expect(text).not.toContain('ALARM gust-0');
    expect(digest?.text).toContain('6 alerts');
  });

  it('in a storm, OKs of alarms named in one digest make one reply under it and rewrite their lines', async () => {
    const t = clock.now();
    await batch(alarms('wave', 8).map((c) => ({ ...c, at: t })));
    await clock.sleep(30_000);
    await batch([
      ...['wave-1', 'wave-2', 'wave-3'].map((name) => ({
        name,
        state: 'OK' as const,
        previous: 'ALARM' as const,
        at: t + 30_000,
      })),
      ...alarms('other', 4).map((c) => ({ ...c, at: t + 30_000 })),
    ]);
    const [digest] = slack.channelMessages();
    const replies = slack.replies(digest?.ts ?? '');
    expect(replies).toHaveLength(1);
    for (const name of ['wave-1', 'wave-2', 'wave-3']) expect(replies[0]?.text).toContain(`OK ${name}`);
    const lines = JSON.stringify(digest?.blocks);
    expect(lines).toContain('ALARM 10:00 → OK 10:00 UTC');
    expect(lines).toContain('ALARM wave-4');
    // The other alarms joined the open digest; nothing new at the top level.
    expect(slack.channelMessages()).toHaveLength(1);
    expect(lines).toContain('ALARM other-0');
    expect(stats.digestReplies).toBe(1);
  });
});
