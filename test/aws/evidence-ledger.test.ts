import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoLedger } from '../../src/aws/evidence-ledger.js';
import type { EvidenceLedger } from '../../src/evidence/evidence-ports.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';

let table: LocalTable;
let ledger: EvidenceLedger;
const NOW = Date.parse('2026-11-26T14:02:20Z');

beforeAll(async () => {
  table = await startLocalTable();
  const client = new DynamoDBClient({
    endpoint: table.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  ledger = dynamoLedger({ tableName: table.tableName, dedupeTtlHours: 24, client });
});
afterAll(() => table.close());

describe('dynamoLedger (against dynalite, the real DynamoDB API)', () => {
  it('claims a state change once per channel, under concurrency too', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ledger.claim('arn:a#t1', '#aws-alerts', NOW)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await ledger.claim('arn:a#t1', '#oncall', NOW)).toBe(true);
    expect(await ledger.claim('arn:a#t2', '#aws-alerts', NOW)).toBe(true);
  });

  it('never draws more than maxPerDay graphs a day, even when workers race', async () => {
    const taken = await Promise.all(Array.from({ length: 8 }, () => ledger.takeGraph(NOW, 5)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    // A new UTC day starts a new allowance.
    expect(await ledger.takeGraph(NOW + 86_400_000, 5)).toBe(true);
  });

  it('counts jobs per channel and storm window', async () => {
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(await ledger.countInWindow('#aws-alerts', NOW, 60));
    expect(counts).toEqual([1, 2, 3]);
    expect(await ledger.countInWindow('#other', NOW, 60)).toBe(1);
    expect(await ledger.countInWindow('#aws-alerts', NOW + 60_000, 60)).toBe(1);
  });
});

describe('dynamoLedger post slots', () => {
  it('hands concurrent callers distinct slots one interval apart, on the item notify paces with', async () => {
    const slots = await Promise.all(
      Array.from({ length: 4 }, () => ledger.reservePostSlot('#paced', NOW, 1_100)),
    );
    expect([...slots].sort((a, b) => a - b)).toEqual([NOW, NOW + 1_100, NOW + 2_200, NOW + 3_300]);
  });
});

describe('one channel, two writers', () => {
  it('notify (DynamoStore) and evidence (the ledger) take turns on the same slots', async () => {
    const store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
    const a = await store.reserveSlot('#shared', NOW, 1_100);
    const b = await ledger.reservePostSlot('#shared', NOW, 1_100);
    const c = await store.reserveSlot('#shared', NOW, 1_100);
    expect([a, b, c]).toEqual([NOW, NOW + 1_100, NOW + 2_200]);
  });
});
