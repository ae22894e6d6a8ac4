import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDigest } from '../../src/delivery/store.js';
import type { DigestEntry } from '../../src/slack/storm-digest.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';

// The items on the table are a contract with the deployed release: a deploy must read what the
// previous release wrote, and write what it would have written. Each item is pinned here.
let table: LocalTable;
let store: DynamoStore;
const T0 = Date.parse('2026-11-26T10:00:00Z');
const ARN = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors';

beforeAll(async () => {
  table = await startLocalTable();
  store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
});
afterAll(async () => table.close());

async function raw(pk: string, sk: string) {
  const { Item } = await table.client.call('GetItem', {
    TableName: table.tableName,
    Key: { pk: { S: pk }, sk: { S: sk } },
    ConsistentRead: true,
  });
  return Item;
}

async function put(item: Record<string, unknown>) {
  await table.client.call('PutItem', { TableName: table.tableName, Item: item as never });
}

const secs = (ms: number) => String(Math.floor(ms / 1000));

describe('items written by the store', () => {
  it('a claim, then its done mark, as dedupe#<key> / <channel>', async () => {
    const key = { key: 'eb:items-1', channel: '#aws-alerts' };
    await store.claim(key, 'tok', T0 + 30_000, T0);
    expect(await raw('dedupe#eb:items-1', '#aws-alerts')).toEqual({
      pk: { S: 'dedupe#eb:items-1' },
      sk: { S: '#aws-alerts' },
      status: { S: 'pending' },
      token: { S: 'tok' },
      leaseUntil: { N: String(T0 + 30_000) },
      expiresAt: { N: secs(T0 + 24 * 3_600_000) },
    });
    await store.markDone([key], 'tok', T0 + 1_000);
    expect(await raw('dedupe#eb:items-1', '#aws-alerts')).toEqual({
      pk: { S: 'dedupe#eb:items-1' },
      sk: { S: '#aws-alerts' },
      status: { S: 'done' },
      token: { S: 'tok' },
      expiresAt: { N: secs(T0 + 1_000 + 24 * 3_600_000) },
    });
  });

  it('an alarm thread as thread#<ARN> / <channel>, its parent as JSON, kept 30 days', async () => {
    const parent = { channel: '#aws-alerts', text: '🔴 ALARM checkout-api-errors', blocks: [] };
    await store.putThread(
      {
        threadKey: ARN,
        channel: '#aws-alerts',
        channelId: 'C0ALERTS',
        ts: '1764151320.000100',
        state: 'ALARM',
        since: '2026-11-26T10:02:00.000Z',
        openedAt: '2026-11-26T10:01:00.000Z',
        kind: 'alert',
        parent,
      },
      T0,
    );
    expect(await raw(`thread#${ARN}`, '#aws-alerts')).toEqual({
      pk: { S: `thread#${ARN}` },
      sk: { S: '#aws-alerts' },
      threadKey: { S: ARN },
      channel: { S: '#aws-alerts' },
      channelId: { S: 'C0ALERTS' },
      ts: { S: '1764151320.000100' },
      state: { S: 'ALARM' },
      since: { S: '2026-11-26T10:02:00.000Z' },
      openedAt: { S: '2026-11-26T10:01:00.000Z' },
      kind: { S: 'alert' },
      parent: { S: JSON.stringify(parent) },
      expiresAt: { N: secs(T0 + 30 * 86_400_000) },
    });
  });

  it('a new digest as digest#<channel> / msg#<ts> with its open pointer digest#<channel> / open', async () => {
    const entries: DigestEntry[] = [
      { family: 'alarm', severity: 'high', emoji: '🔴', fallback: 'ALARM a', dedupeKey: 'k1' },
    ];
    const digest: OpenDigest = {
      channel: '#storm',
      channelId: 'C0STORM',
      ts: '1764151400.000200',
      openedAt: T0,
      version: 1,
      mentions: ['@here'],
      entries,
    };
    expect(await store.putOpenDigest(digest, undefined, T0)).toBe(true);
    expect(await raw('digest##storm', 'msg#1764151400.000200')).toEqual({
      pk: { S: 'digest##storm' },
      sk: { S: 'msg#1764151400.000200' },
      channelId: { S: 'C0STORM' },
      ts: { S: '1764151400.000200' },
      openedAt: { N: String(T0) },
      version: { N: '1' },
      mentions: { S: '["@here"]' },
      entries: { S: JSON.stringify(entries) },
      expiresAt: { N: secs(T0 + 30 * 86_400_000) },
    });
    expect(await raw('digest##storm', 'open')).toEqual({
      pk: { S: 'digest##storm' },
      sk: { S: 'open' },
      ts: { S: '1764151400.000200' },
      expiresAt: { N: secs(T0 + 86_400_000) },
    });
  });

  it('a storm window as storm#<channel> / window, with the tokens it counted', async () => {
    await store.countInWindow('#items', 3, T0, 60, 'inv-1');
    expect(await raw('storm##items', 'window')).toEqual({
      pk: { S: 'storm##items' },
      sk: { S: 'window' },
      windowStart: { N: String(T0) },
      count: { N: '3' },
      seen: { SS: ['inv-1'] },
      expiresAt: { N: secs(T0 + 120_000) },
    });
  });

  it('a post slot as pace#<channel> / next', async () => {
    await store.reserveSlot('#items', T0, 1_100);
    expect(await raw('pace##items', 'next')).toEqual({
      pk: { S: 'pace##items' },
      sk: { S: 'next' },
      nextAt: { N: String(T0 + 1_100) },
      expiresAt: { N: secs(T0 + 1_100 + 3_600_000) },
    });
  });
});

describe('items the deployed release wrote are read', () => {
  it('a done delivery is a repeat, a thread and an open digest are found, a window keeps counting', async () => {
    await put({
      pk: { S: 'dedupe#eb:old' },
      sk: { S: '#old' },
      status: { S: 'done' },
      token: { S: 'old-tok' },
      expiresAt: { N: secs(T0 + 3_600_000) },
    });
    expect(await store.claim({ key: 'eb:old', channel: '#old' }, 'new-tok', T0 + 30_000, T0)).toBe('done');

    await put({
      pk: { S: `thread#${ARN}` },
      sk: { S: '#old' },
      threadKey: { S: ARN },
      channel: { S: '#old' },
      channelId: { S: 'C0OLD' },
      ts: { S: '1.2' },
      state: { S: 'OK' },
      since: { S: '2026-11-26T09:00:00.000Z' },
      kind: { S: 'digest' },
      expiresAt: { N: secs(T0 + 3_600_000) },
    });
    // Without `openedAt` (older items): the thread opened when its state began.
    expect(await store.getThread(ARN, '#old')).toEqual({
      threadKey: ARN,
      channel: '#old',
      channelId: 'C0OLD',
      ts: '1.2',
      state: 'OK',
      since: '2026-11-26T09:00:00.000Z',
      openedAt: '2026-11-26T09:00:00.000Z',
      kind: 'digest',
    });

    await put({ pk: { S: 'digest##old' }, sk: { S: 'open' }, ts: { S: '9.9' } });
    await put({
      pk: { S: 'digest##old' },
      sk: { S: 'msg#9.9' },
      channelId: { S: 'C0OLD' },
      ts: { S: '9.9' },
      openedAt: { N: String(T0) },
      version: { N: '4' },
      mentions: { S: '[]' },
      entries: { S: '[{"family":"dlq","severity":"high","emoji":"🔴","fallback":"DLQ","dedupeKey":"d"}]' },
    });
    expect(await store.getOpenDigest('#old')).toEqual({
      channel: '#old',
      channelId: 'C0OLD',
      ts: '9.9',
      openedAt: T0,
      version: 4,
      mentions: [],
      entries: [{ family: 'dlq', severity: 'high', emoji: '🔴', fallback: 'DLQ', dedupeKey: 'd' }],
    });

    await put({
      pk: { S: 'storm##old' },
      sk: { S: 'window' },
      windowStart: { N: String(T0) },
      count: { N: '5' },
      seen: { SS: ['old-inv'] },
    });
    expect(await store.countInWindow('#old', 2, T0 + 1_000, 60, 'new-inv')).toBe(7);
  });
});
