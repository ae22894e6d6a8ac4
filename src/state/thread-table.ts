/**
 * Alarm threads on the table: one `thread#<alarm ARN>` item per channel naming the Slack
 * parent message, the state it shows and (for `chat.update`) the parent as posted. A thread
 * never moves back in time: writes are conditional on `since`.
 */
import type { AlarmState } from '../alerts/alert.js';
import type { ThreadRecord, ThreadStore } from '../delivery/store.js';
import type { SlackMessage } from '../slack/message.js';
import { epochSeconds, threadKey } from './keys.js';
import { type Item, str, type TableCaller } from './table-caller.js';
import { isConditionFailed } from './table-errors.js';

const ALARM_STATES: readonly string[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

/** The record an item holds, or `undefined` when it is not a readable thread item. */
function toThread(item: Item | undefined): ThreadRecord | undefined {
  const thread = str(item, 'threadKey');
  const channel = str(item, 'channel');
  const channelId = str(item, 'channelId');
  const ts = str(item, 'ts');
  const state = str(item, 'state');
  const since = str(item, 'since');
  if (!thread || !channel || !channelId || !ts || !state || !ALARM_STATES.includes(state) || !since)
    return undefined;
  const parentJson = str(item, 'parent');
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
    openedAt: str(item, 'openedAt') ?? since,
    kind: str(item, 'kind') === 'digest' ? 'digest' : 'alert',
    ...(parent ? { parent } : {}),
  };
}

/**
 * @example
 * ```ts
 * const threads = new ThreadTable(table, 30);
 * const [record] = await threads.threadsOf('arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api-errors');
 * ```
 */
export class ThreadTable implements ThreadStore {
  private readonly threadTtlMs: number;

  constructor(
    private readonly table: TableCaller,
    /** How long an alarm's thread is remembered after its last change. */
    threadTtlDays: number,
  ) {
    this.threadTtlMs = threadTtlDays * 86_400_000;
  }

  async getThread(thread: string, channel: string): Promise<ThreadRecord | undefined> {
    return toThread(await this.table.get('read thread', threadKey(thread, channel)));
  }

  async threadsOf(thread: string): Promise<ThreadRecord[]> {
    const records: ThreadRecord[] = [];
    let start: Item | undefined;
    do {
      const page = await this.table.call('query threads', 'Query', {
        TableName: this.table.name,
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
    const items = await this.table.readAll(
      'batch read threads',
      unique.map((k) => threadKey(k.threadKey, k.channel)),
    );
    return items.flatMap((item) => toThread(item) ?? []);
  }

  /**
   * Never moves a thread back in time: a concurrent invocation that recorded a later state
   * keeps it (the write is conditional on `since`; ISO times of one format sort as strings).
   */
  async putThread(record: ThreadRecord, now: number): Promise<void> {
    try {
      await this.table.call('write thread', 'PutItem', {
        TableName: this.table.name,
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
    await this.table.writeAll(records.map((r) => this.threadItem(r, now)));
  }

  private threadItem(record: ThreadRecord, now: number): Item {
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
}
