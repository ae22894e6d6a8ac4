/**
 * The acknowledgement of an alert thread: one per thread, set by a conditional put and
 * withdrawn only while it is still the one shown; and the read of everything a thread has
 * (acknowledgement and snooze), which every button shows on the parent.
 *
 * | item            | pk                     | sk    |
 * |-----------------|------------------------|-------|
 * | acknowledgement | `act#<channelId>#<ts>` | `ack` |
 */
import type { Acknowledgement, ThreadActions, ThreadId } from '../actions/state.js';
import {
  type PlainItem,
  parseThreadActions,
  actionPk as pk,
  epochSeconds as seconds,
} from './action-items.js';
import type { ActionTable, Condition } from './action-table.js';

export type AckResult = SetOnce<Acknowledgement>;

/** The acknowledgement and snooze of a thread. */
export async function threadActions(table: ActionTable, thread: ThreadId): Promise<ThreadActions> {
  return parseThreadActions(await table.partition('read thread actions', pk(thread)));
}

/** Set, or not set with what the thread has instead (when anything). */
export type SetOnce<T> = { readonly done: true } | { readonly done: false; readonly current?: T };

/**
 * Puts a thread's acknowledgement or snooze if `condition` holds; when it does not (a double
 * click, someone else first), reads and returns the one the thread has.
 */
export async function setOnce<K extends keyof ThreadActions>(
  table: ActionTable,
  what: string,
  thread: ThreadId,
  which: K,
  item: PlainItem,
  condition: Condition,
): Promise<SetOnce<NonNullable<ThreadActions[K]>>> {
  if (await table.putIf(what, item, condition)) return { done: true };
  const current = (await threadActions(table, thread))[which];
  return { done: false, ...(current ? { current: current as NonNullable<ThreadActions[K]> } : {}) };
}

/** Records the acknowledgement unless the thread already has one (then returns it). */
export async function acknowledge(
  table: ActionTable,
  thread: ThreadId,
  userId: string,
  now: number,
): Promise<AckResult> {
  return setOnce(
    table,
    'acknowledge',
    thread,
    'ack',
    { pk: pk(thread), sk: 'ack', by: userId, at: now, expiresAt: seconds(now + table.keepMs) },
    { ConditionExpression: 'attribute_not_exists(pk)' },
  );
}

/** Removes the acknowledgement only if it is still the one by `expectedBy`. */
export function unacknowledge(table: ActionTable, thread: ThreadId, expectedBy: string): Promise<boolean> {
  return table.deleteIf(
    'unacknowledge',
    { pk: pk(thread), sk: 'ack' },
    {
      ConditionExpression: '#by = :by',
      ExpressionAttributeNames: { '#by': 'by' },
      ExpressionAttributeValues: { ':by': expectedBy },
    },
  );
}
