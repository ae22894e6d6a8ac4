/**
 * The one way delivery's state reaches cloudbell's DynamoDB table: each call named (for logs
 * and errors), run under the invocation's table guard when there is one, and failures turned
 * into `StateError`s keeping their cause; batch reads and writes chunked to DynamoDB's limits
 * and re-sent until DynamoDB has processed everything. Shared by the claim, thread, digest and
 * storm-window tables (`src/state/dynamo-store.ts` puts them together).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoCaller, DynamoOperation, DynamoOperations } from '../aws/dynamodb.js';
import { mapLimit } from '../core/limit.js';
import { retry } from '../core/retry.js';
import type { Key } from './keys.js';
import { isConditionFailed, StateError } from './table-errors.js';
import type { TableGuard } from './table-guard.js';

export type Item = Record<string, AttributeValue>;

const CONCURRENCY = 8;
/** DynamoDB's limits per BatchWriteItem / BatchGetItem call. */
const BATCH_WRITE = 25;
const BATCH_GET = 100;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What a batch call left unprocessed: worth sending again after a backoff. */
class Unprocessed extends Error {
  constructor(readonly left: number) {
    super(`${left} left unprocessed`);
  }
}

/**
 * Sends `pending` until DynamoDB has processed all of it (five sends at most), backing off
 * between sends as DynamoDB asks for unprocessed items; `send` returns what is left.
 */
async function untilProcessed<T>(
  pending: T[],
  send: (pending: T[]) => Promise<T[]>,
  gaveUp: (left: number) => Error,
): Promise<void> {
  let left = pending;
  try {
    await retry(
      async () => {
        left = await send(left);
        if (left.length > 0) throw new Unprocessed(left.length);
      },
      { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 800, retryable: (e) => e instanceof Unprocessed },
    );
  } catch (error) {
    if (error instanceof Unprocessed) throw gaveUp(error.left);
    throw error;
  }
}

/** A string attribute of an item, if it has one. */
export function str(item: Item | undefined, name: string): string | undefined {
  return item?.[name]?.S;
}

/**
 * @example
 * ```ts
 * const table = new TableCaller(dynamoDb(), process.env.CLOUDBELL_TABLE, guard);
 * const { Item } = await table.call('read thread', 'GetItem', { TableName: table.name, Key, ConsistentRead: true });
 * ```
 */
export class TableCaller {
  constructor(
    private readonly client: DynamoCaller,
    /** The table's name (`CLOUDBELL_TABLE`). */
    readonly name: string,
    /** The invocation's table budget; without one, calls run with the SDK client's own timeouts. */
    private readonly guard?: TableGuard,
  ) {}

  /**
   * One table call, under the invocation's guard when there is one.
   *
   * @throws the SDK's ConditionalCheckFailedException as it is; a `StateError` for anything else
   */
  async call<K extends DynamoOperation>(
    what: string,
    operation: K,
    input: DynamoOperations[K][0],
  ): Promise<Omit<DynamoOperations[K][1], '$metadata'>> {
    const guard = this.guard;
    try {
      if (!guard) return await this.client.call(operation, input);
      return await guard.run(what, (abortSignal) => this.client.call(operation, input, { abortSignal }));
    } catch (cause) {
      if (isConditionFailed(cause) || cause instanceof StateError) throw cause;
      throw new StateError(`${what} on table ${this.name} failed: ${(cause as Error).name}`, { cause });
    }
  }

  /** A consistent GetItem of one item. */
  async get(what: string, key: Item): Promise<Item | undefined> {
    return (await this.call(what, 'GetItem', { TableName: this.name, Key: key, ConsistentRead: true })).Item;
  }

  /** BatchWriteItem in chunks of 25, re-sending what DynamoDB left unprocessed. */
  async writeAll(items: readonly Item[]): Promise<void> {
    await mapLimit(chunks(items, BATCH_WRITE), CONCURRENCY, async (chunk) => {
      await untilProcessed(
        chunk.map((Item) => ({ PutRequest: { Item } })),
        async (requests) => {
          const result = await this.call('batch write', 'BatchWriteItem', {
            RequestItems: { [this.name]: requests },
          });
          return (result.UnprocessedItems?.[this.name] ?? []).flatMap((r) =>
            r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
          );
        },
        (left) => new StateError(`${left} writes left unprocessed on table ${this.name}`),
      );
    });
  }

  /** Consistent BatchGetItem in chunks of 100, re-asking for what DynamoDB left unprocessed. */
  async readAll(what: string, keys: readonly Key[]): Promise<Item[]> {
    const found = await mapLimit(chunks(keys, BATCH_GET), CONCURRENCY, async (chunk) => {
      const items: Item[] = [];
      await untilProcessed(
        chunk.map((key): Item => key),
        async (pending) => {
          const result = await this.call(what, 'BatchGetItem', {
            RequestItems: { [this.name]: { Keys: pending, ConsistentRead: true } },
          });
          items.push(...(result.Responses?.[this.name] ?? []));
          return result.UnprocessedKeys?.[this.name]?.Keys ?? [];
        },
        (left) => new StateError(`${left} reads left unprocessed on table ${this.name}`),
      );
      return items;
    });
    return found.flat();
  }
}
