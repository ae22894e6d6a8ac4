/**
 * The delivery state on cloudbell's DynamoDB table (`CLOUDBELL_TABLE`): conditional writes
 * for exactly-once delivery, alarm thread parents, and storm windows per channel.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AlarmState } from '../alerts/alert.js';
import type { DynamoCaller } from '../aws/dynamodb.js';
import type { DigestEntry } from '../delivery/digest.js';
import { mapLimit } from '../delivery/map-limit.js';
import type { ClaimResult, DeliveryKey, DeliveryStore, OpenDigest, ThreadRecord } from '../delivery/store.js';
import type { SlackMessage } from '../slack/message.js';
import { isConditionFailed, StateError } from './errors.js';
import { dedupeKey, digestKey, epochSeconds, paceKey, stormKey, threadKey } from './keys.js';

export interface DynamoStoreOptions {
  readonly client: DynamoCaller;
  readonly tableName: string;
  /** How long a done delivery is remembered (config `dedupe.ttlHours`). */
  readonly dedupeTtlHours: number;
  /** How long an alarm's thread is remembered after its last change. */
  readonly threadTtlDays?: number;
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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

  constructor(options: DynamoStoreOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.dedupeTtlMs = options.dedupeTtlHours * 3_600_000;
    this.threadTtlMs = (options.threadTtlDays ?? 30) * 86_400_000;
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      if (isConditionFailed(cause)) throw cause;
      throw new StateError(`${what} on table ${this.table} failed: ${(cause as Error).name}`, { cause });
    }
  }

  async claim(key: DeliveryKey, token: string, leaseUntil: number, now: number): Promise<ClaimResult> {
    const Key = dedupeKey(key.key, key.channel);
    try {
      await this.call('claim', () =>
        this.client.call('PutItem', {
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
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
    const existing = await this.call('read claim', () =>
      this.client.call('GetItem', { TableName: this.table, Key, ConsistentRead: true }),
    );
    // Gone between the two calls (TTL or a release): a retry will claim it.
    return s(existing.Item, 'status') === 'done' ? 'done' : 'busy';
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
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= 5)
          throw new StateError(`${requests.length} writes left unprocessed on table ${this.table}`);
        if (attempt > 0) await pause(50 * 2 ** attempt);
        const result = await this.call('batch write', () =>
          this.client.call('BatchWriteItem', { RequestItems: { [this.table]: requests } }),
        );
        requests = (result.UnprocessedItems?.[this.table] ?? []).flatMap((r) =>
          r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
        );
      }
    });
  }

  async release(key: DeliveryKey, token: string): Promise<void> {
    try {
      await this.call('release claim', () =>
        this.client.call('DeleteItem', {
          TableName: this.table,
          Key: dedupeKey(key.key, key.channel),
          ConditionExpression: '#status = :pending AND #token = :token',
          ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
          ExpressionAttributeValues: { ':pending': { S: 'pending' }, ':token': { S: token } },
        }),
      );
    } catch (error) {
      // Someone else's claim or already done: nothing of ours to release.
      if (!isConditionFailed(error)) throw error;
    }
  }

  async getThread(thread: string, channel: string): Promise<ThreadRecord | undefined> {
    const { Item } = await this.call('read thread', () =>
      this.client.call('GetItem', {
        TableName: this.table,
        Key: threadKey(thread, channel),
        ConsistentRead: true,
      }),
    );
    return toThread(Item);
  }

  async threadsOf(thread: string): Promise<ThreadRecord[]> {
    const records: ThreadRecord[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.call('query threads', () =>
        this.client.call('Query', {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': threadKey(thread, '').pk },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      records.push(...(page.Items ?? []).flatMap((item) => toThread(item) ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return records;
  }

  async getThreads(keys: ReadonlyArray<{ threadKey: string; channel: string }>): Promise<ThreadRecord[]> {
    const unique = [...new Map(keys.map((k) => [`${k.threadKey}\u0000${k.channel}`, k])).values()];
    const found = await mapLimit(chunks(unique, BATCH_GET), WRITE_CONCURRENCY, async (chunk) => {
      const items: Array<Record<string, AttributeValue>> = [];
      let pending: Array<Record<string, AttributeValue>> = chunk.map((k) =>
        threadKey(k.threadKey, k.channel),
      );
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= 5)
          throw new StateError(`${pending.length} reads left unprocessed on table ${this.table}`);
        if (attempt > 0) await pause(50 * 2 ** attempt);
        const result = await this.call('batch read threads', () =>
          this.client.call('BatchGetItem', {
            RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        items.push(...(result.Responses?.[this.table] ?? []));
        pending = result.UnprocessedKeys?.[this.table]?.Keys ?? [];
      }
      return items;
    });
    return found.flat().flatMap((item) => toThread(item) ?? []);
  }

  async putThread(record: ThreadRecord, now: number): Promise<void> {
    await this.call('write thread', () =>
      this.client.call('PutItem', { TableName: this.table, Item: this.threadItem(record, now) }),
    );
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

  async getOpenDigest(channel: string): Promise<OpenDigest | undefined> {
    const { Item } = await this.call('read open digest', () =>
      this.client.call('GetItem', { TableName: this.table, Key: digestKey(channel), ConsistentRead: true }),
    );
    const channelId = s(Item, 'channelId');
    const ts = s(Item, 'ts');
    const openedAt = Number(Item?.openedAt?.N);
    const version = Number(Item?.version?.N);
    if (!channelId || !ts || !Number.isFinite(openedAt) || !Number.isFinite(version)) return undefined;
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
    try {
      await this.call('write open digest', () =>
        this.client.call('PutItem', {
          TableName: this.table,
          Item: {
            ...digestKey(digest.channel),
            channelId: { S: digest.channelId },
            ts: { S: digest.ts },
            openedAt: { N: String(digest.openedAt) },
            version: { N: String(digest.version) },
            mentions: { S: JSON.stringify(digest.mentions) },
            entries: { S: JSON.stringify(digest.entries) },
            expiresAt: { N: epochSeconds(now + 86_400_000) },
          },
          ...(expectedVersion === undefined
            ? {}
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async reserveSlot(channel: string, earliest: number, intervalMs: number): Promise<number> {
    const Key = paceKey(channel);
    // Optimistic: read the channel's next free time, claim it if nobody moved it meanwhile.
    for (let round = 0; round < 8; round++) {
      const { Item } = await this.call('read post slot', () =>
        this.client.call('GetItem', { TableName: this.table, Key, ConsistentRead: true }),
      );
      const current = Item?.nextAt?.N;
      const slot = Math.max(earliest, current === undefined ? 0 : Number(current));
      try {
        await this.call('reserve post slot', () =>
          this.client.call('PutItem', {
            TableName: this.table,
            Item: {
              ...Key,
              nextAt: { N: String(slot + intervalMs) },
              expiresAt: { N: epochSeconds(slot + intervalMs + 3_600_000) },
            },
            ...(current === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: 'nextAt = :current',
                  ExpressionAttributeValues: { ':current': { N: current } },
                }),
          }),
        );
        return slot;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    throw new StateError(`post slots of ${channel} kept changing under concurrent writers`);
  }

  async countInWindow(channel: string, count: number, now: number, windowSeconds: number): Promise<number> {
    const Key = stormKey(channel);
    const windowMs = windowSeconds * 1000;
    const cutoff = { N: String(now - windowMs) };
    const expiresAt = { N: epochSeconds(now + 2 * windowMs) };
    // Two writers may race to restart the window; one more round settles it.
    for (let round = 0; round < 3; round++) {
      try {
        const result = await this.call('count storm window', () =>
          this.client.call('UpdateItem', {
            TableName: this.table,
            Key,
            UpdateExpression: 'ADD #count :n',
            ConditionExpression: 'windowStart > :cutoff',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':n': { N: String(count) }, ':cutoff': cutoff },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return Number(result.Attributes?.count?.N ?? count);
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      try {
        await this.call('restart storm window', () =>
          this.client.call('PutItem', {
            TableName: this.table,
            Item: { ...Key, windowStart: { N: String(now) }, count: { N: String(count) }, expiresAt },
            ConditionExpression: 'attribute_not_exists(pk) OR windowStart <= :cutoff',
            ExpressionAttributeValues: { ':cutoff': cutoff },
          }),
        );
        return count;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    throw new StateError(`storm window for ${channel} kept changing under concurrent writers`);
  }
}
