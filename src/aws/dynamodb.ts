/**
 * DynamoDB for the notify Lambda: the JSON API called with SigV4 (./json-api.ts) rather than
 * `@aws-sdk/client-dynamodb`, whose module graph costs ~100 ms of every cold start. Inputs and
 * outputs keep the SDK's types (the JSON protocol's wire shapes are the same), imported as
 * types only. Region from `AWS_REGION`; `AWS_ENDPOINT_URL_DYNAMODB` points it at dynalite.
 */
import type {
  BatchGetItemCommandInput,
  BatchGetItemCommandOutput,
  BatchWriteItemCommandInput,
  BatchWriteItemCommandOutput,
  DeleteItemCommandInput,
  DeleteItemCommandOutput,
  GetItemCommandInput,
  GetItemCommandOutput,
  PutItemCommandInput,
  PutItemCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  UpdateItemCommandInput,
  UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { AwsJsonClient, type JsonApiOptions } from './json-api.js';

/** The operations cloudbell's state code uses; the deployed IAM role grants exactly these. */
export interface DynamoOperations {
  GetItem: [GetItemCommandInput, GetItemCommandOutput];
  PutItem: [PutItemCommandInput, PutItemCommandOutput];
  UpdateItem: [UpdateItemCommandInput, UpdateItemCommandOutput];
  DeleteItem: [DeleteItemCommandInput, DeleteItemCommandOutput];
  Query: [QueryCommandInput, QueryCommandOutput];
  BatchGetItem: [BatchGetItemCommandInput, BatchGetItemCommandOutput];
  BatchWriteItem: [BatchWriteItemCommandInput, BatchWriteItemCommandOutput];
}
export type DynamoOperation = keyof DynamoOperations;

export interface DynamoCaller {
  call<K extends DynamoOperation>(
    operation: K,
    input: DynamoOperations[K][0],
  ): Promise<Omit<DynamoOperations[K][1], '$metadata'>>;
}

/**
 * A DynamoDB caller; options override the Lambda environment (tests pass an endpoint and keys).
 *
 * @example
 * ```ts
 * const { Item } = await createDynamoCaller().call('GetItem', { TableName, Key, ConsistentRead: true });
 * ```
 */
export function createDynamoCaller(
  options: Partial<
    Pick<JsonApiOptions, 'region' | 'endpoint' | 'credentials' | 'maxAttempts' | 'timeoutMs'>
  > = {},
): DynamoCaller {
  const client = new AwsJsonClient({
    service: 'dynamodb',
    targetPrefix: 'DynamoDB_20120810',
    jsonVersion: '1.0',
    endpointEnvId: 'DYNAMODB',
    // Bounded: the notify Lambda has its own deadline.
    maxAttempts: 3,
    ...options,
  });
  return { call: (operation, input) => client.call(operation, input) };
}

let shared: DynamoCaller | undefined;

/** The caller shared by one execution environment. */
export function dynamoDb(): DynamoCaller {
  shared ??= createDynamoCaller();
  return shared;
}
