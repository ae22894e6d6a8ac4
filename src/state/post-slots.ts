/**
 * One channel's post slots, shared by every writer that posts to Slack (notify's pacer and the
 * evidence worker): one table item holds the channel's next free time, and a writer claims a
 * slot with an optimistic read-then-conditional-put. Both writers go through this one function
 * so the item and its protocol cannot drift apart between them.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { epochSeconds, paceKey } from './keys.js';
import { StateError } from './table-errors.js';

/** The two table calls the protocol needs, made by the caller's own client and guard. */
export interface SlotCalls {
  /** A consistent read of the slot item's `nextAt` (epoch ms as a DynamoDB number string). */
  readNext(key: Record<string, AttributeValue>): Promise<string | undefined>;
  /** A conditional PutItem of the slot item; rejects with the SDK's error when the condition fails. */
  put(input: {
    Item: Record<string, AttributeValue>;
    ConditionExpression: string;
    ExpressionAttributeValues?: Record<string, AttributeValue>;
  }): Promise<void>;
  isConditionFailure(error: unknown): boolean;
}

/** Rounds of read-and-claim before giving up under concurrent writers. */
const ROUNDS = 8;

/**
 * Claims the channel's next post slot at or after `earliest` and returns its time (epoch ms);
 * the slot after it is `intervalMs` later.
 *
 * @example
 * ```ts
 * const at = await reservePostSlot(calls, '#aws-alerts', Date.now(), 1_100);
 * await sleep(Math.max(0, at - Date.now()));
 * ```
 */
export async function reservePostSlot(
  calls: SlotCalls,
  channel: string,
  earliest: number,
  intervalMs: number,
): Promise<number> {
  const key = paceKey(channel);
  for (let round = 0; round < ROUNDS; round++) {
    const current = await calls.readNext(key);
    const slot = Math.max(earliest, current === undefined ? 0 : Number(current));
    try {
      await calls.put({
        Item: {
          ...key,
          nextAt: { N: String(slot + intervalMs) },
          expiresAt: { N: epochSeconds(slot + intervalMs + 3_600_000) },
        },
        ...(current === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'nextAt = :current',
              ExpressionAttributeValues: { ':current': { N: current } },
            }),
      });
      return slot;
    } catch (error) {
      if (!calls.isConditionFailure(error)) throw error;
    }
  }
  throw new StateError(`post slots of ${channel} kept changing under concurrent writers`);
}
