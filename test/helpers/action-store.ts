/** An ActionStore on a dynalite table, through the SDK v3 document client (as deployed). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ActionStore } from '../../src/state/action-store.js';
import type { LocalTable } from './dynalite.js';

export function actionStoreOn(table: LocalTable): ActionStore {
  const client = new DynamoDBClient({
    endpoint: table.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return new ActionStore({ tableName: table.tableName, client: DynamoDBDocumentClient.from(client) });
}
