/**
 * The action store against dynalite (DynamoDB's API in process) through the SDK v3 document
 * client, the way the slack Lambda and the worker use it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoCaller } from '../../src/aws/dynamodb.js';
import type { ActionStore, Reminder } from '../../src/state/action-store.js';
import { notifyThreadActions } from '../../src/state/notify-thread-actions.js';
import { StateError } from '../../src/state/table-errors.js';
import { actionStoreOn } from '../helpers/action-store.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';

let table: LocalTable;
let store: ActionStore;
const T0 = Date.parse('2026-11-26T09:04:00Z');
let threads = 0;
const thread = () => ({ channelId: 'C0ALERTS1', ts: `1764151320.${String(300000 + ++threads)}` });

async function raw(pk: string, sk: string) {
  const { Item } = await table.client.call('GetItem', {
    TableName: table.tableName,
    Key: { pk: { S: pk }, sk: { S: sk } },
  });
  return Item;
}

beforeAll(async () => {
  table = await startLocalTable();
  store = actionStoreOn(table);
});
afterAll(async () => table.close());

describe('acknowledgements', () => {
  it('stores one acknowledgement with a TTL; a later one gets the first back', async () => {
    const t = thread();
    expect(await store.acknowledge(t, 'U0ALICE12', T0)).toEqual({ done: true });
    expect(await store.acknowledge(t, 'U0BOB1234', T0 + 1000)).toEqual({
      done: false,
      current: { by: 'U0ALICE12', at: T0 },
    });
    const item = await raw(`act#C0ALERTS1#${t.ts}`, 'ack');
    expect(Number(item?.expiresAt?.N)).toBe(Math.floor(T0 / 1000) + 30 * 86_400);
  });

  it('ten concurrent acknowledgements: exactly one wins', async () => {
    const t = thread();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.acknowledge(t, `U0USER00${i}`, T0 + i)),
    );
    expect(results.filter((r) => r.done)).toHaveLength(1);
  });

  it('withdraws only the acknowledgement it expects', async () => {
    const t = thread();
    await store.acknowledge(t, 'U0ALICE12', T0);
    expect(await store.unacknowledge(t, 'U0BOB1234')).toBe(false);
    expect(await store.unacknowledge(t, 'U0ALICE12')).toBe(true);
    expect(await store.unacknowledge(t, 'U0ALICE12')).toBe(false);
    expect(await store.get(t)).toEqual({});
  });
});

describe('snoozes', () => {
  it('one running snooze at a time; a snooze that ran out is replaced', async () => {
    const t = thread();
    expect(await store.snooze(t, 'U0ALICE12', '1h', T0 + 3_600_000, T0)).toEqual({ done: true });
    const second = await store.snooze(t, 'U0BOB1234', '4h', T0 + 5 * 3_600_000, T0 + 60_000);
    expect(second).toEqual({ done: false, current: { by: 'U0ALICE12', at: T0, until: T0 + 3_600_000 } });
    expect((await store.snooze(t, 'U0BOB1234', '4h', T0 + 6 * 3_600_000, T0 + 2 * 3_600_000)).done).toBe(
      true,
    );
    expect((await store.get(t)).snooze?.by).toBe('U0BOB1234');
  });

  it('a snooze until OK has no end and is never replaced while it runs', async () => {
    const t = thread();
    await store.snooze(t, 'U0ALICE12', 'ok', null, T0);
    expect((await store.get(t)).snooze).toEqual({ by: 'U0ALICE12', at: T0, until: null });
    expect((await store.snooze(t, 'U0BOB1234', '1h', T0 + 86_400_000, T0 + 86_400_000)).done).toBe(false);
    expect(Number((await raw(`act#C0ALERTS1#${t.ts}`, 'snooze'))?.expiresAt?.N)).toBe(
      Math.floor(T0 / 1000) + 30 * 86_400,
    );
  });

  it('lifts only the snooze it saw', async () => {
    const t = thread();
    await store.snooze(t, 'U0ALICE12', '1h', T0 + 3_600_000, T0);
    expect(await store.unsnooze(t, { by: 'U0ALICE12', at: T0 - 1, until: null })).toBe(false);
    expect(await store.unsnooze(t, { by: 'U0ALICE12', at: T0, until: T0 + 3_600_000 })).toBe(true);
    expect(await store.get(t)).toEqual({});
  });
});

describe('clicks', () => {
  it('one press is claimed once; a failed one can be redone, a crashed one after its lease', async () => {
    const t = thread();
    expect(await store.claimClick(t, 'U0ALICE12', '1.1', T0)).toBe('new');
    expect(await store.claimClick(t, 'U0ALICE12', '1.1', T0 + 1000)).toBe('repeat');
    expect(await store.claimClick(t, 'U0ALICE12', '1.2', T0 + 1000)).toBe('new');
    await store.settleClick(t, 'U0ALICE12', '1.1', 'done');
    expect(await store.claimClick(t, 'U0ALICE12', '1.1', T0 + 60_000)).toBe('repeat');
    await store.settleClick(t, 'U0ALICE12', '1.2', 'failed');
    expect(await store.claimClick(t, 'U0ALICE12', '1.2', T0 + 2000)).toBe('new');
    // Crashed while pending: taken over after the 10-second lease, not before.
    expect(await store.claimClick(t, 'U0ALICE12', '1.2', T0 + 5000)).toBe('repeat');
    expect(await store.claimClick(t, 'U0ALICE12', '1.2', T0 + 13_000)).toBe('new');
  });

  it('keeps press records apart from the thread status', async () => {
    const t = thread();
    await store.claimClick(t, 'U0ALICE12', '2.1', T0);
    expect(await store.get(t)).toEqual({});
  });
});

describe('reminders', () => {
  const reminder = (dueAt: number, t = thread()): Reminder => ({
    thread: t,
    threadKey: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
    channel: '#aws-alerts',
    step: 0,
    openedAt: T0,
    dueAt,
    title: 'ALARM checkout-api-errors',
  });

  it('lists only what is due, oldest first, and each can be taken exactly once', async () => {
    const early = reminder(T0 + 60_000);
    const later = reminder(T0 + 120_000);
    const future = reminder(T0 + 3_600_000);
    await Promise.all([store.putReminder(later), store.putReminder(future), store.putReminder(early)]);
    const due = await store.dueReminders(T0 + 120_000);
    expect(due.map((r) => r.dueAt)).toEqual([T0 + 60_000, T0 + 120_000]);
    const takes = await Promise.all([store.takeReminder(early), store.takeReminder(early)]);
    expect(takes.sort()).toEqual([false, true]);
    expect((await store.dueReminders(T0 + 120_000)).map((r) => r.dueAt)).toEqual([T0 + 120_000]);
  });
});

describe("notify's reader", () => {
  it('reads what the action store wrote and writes reminders the action store finds', async () => {
    const signed = notifyThreadActions(table.client, table.tableName);
    const t = thread();
    await store.acknowledge(t, 'U0ALICE12', T0);
    await store.snooze(t, 'U0BOB1234', 'ok', null, T0 + 1);
    expect(await signed.get(t)).toEqual(await store.get(t));
    expect(await signed.get(t)).toEqual({
      ack: { by: 'U0ALICE12', at: T0 },
      snooze: { by: 'U0BOB1234', at: T0 + 1, until: null },
    });
    const r: Reminder = {
      thread: t,
      threadKey: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:x',
      channel: '#aws-alerts',
      step: 1,
      openedAt: T0,
      dueAt: T0 - 86_400_000,
      title: 'ALARM x',
    };
    await signed.putReminder(r);
    expect(await store.dueReminders(T0 - 86_400_000)).toEqual([r]);
    expect(await store.takeReminder(r)).toBe(true);
  });
});

describe("notify's reader under a table that never answers", () => {
  it('gives up at its deadline with a StateError instead of waiting on the table', async () => {
    const hung: DynamoCaller = {
      call: (_operation, _input, options) =>
        new Promise((_resolve, reject) => {
          options?.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason));
        }),
    };
    const reader = notifyThreadActions(hung, 'cloudbell-test', { callTimeoutMs: 20 });
    const error = await reader.get(thread()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    expect((error as Error).message).toBe('read thread actions on table cloudbell-test failed: TimeoutError');
  });
});

describe("notify's reader and a security finding's reminder", () => {
  it('keeps the finding mark the action store reads back', async () => {
    const r: Reminder = {
      thread: thread(),
      threadKey: 'finding#iam-user-created',
      channel: '#aws-security',
      step: 0,
      openedAt: T0,
      dueAt: T0 - 2 * 86_400_000,
      title: 'IAM user created',
      finding: true,
    };
    await notifyThreadActions(table.client, table.tableName).putReminder(r);
    expect(await store.dueReminders(T0 - 2 * 86_400_000)).toEqual([r]);
    expect(await store.takeReminder(r)).toBe(true);
  });
});
