import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoCaller } from '../../src/aws/dynamodb.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { type FaultyTable, startFaultyTable } from '../helpers/table-faults.js';

let table: LocalTable;
let front: FaultyTable;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

beforeAll(async () => {
  table = await startLocalTable();
  front = await startFaultyTable(table.endpoint, { kind: 'none' });
});
afterAll(async () => {
  await front.close();
  await table.close();
});

describe('createDynamoCaller (AWS SDK v3)', () => {
  it('reads and writes the real DynamoDB API', async () => {
    const ddb = createDynamoCaller({ endpoint: table.endpoint, region: 'eu-west-1', credentials });
    const Key = { pk: { S: 'caller#1' }, sk: { S: 'x' } };
    await ddb.call('PutItem', { TableName: table.tableName, Item: { ...Key, n: { N: '1' } } });
    const { Item } = await ddb.call('GetItem', { TableName: table.tableName, Key, ConsistentRead: true });
    expect(Item?.n?.N).toBe('1');
  });

  it('gives up an attempt that gets no answer, and retries it once', async () => {
    front.fault = { kind: 'blackhole' };
    const before = front.operations.length;
    const ddb = createDynamoCaller({
      endpoint: front.endpoint,
      region: 'eu-west-1',
      credentials,
      attemptTimeoutMs: 200,
    });
    const error = await ddb
      .call('GetItem', { TableName: table.tableName, Key: { pk: { S: 'a' }, sk: { S: 'b' } } })
      .catch((e: Error) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect(front.operations.length - before).toBe(2);
  });

  it('stops at once, retries included, when the caller aborts', async () => {
    front.fault = { kind: 'blackhole' };
    const ddb = createDynamoCaller({ endpoint: front.endpoint, region: 'eu-west-1', credentials });
    const error = await ddb
      .call(
        'GetItem',
        { TableName: table.tableName, Key: { pk: { S: 'a' }, sk: { S: 'b' } } },
        { abortSignal: AbortSignal.timeout(100) },
      )
      .catch((e: Error) => e);
    expect((error as Error).name).toBe('AbortError');
  });
});
