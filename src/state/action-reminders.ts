/**
 * The escalation reminders on the state table, and the alarm threads they are checked against:
 * a reminder is queued under one partition sorted by due time, taken off it by exactly one
 * sweep (a conditional delete), and posted only while its thread is still open.
 *
 * | item         | pk                 | sk                                        |
 * |--------------|--------------------|-------------------------------------------|
 * | due reminder | `remind#due`       | `<dueAt ms, 15 digits>#<channelId>#<ts>`  |
 * | alarm thread | `thread#<alarm>`   | `<configured channel>` (written by notify) |
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dueSk, parseReminder, REMIND_PK, type Reminder, reminderItem } from './action-items.js';
import type { ActionTable } from './action-table.js';

/** The alarm thread as notify recorded it (only what the escalation needs). */
export interface ThreadState {
  readonly ts: string;
  readonly state: string;
}

/** Queues a reminder (idempotent: the same thread, step and time is one item). */
export async function putReminder(table: ActionTable, reminder: Reminder): Promise<void> {
  await table.call('schedule reminder', () =>
    table.doc.send(
      new PutCommand({
        TableName: table.name,
        Item: reminderItem(reminder),
      }),
    ),
  );
}

/** Reminders due at `now` or earlier, oldest first. */
export async function dueReminders(table: ActionTable, now: number, limit = 50): Promise<Reminder[]> {
  const { Items = [] } = await table.call('read due reminders', () =>
    table.doc.send(
      new QueryCommand({
        TableName: table.name,
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
export function takeReminder(table: ActionTable, reminder: Reminder): Promise<boolean> {
  return table.deleteIf(
    'take reminder',
    { pk: REMIND_PK, sk: dueSk(reminder) },
    { ConditionExpression: 'attribute_exists(pk)' },
  );
}

/** Every channel's thread of an alarm that is not back to OK (CLI `cloudbell snooze`). */
export async function openThreads(
  table: ActionTable,
  threadKey: string,
): Promise<Array<ThreadState & { channel: string; channelId: string }>> {
  const items = await table.partition('read alarm threads', `thread#${threadKey}`);
  return items.flatMap((i) =>
    typeof i.ts === 'string' &&
    typeof i.channelId === 'string' &&
    typeof i.state === 'string' &&
    i.state !== 'OK'
      ? [{ ts: i.ts, state: i.state, channel: String(i.sk), channelId: i.channelId }]
      : [],
  );
}

/** The alarm thread notify recorded for (alarm ARN, configured channel). */
export async function threadState(
  table: ActionTable,
  threadKey: string,
  channel: string,
): Promise<ThreadState | undefined> {
  const { Item } = await table.call('read thread', () =>
    table.doc.send(
      new GetCommand({
        TableName: table.name,
        Key: { pk: `thread#${threadKey}`, sk: channel },
        ConsistentRead: true,
      }),
    ),
  );
  if (typeof Item?.ts !== 'string' || typeof Item?.state !== 'string') return undefined;
  return { ts: Item.ts, state: Item.state };
}
