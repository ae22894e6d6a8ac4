/**
 * The evidence worker's bookkeeping in cloudbell's table (SDK v3, lazily imported):
 *
 * | item                 | pk                              | sk            |
 * |----------------------|---------------------------------|---------------|
 * | one job per change   | `evidence#<dedupeKey>`          | channel       |
 * | storm window count   | `evidence-storm#<channel>`      | window start  |
 * | graphs drawn today   | `evidence-day#<YYYY-MM-DD>`     | `graphs`      |
 * | channel post slots   | `pace#<channel>`                | `next`        |
 *
 * The post slots are notify's (src/state/keys.ts, `DynamoStore.reserveSlot`): the same item and
 * the same optimistic protocol, so alerts and evidence take turns in one channel.
 * Every item expires through `expiresAt`. Conditional writes make each of them exact under
 * concurrent workers.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { storableKey } from '../alerts/well-formed.js';
import type { EvidenceLedger } from '../evidence/evidence-ports.js';
import { reservePostSlot } from '../state/post-slots.js';

export interface LedgerOptions {
  readonly tableName: string;
  /** How long "already posted" is remembered (config dedupe.ttlHours). */
  readonly dedupeTtlHours: number;
  /** Tests pass a client bound to dynalite. */
  readonly client?: DynamoDBClient;
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/**
 * @example
 * ```ts
 * const ledger = dynamoLedger({ tableName: process.env.CLOUDBELL_TABLE, dedupeTtlHours: 24 });
 * if (await ledger.claim(job.dedupeKey, job.channel, Date.now())) { … }
 * ```
 */
export function dynamoLedger(options: LedgerOptions): EvidenceLedger {
  let clientPromise: Promise<DynamoDBClient> | undefined;
  const sdk = () => import('@aws-sdk/client-dynamodb');
  const client = () => {
    clientPromise ??= options.client
      ? Promise.resolve(options.client)
      : sdk().then(
          ({ DynamoDBClient }) =>
            new DynamoDBClient({
              maxAttempts: 3,
              requestHandler: { requestTimeout: 3_000, connectionTimeout: 1_000 },
            }),
        );
    return clientPromise;
  };
  const TableName = options.tableName;

  return {
    async claim(dedupeKey, channel, now) {
      const { PutItemCommand } = await sdk();
      try {
        await (await client()).send(
          new PutItemCommand({
            TableName,
            Item: {
              pk: { S: `evidence#${storableKey(dedupeKey)}` },
              sk: { S: storableKey(channel) },
              at: { N: seconds(now) },
              expiresAt: { N: seconds(now + options.dedupeTtlHours * 3_600_000) },
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async countInWindow(channel, now, windowSeconds) {
      const { UpdateItemCommand } = await sdk();
      const windowMs = windowSeconds * 1000;
      const start = Math.floor(now / windowMs) * windowMs;
      const out = await (await client()).send(
        new UpdateItemCommand({
          TableName,
          Key: { pk: { S: `evidence-storm#${channel}` }, sk: { S: String(start) } },
          UpdateExpression: 'ADD #n :one SET expiresAt = :exp',
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: {
            ':one': { N: '1' },
            ':exp': { N: seconds(start + 2 * windowMs + 3_600_000) },
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.count?.N ?? '1');
    },

    async reservePostSlot(channel, earliest, intervalMs) {
      const { GetItemCommand, PutItemCommand } = await sdk();
      // notify's pacer claims the same slots through the same protocol (src/state/post-slots.ts).
      return reservePostSlot(
        {
          readNext: async (Key) =>
            (await (await client()).send(new GetItemCommand({ TableName, Key, ConsistentRead: true }))).Item
              ?.nextAt?.N,
          put: async (input) => {
            await (await client()).send(new PutItemCommand({ TableName, ...input }));
          },
          isConditionFailure,
        },
        channel,
        earliest,
        intervalMs,
      );
    },

    async takeGraph(now, maxPerDay) {
      const { UpdateItemCommand } = await sdk();
      const day = new Date(now).toISOString().slice(0, 10);
      try {
        await (await client()).send(
          new UpdateItemCommand({
            TableName,
            Key: { pk: { S: `evidence-day#${day}` }, sk: { S: 'graphs' } },
            UpdateExpression: 'ADD #n :one SET expiresAt = :exp',
            ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
            ExpressionAttributeNames: { '#n': 'count' },
            ExpressionAttributeValues: {
              ':one': { N: '1' },
              ':max': { N: String(maxPerDay) },
              ':exp': { N: seconds(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000) },
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
