/**
 * DynamoDB's real API in process (dynalite), with cloudbell's table created exactly as the
 * deploy creates it: key pk (S) + sk (S), TTL attribute `expiresAt`.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';

// dynalite ships no types; this is the one function it exports.
type Dynalite = (options: {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;

export interface LocalTable {
  readonly client: DynamoDBClient;
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
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  tables += 1;
  const tableName = `cloudbell-test-${tables}`;
  await client.send(
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
  await waitUntilTableExists(
    { client, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.2 },
    { TableName: tableName },
  );
  return {
    client,
    tableName,
    endpoint,
    async close() {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
