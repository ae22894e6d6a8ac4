/**
 * Snoozes and mutes: a thread's snooze (one running at a time, replaced once it ran out), and
 * a security rule's mute and snooze for one principal (the snooze points the rule's later
 * events at the snoozed event's thread). Every change is conditional, so two people pressing
 * at once settle in DynamoDB.
 *
 * | item                  | pk                                   | sk       |
 * |-----------------------|--------------------------------------|----------|
 * | thread snooze         | `act#<channelId>#<ts>`               | `snooze` |
 * | rule mute / snooze    | see `rulePk` in action-items.ts      | `mute` / `snooze` |
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RuleActions, RuleKey, Snooze, SnoozeChoice, ThreadId } from '../actions/state.js';
import { type SetOnce, setOnce } from './action-acks.js';
import { parseRuleActions, actionPk as pk, rulePk, epochSeconds as seconds } from './action-items.js';
import type { ActionTable, Condition } from './action-table.js';

export type SnoozeResult = SetOnce<Snooze>;

/** A condition comparing the item's `until` (`#until`) with `now` (`:now`). */
const onUntil = (expression: string, now: number): Condition => ({
  ConditionExpression: expression,
  ExpressionAttributeNames: { '#until': 'until' },
  ExpressionAttributeValues: { ':now': now },
});

/**
 * Snoozes the thread unless a snooze is already running (a double click, or someone else
 * got there first): then `done: false` with the running snooze. A snooze that ran out is
 * replaced.
 */
export async function snooze(
  table: ActionTable,
  thread: ThreadId,
  userId: string,
  choice: SnoozeChoice,
  until: number | null,
  now: number,
): Promise<SnoozeResult> {
  return setOnce(
    table,
    'snooze',
    thread,
    'snooze',
    {
      pk: pk(thread),
      sk: 'snooze',
      by: userId,
      at: now,
      choice,
      ...(until === null ? {} : { until }),
      expiresAt: seconds((until ?? now) + table.keepMs),
    },
    onUntil('attribute_not_exists(pk) OR (attribute_exists(#until) AND #until <= :now)', now),
  );
}

/** Lifts the snooze only if it is still the one set by `expected.by` at `expected.at`. */
export function unsnooze(table: ActionTable, thread: ThreadId, expected: Snooze): Promise<boolean> {
  return table.deleteIf(
    'unsnooze',
    { pk: pk(thread), sk: 'snooze' },
    {
      ConditionExpression: '#by = :by AND #at = :at',
      ExpressionAttributeNames: { '#by': 'by', '#at': 'at' },
      ExpressionAttributeValues: { ':by': expected.by, ':at': expected.at },
    },
  );
}

/** The running mute and snooze of a security rule for one principal. */
export async function ruleStatus(table: ActionTable, key: RuleKey, now: number): Promise<RuleActions> {
  return parseRuleActions(await table.partition('read rule actions', rulePk(key)), now);
}

/** Mutes the rule for the principal unless a mute is running (then false). TTL: its end. */
export function muteRule(
  table: ActionTable,
  key: RuleKey,
  userId: string,
  until: number,
  now: number,
): Promise<boolean> {
  return table.putIf(
    'mute rule',
    { pk: rulePk(key), sk: 'mute', by: userId, at: now, until, expiresAt: seconds(until) },
    onUntil('attribute_not_exists(pk) OR #until <= :now', now),
  );
}

/** Lifts the mute; false when there was none running. */
export function unmuteRule(table: ActionTable, key: RuleKey, now: number): Promise<boolean> {
  return table.deleteIf('unmute rule', { pk: rulePk(key), sk: 'mute' }, onUntil('#until > :now', now));
}

/** Points the rule's later events for the principal at the snoozed event's thread until `until`. */
export async function snoozeRule(
  table: ActionTable,
  key: RuleKey,
  userId: string,
  until: number,
  thread: ThreadId,
  now: number,
): Promise<void> {
  await table.call('snooze rule', () =>
    table.doc.send(
      new PutCommand({
        TableName: table.name,
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
export async function unsnoozeRule(table: ActionTable, key: RuleKey, thread: ThreadId): Promise<void> {
  await table.deleteIf(
    'unsnooze rule',
    { pk: rulePk(key), sk: 'snooze' },
    {
      ConditionExpression: 'channelId = :c AND ts = :t',
      ExpressionAttributeValues: { ':c': thread.channelId, ':t': thread.ts },
    },
  );
}
