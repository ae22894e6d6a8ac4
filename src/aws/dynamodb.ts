/**
 * DynamoDB for the notify Lambda through the AWS SDK v3 (`@aws-sdk/client-dynamodb`), bundled
 * into the notify zip at a pinned version so production runs the SDK the tests ran. The SDK
 * brings the credential chain, partition-aware endpoints (`AWS_ENDPOINT_URL_DYNAMODB` points it
 * at dynalite) and its standard retry mode; cloudbell adds the deadline: every call takes an
 * `abortSignal` (src/state/table-guard.ts decides how long), and each attempt has a socket
 * timeout, so a table that accepts connections and never answers costs seconds, not the Lambda.
 */
import {
  BatchGetItemCommand,
  type BatchGetItemCommandInput,
  type BatchGetItemCommandOutput,
  BatchWriteItemCommand,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
  DeleteItemCommand,
  type DeleteItemCommandInput,
  type DeleteItemCommandOutput,
  DynamoDBClient,
  type DynamoDBClientConfig,
  GetItemCommand,
  type GetItemCommandInput,
  type GetItemCommandOutput,
  PutItemCommand,
  type PutItemCommandInput,
  type PutItemCommandOutput,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';

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

export interface CallOptions {
  /** Aborts the call, its retries included (the SDK stops and throws an AbortError). */
  readonly abortSignal?: AbortSignal;
}

export interface DynamoCaller {
  call<K extends DynamoOperation>(
    operation: K,
    input: DynamoOperations[K][0],
    options?: CallOptions,
  ): Promise<Omit<DynamoOperations[K][1], '$metadata'>>;
}

export interface DynamoCallerOptions {
  readonly region?: string;
  readonly endpoint?: string;
  readonly credentials?: DynamoDBClientConfig['credentials'];
  /** SDK attempts per call (first try included). */
  readonly maxAttempts?: number;
  /** Socket inactivity allowed per attempt. */
  readonly attemptTimeoutMs?: number;
  /** TCP connect allowed per attempt. */
  readonly connectTimeoutMs?: number;
}

/**
 * Per attempt: DynamoDB answers in milliseconds; 2.5 s still lets a slow (2 s) table work, and
 * the table guard's abort signal caps the whole call below this when time is short.
 */
export const ATTEMPT_TIMEOUT_MS = 2_500;
const CONNECT_TIMEOUT_MS = 1_000;

// One place maps the operation names to SDK commands (the IAM test reads these `new …Command(` too).
const commands: Record<DynamoOperation, (input: never) => unknown> = {
  GetItem: (input) => new GetItemCommand(input),
  PutItem: (input) => new PutItemCommand(input),
  UpdateItem: (input) => new UpdateItemCommand(input),
  DeleteItem: (input) => new DeleteItemCommand(input),
  Query: (input) => new QueryCommand(input),
  BatchGetItem: (input) => new BatchGetItemCommand(input),
  BatchWriteItem: (input) => new BatchWriteItemCommand(input),
};

/**
 * A DynamoDB caller over one SDK client; options override the Lambda environment (tests pass an
 * endpoint and keys).
 *
 * @example
 * ```ts
 * const ddb = createDynamoCaller();
 * const { Item } = await ddb.call('GetItem', { TableName, Key, ConsistentRead: true }, { abortSignal: AbortSignal.timeout(1_000) });
 * ```
 */
export function createDynamoCaller(options: DynamoCallerOptions = {}): DynamoCaller {
  const client = new DynamoDBClient({
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Two attempts: one retry of a throttle or a dropped connection; more would only spend the
    // time the alert's post needs (the guard gives up on the table instead).
    maxAttempts: options.maxAttempts ?? 2,
    requestHandler: {
      requestTimeout: options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS,
      // Without this the handler only logs a warning when an attempt outlives requestTimeout.
      throwOnRequestTimeout: true,
      connectionTimeout: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    },
  });
  return {
    async call(operation, input, callOptions) {
      const command = commands[operation](input as never) as Parameters<DynamoDBClient['send']>[0];
      const { $metadata: _metadata, ...output } = (await client.send(command, {
        ...(callOptions?.abortSignal ? { abortSignal: callOptions.abortSignal } : {}),
      })) as { $metadata: unknown };
      return output as never;
    },
  };
}

let shared: DynamoCaller | undefined;

/** The caller shared by one execution environment (the SDK client keeps its connections warm). */
export function dynamoDb(): DynamoCaller {
  shared ??= createDynamoCaller();
  return shared;
}
