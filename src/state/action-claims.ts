/**
 * Claims on the state table: one per button press (user + Slack's `action_ts`), so a Slack
 * retry or a duplicate delivery does nothing, and one per slow job of a thread (`errors`,
 * `redrive`), so double clicks and two people asking at once run it once.
 *
 * | item              | pk                                          | sk            |
 * |-------------------|---------------------------------------------|---------------|
 * | click (one press) | `click#<channelId>#<ts>#<user>#<action_ts>` | `click`       |
 * | job lease         | `act#<channelId>#<ts>`                      | `job#<kind>`  |
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ThreadId } from '../actions/state.js';
import { actionPk as pk, epochSeconds as seconds } from './action-items.js';
import type { ActionTable } from './action-table.js';

const CLICK_LEASE_MS = 10_000;
const clickKey = (t: ThreadId, userId: string, actionTs: string) => ({
  pk: `click#${t.channelId}#${t.ts}#${userId}#${actionTs}`,
  sk: 'click',
});

/**
 * Claims one press of a button. `repeat`: the same press was handled or is being handled (a
 * Slack retry, a duplicate delivery): do nothing.
 */
export async function claimClick(
  table: ActionTable,
  thread: ThreadId,
  userId: string,
  actionTs: string,
  now: number,
): Promise<'new' | 'repeat'> {
  const claimed = await table.putIf(
    'claim click',
    {
      ...clickKey(thread, userId, actionTs),
      status: 'pending',
      leaseUntil: now + CLICK_LEASE_MS,
      expiresAt: seconds(now + 86_400_000),
    },
    {
      // A crashed attempt's claim lapses, so Slack's later retry still does the work.
      ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND leaseUntil < :now)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending', ':now': now },
    },
  );
  return claimed ? 'new' : 'repeat';
}

/** Marks a press handled (`done`) or gives it up after a failure so a retry can redo it. */
export async function settleClick(
  table: ActionTable,
  thread: ThreadId,
  userId: string,
  actionTs: string,
  outcome: 'done' | 'failed',
): Promise<void> {
  const Key = clickKey(thread, userId, actionTs);
  if (outcome === 'failed') {
    await table.call('release click', () =>
      table.doc.send(new DeleteCommand({ TableName: table.name, Key })),
    );
    return;
  }
  await table.call('settle click', () =>
    table.doc.send(
      new UpdateCommand({
        TableName: table.name,
        Key,
        UpdateExpression: 'SET #status = :done',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    ),
  );
}

/**
 * Starts slow work for a thread (`errors`, `redrive`) unless the same work started less than
 * `leaseMs` ago.
 */
export function claimJob(
  table: ActionTable,
  thread: ThreadId,
  kind: string,
  userId: string,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  return table.putIf(
    'claim job',
    {
      pk: pk(thread),
      sk: `job#${kind}`,
      by: userId,
      startedAt: now,
      busyUntil: now + leaseMs,
      expiresAt: seconds(now + leaseMs + 86_400_000),
    },
    {
      ConditionExpression: 'attribute_not_exists(pk) OR busyUntil < :now',
      ExpressionAttributeValues: { ':now': now },
    },
  );
}
