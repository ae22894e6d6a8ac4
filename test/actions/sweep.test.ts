/**
 * Escalation on a simulated clock: the sweep runs every minute against dynalite (the thread
 * records written by the delivery store, the reminders by the action store), Slack is a
 * recorder. An ALARM acknowledged at minute 9 gets no reminder; one left alone gets each
 * step once; an OK cancels; two sweeps at once still remind once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SweepSlack, sweepReminders } from '../../src/actions/sweep.js';
import { threadActionsPort } from '../../src/actions/thread-port.js';
import { type Config, parseConfig } from '../../src/core/config.js';
import type { ThreadRecord } from '../../src/delivery/store.js';
import type { ActionStore } from '../../src/state/action-store.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { actionStoreOn } from '../helpers/action-store.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { SimClock } from '../helpers/sim-clock.js';

const config: Config = parseConfig(
  {
    slack: { defaultChannel: '#aws-alerts' },
    escalation: {
      steps: [
        { after: '10m', mention: ['S0ONCALL1'] },
        { after: '30m', mention: ['S0LEADS12'], channel: '#incidents' },
      ],
    },
  },
  'test',
);

let table: LocalTable;
let threads: DynamoStore;
let actions: ActionStore;
let clock: SimClock;
let posts: Array<{ channel: string; text: string; threadTs?: string; minute: number }>;
let t0: number;
let failNext = 0;

const slack: SweepSlack = {
  async post(channel, text, threadTs) {
    if (failNext > 0) {
      failNext -= 1;
      throw new Error('ratelimited');
    }
    posts.push({ channel, text, ...(threadTs ? { threadTs } : {}), minute: (clock.now() - t0) / 60_000 });
  },
  async permalink(channelId, ts) {
    return `https://acme.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
  },
};
const quiet = { info: () => {}, error: () => {} };

const record = (state: ThreadRecord['state'] = 'ALARM'): ThreadRecord => ({
  threadKey: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
  channel: '#aws-alerts',
  channelId: 'C0ALERTS1',
  ts: '1764151320.000100',
  state,
  since: new Date(t0).toISOString(),
  openedAt: new Date(t0).toISOString(),
  kind: 'alert',
});

/** What notify does when it posts the ALARM. */
async function alarmPosted(): Promise<void> {
  await threads.putThread(record(), clock.now());
  await threadActionsPort(actions, config.escalation).opened(record(), 'ALARM checkout-api-errors · prod');
}

/** Sweeps once a minute until `minute`, doing `at[m]` first at minute m. */
async function runUntil(minute: number, at: Record<number, () => Promise<void>> = {}, sweeps = 1) {
  for (let m = 0; m <= minute; m++) {
    clock.advanceTo(t0 + m * 60_000);
    await at[m]?.();
    await Promise.all(
      Array.from({ length: sweeps }, () =>
        sweepReminders({
          store: actions,
          slack,
          steps: config.escalation.steps,
          now: clock.now(),
          log: quiet,
        }),
      ),
    );
  }
}

beforeEach(async () => {
  table = await startLocalTable();
  threads = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
  actions = actionStoreOn(table);
  clock = new SimClock(Date.parse('2026-11-26T09:00:00Z'));
  t0 = clock.now();
  posts = [];
  failNext = 0;
});
afterEach(async () => table.close());

const thread = { channelId: 'C0ALERTS1', ts: '1764151320.000100' };

describe('escalation reminders', () => {
  it('an ALARM acknowledged at minute 9 gets no reminder', async () => {
    await alarmPosted();
    await runUntil(60, { 9: async () => void (await actions.acknowledge(thread, 'U0ALICE12', clock.now())) });
    expect(posts).toEqual([]);
  });

  it('one left alone gets each step once, at its minute, with its mentions; the last also in its channel', async () => {
    await alarmPosted();
    await runUntil(120);
    expect(posts).toEqual([
      {
        channel: 'C0ALERTS1',
        threadTs: thread.ts,
        minute: 10,
        text: '⏰ <!subteam^S0ONCALL1> Still not acknowledged after 10 min: press 👀 Acknowledge on the alert if you are on it.',
      },
      {
        channel: 'C0ALERTS1',
        threadTs: thread.ts,
        minute: 30,
        text: '⏰ <!subteam^S0LEADS12> Still not acknowledged after 30 min: press 👀 Acknowledge on the alert if you are on it.',
      },
      {
        channel: '#incidents',
        minute: 30,
        text: '⏰ <!subteam^S0LEADS12> Not acknowledged after 30 min: <https://acme.slack.com/archives/C0ALERTS1/p1764151320000100|ALARM checkout-api-errors · prod>',
      },
    ]);
  });

  it('an OK cancels the reminders still to come', async () => {
    await alarmPosted();
    await runUntil(60, { 15: () => threads.putThread(record('OK'), clock.now()) });
    expect(posts.map((p) => p.minute)).toEqual([10]);
  });

  it('a newer thread for the alarm (ALARM again after OK) ends the old one’s reminders', async () => {
    await alarmPosted();
    await runUntil(60, {
      5: () => threads.putThread({ ...record(), ts: '1764151999.000200' }, clock.now()),
    });
    expect(posts).toEqual([]);
  });

  it('two sweeps running at once remind once per step', async () => {
    await alarmPosted();
    await runUntil(60, {}, 3);
    expect(posts.filter((p) => p.threadTs).map((p) => p.minute)).toEqual([10, 30]);
  });

  it('a snooze postpones the step to when it ends; snoozed until OK ends the escalation', async () => {
    await alarmPosted();
    await runUntil(120, {
      5: async () => void (await actions.snooze(thread, 'U0BOB1234', '1h', t0 + 65 * 60_000, clock.now())),
    });
    expect(posts.filter((p) => p.threadTs).map((p) => p.minute)).toEqual([65, 66]);
    posts = [];
    await table.close();
    table = await startLocalTable();
    actions = actionStoreOn(table);
    threads = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
    clock = new SimClock(t0);
    await alarmPosted();
    await runUntil(60, {
      5: async () => void (await actions.snooze(thread, 'U0BOB1234', 'ok', null, clock.now())),
    });
    expect(posts).toEqual([]);
  });

  it('a failed post is tried again on the next sweep, and still only once', async () => {
    await alarmPosted();
    failNext = 1;
    await runUntil(20);
    expect(posts.map((p) => p.minute)).toEqual([11]);
  });

  it('a critical/high finding (no alarm thread, no OK) is reminded until acknowledged', async () => {
    const finding = { ...record(), threadKey: 'eb:e482ed90-fc17-5515-8255-421756effcd4' };
    await threadActionsPort(actions, config.escalation).opened(finding, 'CRITICAL root sign-in', true);
    await runUntil(20);
    expect(posts.filter((p) => p.threadTs).map((p) => p.minute)).toEqual([10]);
    await actions.acknowledge(thread, 'U0ALICE12', clock.now());
    await runUntil(60);
    expect(posts.filter((p) => p.threadTs).map((p) => p.minute)).toEqual([10]);
  });
});
