import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoReplayGuard, ReplayGuardError } from '../../src/state/replay-guard.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';

let table: LocalTable;
const clientConfig = () => ({
  endpoint: table.endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const SIG = `v0=${'a1'.repeat(32)}`;
const TS = 1_764_600_000;

beforeAll(async () => {
  table = await startLocalTable();
});
afterAll(async () => table.close());

describe('dynamoReplayGuard', () => {
  it('accepts a signature once and refuses it after, remembering it past the 5-minute window', async () => {
    const guard = dynamoReplayGuard({ tableName: table.tableName, clientConfig: clientConfig() });
    expect(await guard.firstUse(SIG, TS)).toBe(true);
    expect(await guard.firstUse(SIG, TS)).toBe(false);
    // Another guard (another Lambda instance) sees the same table.
    const other = dynamoReplayGuard({ tableName: table.tableName, clientConfig: clientConfig() });
    expect(await other.firstUse(SIG, TS)).toBe(false);
    expect(await other.firstUse(`v0=${'b2'.repeat(32)}`, TS)).toBe(true);
    const { Item } = await table.client.call('GetItem', {
      TableName: table.tableName,
      Key: { pk: { S: `replay#${SIG}` }, sk: { S: 'slack' } },
    });
    // The TTL attribute: the request's time plus the window and a minute of clock skew.
    expect(Number(Item?.expiresAt?.N)).toBe(TS + 360);
  });

  it('says it could not tell when the table does not answer', async () => {
    const guard = dynamoReplayGuard({ tableName: 'no-such-table', clientConfig: clientConfig() });
    await expect(guard.firstUse(SIG, TS)).rejects.toBeInstanceOf(ReplayGuardError);
  });
});
