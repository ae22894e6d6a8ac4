/**
 * DynamoDB's real API in process (dynalite), with cloudbell's table created exactly as the
 * deploy creates it: key pk (S) + sk (S), TTL attribute `expiresAt`.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoCaller, type DynamoCaller } from '../../src/aws/dynamodb.js';

// dynalite ships no types; this is the one function it exports.
type Dynalite = (options: {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;

export interface LocalTable {
  /** cloudbell's own SDK caller, as the notify Lambda uses it. */
  readonly client: DynamoCaller;
  readonly tableName: string;
  readonly endpoint: string;
  close(): Promise<void>;
}

let tables = 0;

/**
 * Starts dynalite on 127.0.0.1 (a free port) and creates a fresh table.
 *
 * @example
 * ```ts
 * const table = await startLocalTable();
 * const store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
 * ```
 */
export async function startLocalTable(): Promise<LocalTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const client = createDynamoCaller({ endpoint, region: 'eu-west-1', credentials });
  // Table management is not part of cloudbell's runtime API: a plain SDK client does it.
  const admin = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials });
  tables += 1;
  const tableName = `cloudbell-test-${tables}`;
  await admin.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (let i = 0; i < 100; i++) {
    const { Table } = await admin.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  admin.destroy();
  return {
    client,
    tableName,
    endpoint,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
