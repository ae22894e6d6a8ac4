/**
 * Refuses a replayed Slack request: a signed request is valid for 5 minutes, so anyone who
 * captured one could send it again within that window. The first use of a signature writes
 * `replay#<signature>` to the state table with a conditional PutItem; a second write of the
 * same signature fails its condition. The item expires through the table's TTL attribute
 * after the window (DynamoDB deletes lazily; an expired signature is refused as stale anyway).
 *
 * The SDK's DynamoDB client is imported on first use: the slack Lambda's cold start pays for
 * it in parallel with building Bolt, and only when a table is configured.
 */
import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { CloudbellError } from '../core/errors.js';
import { isConditionFailed } from './table-errors.js';

/** Slack's signature window, plus a minute of clock skew. */
const REMEMBER_SECONDS = 5 * 60 + 60;

export interface ReplayGuardOptions {
  readonly tableName: string;
  /** Overall time for the write: it runs inside Slack's 3-second ack. */
  readonly timeoutMs?: number;
  /** Overrides of the client's settings (tests: a local endpoint); by default the Lambda's environment. */
  readonly clientConfig?: Pick<DynamoDBClientConfig, 'endpoint' | 'region' | 'credentials'>;
}

/** The guard could not tell (table unreachable, throttled, timed out). */
export class ReplayGuardError extends CloudbellError {}

export interface ReplayGuard {
  /** Starts loading the SDK client now (a cold start overlaps it with the secret's fetch). */
  prepare(): void;
  /**
   * Records `signature` as used; false when it had been used before (a replay).
   *
   * @throws {ReplayGuardError} when the table cannot answer in time
   */
  firstUse(signature: string, timestampSeconds: number): Promise<boolean>;
}

/**
 * @example
 * ```ts
 * const guard = dynamoReplayGuard({ tableName: process.env.CLOUDBELL_TABLE });
 * if (!(await guard.firstUse(headers['x-slack-signature'], Number(headers['x-slack-request-timestamp'])))) return 401;
 * ```
 */
export function dynamoReplayGuard(options: ReplayGuardOptions): ReplayGuard {
  const timeoutMs = options.timeoutMs ?? 800;
  let client:
    | Promise<{
        client: DynamoDBClient;
        PutItemCommand: typeof import('@aws-sdk/client-dynamodb').PutItemCommand;
      }>
    | undefined;
  const load = () => {
    client ??= import('@aws-sdk/client-dynamodb').then(({ DynamoDBClient, PutItemCommand }) => ({
      // One attempt with a short timeout: a retry would not fit the ack, and the caller decides
      // what an unanswered check means.
      client: new DynamoDBClient({
        ...options.clientConfig,
        maxAttempts: 1,
        requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
      }),
      PutItemCommand,
    }));
    client.catch(() => {
      client = undefined;
    });
    return client;
  };
  return {
    prepare() {
      load().catch(() => undefined);
    },
    async firstUse(signature, timestampSeconds) {
      try {
        const { client: ddb, PutItemCommand } = await load();
        await ddb.send(
          new PutItemCommand({
            TableName: options.tableName,
            Item: {
              pk: { S: `replay#${signature}` },
              sk: { S: 'slack' },
              expiresAt: { N: String(Math.floor(timestampSeconds) + REMEMBER_SECONDS) },
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
          { abortSignal: AbortSignal.timeout(timeoutMs) },
        );
        return true;
      } catch (cause) {
        if (isConditionFailed(cause)) return false;
        throw new ReplayGuardError(`replay check failed: ${(cause as Error).name}`, { cause });
      }
    },
  };
}
