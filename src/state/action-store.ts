/**
 * What people did on alert threads, on cloudbell's table, through the AWS SDK v3 document
 * client: acknowledgements, snoozes, the per-click idempotency claims and the escalation
 * reminders. Every change is a conditional write, so double clicks, Slack's retries and two
 * people clicking at once settle in DynamoDB, not in memory.
 *
 * | item              | pk                          | sk                                 |
 * |-------------------|-----------------------------|------------------------------------|
 * | acknowledgement   | `act#<channelId>#<ts>`      | `ack`                              |
 * | snooze            | `act#<channelId>#<ts>`      | `snooze`                           |
 * | click (one press) | `click#<channelId>#<ts>#<user>#<action_ts>` | `click`                 |
 * | due reminder      | `remind#due`                | `<dueAt ms, 15 digits>#<channelId>#<ts>` |
 *
 * The prefixes are distinct from the delivery items (`dedupe#`, `thread#`, `storm#`, `pace#`,
 * `digest#`); every item carries the TTL attribute `expiresAt` (epoch seconds).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  Acknowledgement,
  RuleActions,
  RuleKey,
  Snooze,
  SnoozeChoice,
  ThreadActions,
  ThreadId,
} from '../actions/state.js';
import {
  dueSk,
  parseReminder,
  parseRuleActions,
  parseThreadActions,
  actionPk as pk,
  REMIND_PK,
  type Reminder,
  reminderItem,
  rulePk,
  epochSeconds as seconds,
} from './action-items.js';
import { isConditionFailed, StateError } from './table-errors.js';

export type { Reminder } from './action-items.js';

export interface ActionStoreOptions {
  readonly tableName: string;
  /** A document client; by default one for `AWS_REGION` (and `AWS_ENDPOINT_URL_DYNAMODB`). */
  readonly client?: DynamoDBDocumentClient;
  /** How long acknowledgements are kept (default 30 days, like the alarm threads). */
  readonly keepDays?: number;
}

/** The alarm thread as notify recorded it (only what the escalation needs). */
export interface ThreadState {
  readonly ts: string;
  readonly state: string;
}

export type AckResult =
  | { readonly done: true }
  | { readonly done: false; readonly current?: Acknowledgement };
export type SnoozeResult = { readonly done: true } | { readonly done: false; readonly current?: Snooze };

const CLICK_LEASE_MS = 10_000;
const clickKey = (t: ThreadId, userId: string, actionTs: string) => ({
  pk: `click#${t.channelId}#${t.ts}#${userId}#${actionTs}`,
  sk: 'click',
});

/**
 * @example
 * ```ts
 * const store = new ActionStore({ tableName: process.env.CLOUDBELL_TABLE });
 * const result = await store.acknowledge({ channelId: 'C0ALERTS', ts: '1764151320.000100' }, 'U0ALICE12', Date.now());
 * ```
 */
export class ActionStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly keepMs: number;

  constructor(options: ActionStoreOptions) {
    this.table = options.tableName;
    this.keepMs = (options.keepDays ?? 30) * 86_400_000;
    // Bounded retries: these calls run inside Slack's 3-second window.
    this.doc =
      options.client ??
      DynamoDBDocumentClient.from(
        new DynamoDBClient({
          maxAttempts: 2,
          requestHandler: { requestTimeout: 1_000, connectionTimeout: 500 },
        }),
        {
          marshallOptions: { removeUndefinedValues: true },
        },
      );
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      if (isConditionFailed(cause)) throw cause;
      throw new StateError(`${what} on table ${this.table} failed: ${(cause as Error).name}`, { cause });
    }
  }

  /** Runs a conditional write; false when its condition did not hold. */
  private async conditional(what: string, run: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.call(what, run);
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  /**
   * Claims one press of a button (user + Slack's `action_ts`). `repeat`: the same press was
   * handled or is being handled (a Slack retry, a duplicate delivery): do nothing.
   */
  async claimClick(
    thread: ThreadId,
    userId: string,
    actionTs: string,
    now: number,
  ): Promise<'new' | 'repeat'> {
    const claimed = await this.conditional('claim click', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...clickKey(thread, userId, actionTs),
            status: 'pending',
            leaseUntil: now + CLICK_LEASE_MS,
            expiresAt: seconds(now + 86_400_000),
          },
          // A crashed attempt's claim lapses, so Slack's later retry still does the work.
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':now': now },
        }),
      ),
    );
    return claimed ? 'new' : 'repeat';
  }

  /** Marks a press handled (`done`) or gives it up after a failure so a retry can redo it. */
  async settleClick(
    thread: ThreadId,
    userId: string,
    actionTs: string,
    outcome: 'done' | 'failed',
  ): Promise<void> {
    const Key = clickKey(thread, userId, actionTs);
    if (outcome === 'failed') {
      await this.call('release click', () =>
        this.doc.send(new DeleteCommand({ TableName: this.table, Key })),
      );
      return;
    }
    await this.call('settle click', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key,
          UpdateExpression: 'SET #status = :done',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done' },
        }),
      ),
    );
  }

  /** The acknowledgement and snooze of a thread. */
  async get(thread: ThreadId): Promise<ThreadActions> {
    const { Items = [] } = await this.call('read thread actions', () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk(thread) },
          ConsistentRead: true,
        }),
      ),
    );
    return parseThreadActions(Items);
  }

  /** Records the acknowledgement unless the thread already has one (then returns it). */
  async acknowledge(thread: ThreadId, userId: string, now: number): Promise<AckResult> {
    const done = await this.conditional('acknowledge', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: pk(thread), sk: 'ack', by: userId, at: now, expiresAt: seconds(now + this.keepMs) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (done) return { done: true };
    const current = (await this.get(thread)).ack;
    return { done: false, ...(current ? { current } : {}) };
  }

  /** Removes the acknowledgement only if it is still the one by `expectedBy`. */
  async unacknowledge(thread: ThreadId, expectedBy: string): Promise<boolean> {
    return this.conditional('unacknowledge', () =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: pk(thread), sk: 'ack' },
          ConditionExpression: '#by = :by',
          ExpressionAttributeNames: { '#by': 'by' },
          ExpressionAttributeValues: { ':by': expectedBy },
        }),
      ),
    );
  }

  /**
   * Snoozes the thread unless a snooze is already running (a double click, or someone else
   * got there first): then `done: false` with the running snooze. A snooze that ran out is
   * replaced.
   */
  async snooze(
    thread: ThreadId,
    userId: string,
    choice: SnoozeChoice,
    until: number | null,
    now: number,
  ): Promise<SnoozeResult> {
    const done = await this.conditional('snooze', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: pk(thread),
            sk: 'snooze',
            by: userId,
            at: now,
            choice,
            ...(until === null ? {} : { until }),
            expiresAt: seconds((until ?? now) + this.keepMs),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (attribute_exists(#until) AND #until <= :now)',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now },
        }),
      ),
    );
    if (done) return { done: true };
    const current = (await this.get(thread)).snooze;
    return { done: false, ...(current ? { current } : {}) };
  }

  /** Lifts the snooze only if it is still the one set by `expectedBy` at `expectedAt`. */
  async unsnooze(thread: ThreadId, expected: Snooze): Promise<boolean> {
    return this.conditional('unsnooze', () =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: pk(thread), sk: 'snooze' },
          ConditionExpression: '#by = :by AND #at = :at',
          ExpressionAttributeNames: { '#by': 'by', '#at': 'at' },
          ExpressionAttributeValues: { ':by': expected.by, ':at': expected.at },
        }),
      ),
    );
  }

  /**
   * Starts slow work for a thread (`errors`, `redrive`) unless the same work started less than
   * `leaseMs` ago: double clicks and two people asking at once run it once.
   */
  async claimJob(
    thread: ThreadId,
    kind: string,
    userId: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean> {
    return this.conditional('claim job', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: pk(thread),
            sk: `job#${kind}`,
            by: userId,
            startedAt: now,
            busyUntil: now + leaseMs,
            expiresAt: seconds(now + leaseMs + 86_400_000),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR busyUntil < :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      ),
    );
  }

  /** The running mute and snooze of a security rule for one principal. */
  async ruleStatus(key: RuleKey, now: number): Promise<RuleActions> {
    const { Items = [] } = await this.call('read rule actions', () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': rulePk(key) },
          ConsistentRead: true,
        }),
      ),
    );
    return parseRuleActions(Items, now);
  }

  /** Mutes the rule for the principal unless a mute is running (then false). TTL: its end. */
  async muteRule(key: RuleKey, userId: string, until: number, now: number): Promise<boolean> {
    return this.conditional('mute rule', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: rulePk(key), sk: 'mute', by: userId, at: now, until, expiresAt: seconds(until) },
          ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now },
        }),
      ),
    );
  }

  /** Lifts the mute; false when there was none running. */
  async unmuteRule(key: RuleKey, now: number): Promise<boolean> {
    return this.conditional('unmute rule', () =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: rulePk(key), sk: 'mute' },
          ConditionExpression: '#until > :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now },
        }),
      ),
    );
  }

  /** Points the rule's later events for the principal at the snoozed event's thread until `until`. */
  async snoozeRule(
    key: RuleKey,
    userId: string,
    until: number,
    thread: ThreadId,
    now: number,
  ): Promise<void> {
    await this.call('snooze rule', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: rulePk(key),
            sk: 'snooze',
            by: userId,
            at: now,
            until,
            channelId: thread.channelId,
            ts: thread.ts,
            expiresAt: seconds(until),
          },
        }),
      ),
    );
  }

  /** Ends the rule snooze that points at `thread` (a newer one elsewhere stays). */
  async unsnoozeRule(key: RuleKey, thread: ThreadId): Promise<void> {
    await this.conditional('unsnooze rule', () =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: rulePk(key), sk: 'snooze' },
          ConditionExpression: 'channelId = :c AND ts = :t',
          ExpressionAttributeValues: { ':c': thread.channelId, ':t': thread.ts },
        }),
      ),
    );
  }

  /** Queues a reminder (idempotent: the same thread, step and time is one item). */
  async putReminder(reminder: Reminder): Promise<void> {
    await this.call('schedule reminder', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: reminderItem(reminder),
        }),
      ),
    );
  }

  /** Reminders due at `now` or earlier, oldest first. */
  async dueReminders(now: number, limit = 50): Promise<Reminder[]> {
    const { Items = [] } = await this.call('read due reminders', () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk <= :until',
          ExpressionAttributeValues: {
            ':pk': REMIND_PK,
            ':until': `${String(Math.floor(now)).padStart(15, '0')}#~`,
          },
          ConsistentRead: true,
          Limit: limit,
        }),
      ),
    );
    return Items.flatMap((item) => parseReminder(item) ?? []);
  }

  /**
   * Takes a due reminder off the queue. Exactly one caller gets `true` for each reminder:
   * that one may post it, so two sweeps running at once never remind twice.
   */
  async takeReminder(reminder: Reminder): Promise<boolean> {
    return this.conditional('take reminder', () =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: REMIND_PK, sk: dueSk(reminder) },
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }

  /** Every channel's thread of an alarm that is not back to OK (CLI `cloudbell snooze`). */
  async openThreads(threadKey: string): Promise<Array<ThreadState & { channel: string; channelId: string }>> {
    const { Items = [] } = await this.call('read alarm threads', () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `thread#${threadKey}` },
          ConsistentRead: true,
        }),
      ),
    );
    return Items.flatMap((i) =>
      typeof i.ts === 'string' &&
      typeof i.channelId === 'string' &&
      typeof i.state === 'string' &&
      i.state !== 'OK'
        ? [{ ts: i.ts, state: i.state, channel: String(i.sk), channelId: i.channelId }]
        : [],
    );
  }

  /** The alarm thread notify recorded for (alarm ARN, configured channel). */
  async threadState(threadKey: string, channel: string): Promise<ThreadState | undefined> {
    const { Item } = await this.call('read thread', () =>
      this.doc.send(
        new GetCommand({
          TableName: this.table,
          Key: { pk: `thread#${threadKey}`, sk: channel },
          ConsistentRead: true,
        }),
      ),
    );
    if (typeof Item?.ts !== 'string' || typeof Item?.state !== 'string') return undefined;
    return { ts: Item.ts, state: Item.state };
  }
}
