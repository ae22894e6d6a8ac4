import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoCaller } from '../../src/aws/dynamodb.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { type FaultyTable, startFaultyTable } from '../helpers/table-faults.js';

let table: LocalTable;
let store: DynamoStore;
const T0 = Date.parse('2026-11-26T10:00:00Z');

beforeAll(async () => {
  table = await startLocalTable();
  store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
});
afterAll(async () => table.close());

describe('dedupe claims', () => {
  it('claims a new delivery once, and a done delivery is reported done with its TTL set', async () => {
    const key = { key: 'eb:claim-1', channel: '#aws-alerts' };
    expect(await store.claim(key, 'tok-a', T0 + 30_000, T0)).toBe('claimed');
    expect(await store.claim(key, 'tok-b', T0 + 30_000, T0 + 1_000)).toBe('busy');
    await store.markDone([key], 'tok-a', T0 + 2_000);
    expect(await store.claim(key, 'tok-c', T0 + 90_000, T0 + 60_000)).toBe('done');
    const { Item } = await table.client.call('GetItem', {
      TableName: table.tableName,
      Key: { pk: { S: 'dedupe#eb:claim-1' }, sk: { S: '#aws-alerts' } },
    });
    expect(Item?.status?.S).toBe('done');
    expect(Number(Item?.expiresAt?.N)).toBe(Math.floor((T0 + 2_000) / 1000) + 24 * 3600);
  });

  it('lets a redelivery take over a claim whose lease ran out (a crash before the post)', async () => {
    const key = { key: 'eb:crash', channel: '#aws-alerts' };
    expect(await store.claim(key, 'tok-a', T0 + 30_000, T0)).toBe('claimed');
    expect(await store.claim(key, 'tok-b', T0 + 120_000, T0 + 31_000)).toBe('claimed');
  });

  it('keeps channels apart: the same alert to two channels is two deliveries', async () => {
    expect(await store.claim({ key: 'eb:two', channel: '#a' }, 't', T0 + 1000, T0)).toBe('claimed');
    expect(await store.claim({ key: 'eb:two', channel: '#b' }, 't', T0 + 1000, T0)).toBe('claimed');
  });

  it('releases only its own pending claim', async () => {
    const key = { key: 'eb:release', channel: '#aws-alerts' };
    await store.claim(key, 'mine', T0 + 30_000, T0);
    await store.release(key, 'someone-else');
    expect(await store.claim(key, 'other', T0 + 30_000, T0)).toBe('busy');
    await store.release(key, 'mine');
    expect(await store.claim(key, 'other', T0 + 30_000, T0)).toBe('claimed');
  });
});

describe('alarm threads', () => {
  it('round-trips a thread record with its parent message', async () => {
    const record = {
      threadKey: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
      channel: '#aws-alerts',
      channelId: 'C0ALERTS',
      ts: '1764151320.000100',
      state: 'ALARM' as const,
      since: '2026-11-26T10:02:00.000Z',
      openedAt: '2026-11-26T10:02:00.000Z',
      kind: 'alert' as const,
      parent: { channel: '#aws-alerts', text: '🔴 ALARM checkout-api-errors', blocks: [] },
    };
    await store.putThread(record, T0);
    expect(await store.getThread(record.threadKey, '#aws-alerts')).toEqual(record);
    expect(await store.getThread(record.threadKey, '#other')).toBeUndefined();
  });

  it("finds every channel's thread of one alarm, and many threads at once", async () => {
    const base = {
      channelId: 'C1',
      ts: '1.1',
      state: 'ALARM' as const,
      since: '2026-11-26T10:02:00.000Z',
      openedAt: '2026-11-26T10:02:00.000Z',
      kind: 'digest' as const,
    };
    const arn = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:two-channels';
    await store.putThreads(
      [
        { ...base, threadKey: arn, channel: '#a' },
        { ...base, threadKey: arn, channel: '#b' },
        ...Array.from({ length: 60 }, (_, i) => ({ ...base, threadKey: `${arn}-${i}`, channel: '#a' })),
      ],
      T0,
    );
    expect((await store.threadsOf(arn)).map((r) => r.channel).sort()).toEqual(['#a', '#b']);
    const many = await store.getThreads(
      Array.from({ length: 60 }, (_, i) => ({ threadKey: `${arn}-${i}`, channel: '#a' })),
    );
    expect(many).toHaveLength(60);
  });
});

describe('storm windows', () => {
  it('adds up within the window and starts over after it', async () => {
    expect(await store.countInWindow('#storm', 3, T0, 60, 'a')).toBe(3);
    expect(await store.countInWindow('#storm', 4, T0 + 10_000, 60, 'b')).toBe(7);
    expect(await store.countInWindow('#storm', 2, T0 + 59_000, 60, 'c')).toBe(9);
    expect(await store.countInWindow('#storm', 1, T0 + 61_000, 60, 'd')).toBe(1);
    expect(await store.countInWindow('#calm', 1, T0, 60, 'a')).toBe(1);
  });

  it('counts every alert when invocations write concurrently', async () => {
    const counts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.countInWindow('#race', 1, T0 + 500_000, 60, `inv-${i}`)),
    );
    expect(Math.max(...counts)).toBe(10);
  });

  it('counts a repeated call of the same invocation once', async () => {
    expect(await store.countInWindow('#again', 4, T0, 60, 'inv-1')).toBe(4);
    expect(await store.countInWindow('#again', 4, T0 + 100, 60, 'inv-1')).toBe(4);
    expect(await store.countInWindow('#again', 2, T0 + 200, 60, 'inv-2')).toBe(6);
  });
});

describe('retries after a lost answer (the write happened, the SDK retries it)', () => {
  let front: FaultyTable;
  let flaky: DynamoStore;
  beforeAll(async () => {
    front = await startFaultyTable(table.endpoint, { kind: 'none' });
    const client = createDynamoCaller({
      endpoint: front.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 3,
    });
    flaky = new DynamoStore({ client, tableName: table.tableName, dedupeTtlHours: 24 });
  });
  afterAll(async () => front.close());

  it('a retried claim recognises its own token and reports claimed, not busy', async () => {
    front.fault = { kind: 'lose-answer', operation: 'PutItem', count: 1 };
    const key = { key: 'eb:lost-answer', channel: '#aws-alerts' };
    expect(await flaky.claim(key, 'tok-mine', T0 + 30_000, T0)).toBe('claimed');
    expect(front.operations.filter((o) => o === 'PutItem').length).toBeGreaterThanOrEqual(2);
    // Someone else still finds it busy.
    expect(await flaky.claim(key, 'tok-other', T0 + 30_000, T0 + 1)).toBe('busy');
  });

  it('a retried storm count adds the batch once', async () => {
    front.fault = { kind: 'lose-answer', operation: 'UpdateItem', count: 0 };
    expect(await flaky.countInWindow('#lost', 5, T0, 60, 'inv-a')).toBe(5);
    front.fault = { kind: 'lose-answer', operation: 'UpdateItem', count: 1 };
    expect(await flaky.countInWindow('#lost', 3, T0 + 1_000, 60, 'inv-b')).toBe(8);
    expect(await store.countInWindow('#lost', 1, T0 + 2_000, 60, 'inv-c')).toBe(9);
  });
});

describe('post slots', () => {
  it('hands concurrent callers distinct slots one interval apart', async () => {
    const slots = await Promise.all(Array.from({ length: 5 }, () => store.reserveSlot('#slots', T0, 1_100)));
    expect(slots.sort((x, y) => x - y)).toEqual([T0, T0 + 1_100, T0 + 2_200, T0 + 3_300, T0 + 4_400]);
    // Later than the booked slots: the caller's own time wins.
    expect(await store.reserveSlot('#slots', T0 + 60_000, 1_100)).toBe(T0 + 60_000);
  });
});
