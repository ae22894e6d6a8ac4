/**
 * The delivery state on cloudbell's DynamoDB table (`CLOUDBELL_TABLE`): conditional writes
 * for exactly-once delivery, alarm thread parents, and storm windows per channel.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AlarmState } from '../alerts/alert.js';
import type { DynamoCaller, DynamoOperation, DynamoOperations } from '../aws/dynamodb.js';
import { mapLimit } from '../core/limit.js';
import { retry } from '../core/retry.js';
import type { DigestEntry } from '../delivery/digest.js';
import type { ClaimResult, DeliveryKey, DeliveryStore, OpenDigest, ThreadRecord } from '../delivery/store.js';
import type { SlackMessage } from '../slack/message.js';
import { isConditionFailed, StateError } from './errors.js';
import { dedupeKey, digestKey, digestMessageKey, epochSeconds, stormKey, threadKey } from './keys.js';
import { reservePostSlot } from './post-slots.js';
import type { TableGuard } from './table-guard.js';

export interface DynamoStoreOptions {
  readonly client: DynamoCaller;
  readonly tableName: string;
  /** How long a done delivery is remembered (config `dedupe.ttlHours`). */
  readonly dedupeTtlHours: number;
  /** How long an alarm's thread is remembered after its last change. */
  readonly threadTtlDays?: number;
  /** The invocation's table budget; without one, calls run with the SDK client's own timeouts. */
  readonly guard?: TableGuard;
}

const WRITE_CONCURRENCY = 8;
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
const ALARM_STATES: readonly string[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function s(item: Record<string, AttributeValue> | undefined, name: string): string | undefined {
  return item?.[name]?.S;
}

function toThread(item: Record<string, AttributeValue> | undefined): ThreadRecord | undefined {
  const thread = s(item, 'threadKey');
  const channel = s(item, 'channel');
  const channelId = s(item, 'channelId');
  const ts = s(item, 'ts');
  const state = s(item, 'state');
  const since = s(item, 'since');
  if (!thread || !channel || !channelId || !ts || !state || !ALARM_STATES.includes(state) || !since)
    return undefined;
  const parentJson = s(item, 'parent');
  let parent: SlackMessage | undefined;
  try {
    parent = parentJson ? (JSON.parse(parentJson) as SlackMessage) : undefined;
  } catch {
    // A parent that cannot be read only means the parent is not updated.
    parent = undefined;
  }
  return {
    threadKey: thread,
    channel,
    channelId,
    ts,
    state: state as AlarmState,
    since,
    openedAt: s(item, 'openedAt') ?? since,
    kind: s(item, 'kind') === 'digest' ? 'digest' : 'alert',
    ...(parent ? { parent } : {}),
  };
}

/**
 * @example
 * ```ts
 * const store = new DynamoStore({ client: dynamoDb(), tableName: process.env.CLOUDBELL_TABLE, dedupeTtlHours: 24 });
 * await store.claim({ key: 'eb:1234', channel: '#aws-alerts' }, token, leaseUntil, Date.now());
 * ```
 */
export class DynamoStore implements DeliveryStore {
  private readonly client: DynamoCaller;
  private readonly table: string;
  private readonly dedupeTtlMs: number;
  private readonly threadTtlMs: number;

  constructor(private readonly options: DynamoStoreOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.dedupeTtlMs = options.dedupeTtlHours * 3_600_000;
    this.threadTtlMs = (options.threadTtlDays ?? 30) * 86_400_000;
  }

  /** The same store under one invocation's table budget. */
  withGuard(guard: TableGuard): DynamoStore {
    return new DynamoStore({ ...this.options, guard });
  }

  /** One table call, under the invocation's guard when there is one. */
  private async call<K extends DynamoOperation>(
    what: string,
    operation: K,
    input: DynamoOperations[K][0],
  ): Promise<Omit<DynamoOperations[K][1], '$metadata'>> {
    const guard = this.options.guard;
    try {
      if (!guard) return await this.client.call(operation, input);
      return await guard.run(what, (abortSignal) => this.client.call(operation, input, { abortSignal }));
    } catch (cause) {
      if (isConditionFailed(cause) || cause instanceof StateError) throw cause;
      throw new StateError(`${what} on table ${this.table} failed: ${(cause as Error).name}`, { cause });
    }
  }

  /**
   * Idempotent: the SDK retries a PutItem whose answer was lost (a timeout or a reset
   * connection after DynamoDB applied it); the retry's condition then fails on this very claim.
   * The old item that comes back with the failure (or a consistent read, where the API does not
   * return it) shows our own token, so the retry still reports `claimed` instead of `busy`.
   */
  async claim(key: DeliveryKey, token: string, leaseUntil: number, now: number): Promise<ClaimResult> {
    const Key = dedupeKey(key.key, key.channel);
    let existing: Record<string, AttributeValue> | undefined;
    try {
      await this.call('claim', 'PutItem', {
        TableName: this.table,
        Item: {
          ...Key,
          status: { S: 'pending' },
          token: { S: token },
          leaseUntil: { N: String(leaseUntil) },
          // An abandoned claim disappears with the TTL like a done one.
          expiresAt: { N: epochSeconds(now + this.dedupeTtlMs) },
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': { S: 'pending' }, ':now': { N: String(now) } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
      return 'claimed';
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      existing = (error as { Item?: Record<string, AttributeValue> }).Item;
    }
    existing ??= (
      await this.call('read claim', 'GetItem', { TableName: this.table, Key, ConsistentRead: true })
    ).Item;
    const status = s(existing, 'status');
    if (status === 'done') return 'done';
    // Ours: an earlier attempt of this same call got through. Gone between the two calls (TTL
    // or a release): a retry will claim it.
    return status === 'pending' && s(existing, 'token') === token ? 'claimed' : 'busy';
  }

  async markDone(keys: readonly DeliveryKey[], token: string, now: number): Promise<void> {
    const expiresAt = { N: epochSeconds(now + this.dedupeTtlMs) };
    await this.writeAll(
      keys.map((key) => ({
        ...dedupeKey(key.key, key.channel),
        status: { S: 'done' },
        token: { S: token },
        expiresAt,
      })),
    );
  }

  /** BatchWriteItem in chunks of 25, re-sending what DynamoDB left unprocessed. */
  private async writeAll(items: ReadonlyArray<Record<string, AttributeValue>>): Promise<void> {
    await mapLimit(chunks(items, BATCH_WRITE), WRITE_CONCURRENCY, async (chunk) => {
      await untilProcessed(
        chunk.map((Item) => ({ PutRequest: { Item } })),
        async (requests) => {
          const result = await this.call('batch write', 'BatchWriteItem', {
            RequestItems: { [this.table]: requests },
          });
          return (result.UnprocessedItems?.[this.table] ?? []).flatMap((r) =>
            r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
          );
        },
        (left) => new StateError(`${left} writes left unprocessed on table ${this.table}`),
      );
    });
  }

  async release(key: DeliveryKey, token: string): Promise<void> {
    try {
      await this.call('release claim', 'DeleteItem', {
        TableName: this.table,
        Key: dedupeKey(key.key, key.channel),
        ConditionExpression: '#status = :pending AND #token = :token',
        ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
        ExpressionAttributeValues: { ':pending': { S: 'pending' }, ':token': { S: token } },
      });
    } catch (error) {
      // Someone else's claim or already done: nothing of ours to release.
      if (!isConditionFailed(error)) throw error;
    }
  }

  async getThread(thread: string, channel: string): Promise<ThreadRecord | undefined> {
    const { Item } = await this.call('read thread', 'GetItem', {
      TableName: this.table,
      Key: threadKey(thread, channel),
      ConsistentRead: true,
    });
    return toThread(Item);
  }

  async threadsOf(thread: string): Promise<ThreadRecord[]> {
    const records: ThreadRecord[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.call('query threads', 'Query', {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': threadKey(thread, '').pk },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      records.push(...(page.Items ?? []).flatMap((item) => toThread(item) ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return records;
  }

  async getThreads(keys: ReadonlyArray<{ threadKey: string; channel: string }>): Promise<ThreadRecord[]> {
    const unique = [...new Map(keys.map((k) => [`${k.threadKey}\u0000${k.channel}`, k])).values()];
    const found = await mapLimit(chunks(unique, BATCH_GET), WRITE_CONCURRENCY, async (chunk) => {
      const items: Array<Record<string, AttributeValue>> = [];
      await untilProcessed(
        chunk.map((k): Record<string, AttributeValue> => threadKey(k.threadKey, k.channel)),
        async (pending) => {
          const result = await this.call('batch read threads', 'BatchGetItem', {
            RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } },
          });
          items.push(...(result.Responses?.[this.table] ?? []));
          return result.UnprocessedKeys?.[this.table]?.Keys ?? [];
        },
        (left) => new StateError(`${left} reads left unprocessed on table ${this.table}`),
      );
      return items;
    });
    return found.flat().flatMap((item) => toThread(item) ?? []);
  }

  /**
   * Never moves a thread back in time: a concurrent invocation that recorded a later state
   * keeps it (the write is conditional on `since`; ISO times of one format sort as strings).
   */
  async putThread(record: ThreadRecord, now: number): Promise<void> {
    try {
      await this.call('write thread', 'PutItem', {
        TableName: this.table,
        Item: this.threadItem(record, now),
        ConditionExpression: 'attribute_not_exists(pk) OR #since <= :since',
        ExpressionAttributeNames: { '#since': 'since' },
        ExpressionAttributeValues: { ':since': { S: record.since } },
      });
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  async putThreads(records: readonly ThreadRecord[], now: number): Promise<void> {
    await this.writeAll(records.map((r) => this.threadItem(r, now)));
  }

  private threadItem(record: ThreadRecord, now: number): Record<string, AttributeValue> {
    return {
      ...threadKey(record.threadKey, record.channel),
      threadKey: { S: record.threadKey },
      channel: { S: record.channel },
      channelId: { S: record.channelId },
      ts: { S: record.ts },
      state: { S: record.state },
      since: { S: record.since },
      openedAt: { S: record.openedAt },
      kind: { S: record.kind },
      ...(record.parent ? { parent: { S: JSON.stringify(record.parent) } } : {}),
      expiresAt: { N: epochSeconds(now + this.threadTtlMs) },
    };
  }

  /** The channel's open digest: the `open` pointer names the message, whose item holds the lines. */
  async getOpenDigest(channel: string): Promise<OpenDigest | undefined> {
    const { Item } = await this.call('read open digest', 'GetItem', {
      TableName: this.table,
      Key: digestKey(channel),
      ConsistentRead: true,
    });
    const ts = s(Item, 'ts');
    return ts ? this.getDigest(channel, ts) : undefined;
  }

  async getDigest(channel: string, ts: string): Promise<OpenDigest | undefined> {
    const { Item } = await this.call('read digest', 'GetItem', {
      TableName: this.table,
      Key: digestMessageKey(channel, ts),
      ConsistentRead: true,
    });
    const channelId = s(Item, 'channelId');
    const openedAt = Number(Item?.openedAt?.N);
    const version = Number(Item?.version?.N);
    if (!channelId || !Number.isFinite(openedAt) || !Number.isFinite(version)) return undefined;
    try {
      return {
        channel,
        channelId,
        ts,
        openedAt,
        version,
        mentions: JSON.parse(s(Item, 'mentions') ?? '[]') as string[],
        entries: JSON.parse(s(Item, 'entries') ?? '[]') as DigestEntry[],
      };
    } catch {
      // Unreadable: the next storm batch simply starts a new digest.
      return undefined;
    }
  }

  async putOpenDigest(
    digest: OpenDigest,
    expectedVersion: number | undefined,
    now: number,
  ): Promise<boolean> {
    const expiresAt = { N: epochSeconds(now + this.threadTtlMs) };
    try {
      await this.call('write digest', 'PutItem', {
        TableName: this.table,
        Item: {
          ...digestMessageKey(digest.channel, digest.ts),
          channelId: { S: digest.channelId },
          ts: { S: digest.ts },
          openedAt: { N: String(digest.openedAt) },
          version: { N: String(digest.version) },
          mentions: { S: JSON.stringify(digest.mentions) },
          entries: { S: JSON.stringify(digest.entries) },
          // As long as the threads that point at it.
          expiresAt,
        },
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
            }),
      });
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
    if (expectedVersion === undefined) {
      await this.call('open digest', 'PutItem', {
        TableName: this.table,
        Item: {
          ...digestKey(digest.channel),
          ts: { S: digest.ts },
          expiresAt: { N: epochSeconds(now + 86_400_000) },
        },
      });
    }
    return true;
  }

  async reserveSlot(channel: string, earliest: number, intervalMs: number): Promise<number> {
    return reservePostSlot(
      {
        readNext: async (Key) =>
          (await this.call('read post slot', 'GetItem', { TableName: this.table, Key, ConsistentRead: true }))
            .Item?.nextAt?.N,
        put: async (input) => {
          await this.call('reserve post slot', 'PutItem', { TableName: this.table, ...input });
        },
        isConditionFailure: isConditionFailed,
      },
      channel,
      earliest,
      intervalMs,
    );
  }

  /**
   * Adds this invocation's alerts to the channel's window once: the window item keeps the tokens
   * of the invocations it counted (`seen`, a string set), and the ADD is conditional on the
   * token not being there yet, so a retried call (the SDK retries a lost answer) reads the count
   * instead of adding again. One token per invocation and channel; a window lasts
   * `windowSeconds`, so the set stays small (one entry per batch).
   */
  async countInWindow(
    channel: string,
    count: number,
    now: number,
    windowSeconds: number,
    token: string,
  ): Promise<number> {
    const Key = stormKey(channel);
    const windowMs = windowSeconds * 1000;
    const cutoff = { N: String(now - windowMs) };
    const expiresAt = { N: epochSeconds(now + 2 * windowMs) };
    const mine = (item: Record<string, AttributeValue> | undefined) =>
      Number(item?.windowStart?.N) > now - windowMs && (item?.seen?.SS ?? []).includes(token);
    // Two writers may race to restart the window; one more round settles it.
    for (let round = 0; round < 3; round++) {
      try {
        const result = await this.call('count storm window', 'UpdateItem', {
          TableName: this.table,
          Key,
          UpdateExpression: 'ADD #count :n, #seen :token',
          ConditionExpression: 'windowStart > :cutoff AND NOT contains(#seen, :tokenValue)',
          ExpressionAttributeNames: { '#count': 'count', '#seen': 'seen' },
          ExpressionAttributeValues: {
            ':n': { N: String(count) },
            ':cutoff': cutoff,
            ':token': { SS: [token] },
            ':tokenValue': { S: token },
          },
          ReturnValues: 'UPDATED_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        });
        return Number(result.Attributes?.count?.N ?? count);
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        let old = (error as { Item?: Record<string, AttributeValue> }).Item;
        old ??= (
          await this.call('read storm window', 'GetItem', {
            TableName: this.table,
            Key,
            ConsistentRead: true,
          })
        ).Item;
        // Counted already by an earlier attempt of this call.
        if (mine(old)) return Number(old?.count?.N ?? count);
      }
      try {
        await this.call('restart storm window', 'PutItem', {
          TableName: this.table,
          Item: {
            ...Key,
            windowStart: { N: String(now) },
            count: { N: String(count) },
            seen: { SS: [token] },
            expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR windowStart <= :cutoff',
          ExpressionAttributeValues: { ':cutoff': cutoff },
        });
        return count;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    throw new StateError(`storm window for ${channel} kept changing under concurrent writers`);
  }
}
