/**
 * Exactly-once delivery on the table: one `dedupe#<dedupeKey>` item per (alert, channel),
 * claimed with a conditional put (`pending`, with the invocation's token and lease), marked
 * `done` after the post, and kept for the dedupe TTL.
 */
import type { ClaimResult, ClaimStore, DeliveryKey } from '../delivery/store.js';
import { dedupeKey, epochSeconds } from './keys.js';
import { type Item, str, type TableCaller } from './table-caller.js';
import { isConditionFailed } from './table-errors.js';

/**
 * @example
 * ```ts
 * const claims = new ClaimTable(table, 24);
 * if ((await claims.claim({ key: 'eb:1234', channel: '#aws-alerts' }, token, leaseUntil, Date.now())) === 'claimed') …
 * ```
 */
export class ClaimTable implements ClaimStore {
  private readonly dedupeTtlMs: number;

  constructor(
    private readonly table: TableCaller,
    /** How long a done delivery is remembered (config `dedupe.ttlHours`). */
    dedupeTtlHours: number,
  ) {
    this.dedupeTtlMs = dedupeTtlHours * 3_600_000;
  }

  /**
   * Idempotent: the SDK retries a PutItem whose answer was lost (a timeout or a reset
   * connection after DynamoDB applied it); the retry's condition then fails on this very claim.
   * The old item that comes back with the failure (or a consistent read, where the API does not
   * return it) shows our own token, so the retry still reports `claimed` instead of `busy`.
   */
  async claim(key: DeliveryKey, token: string, leaseUntil: number, now: number): Promise<ClaimResult> {
    const Key = dedupeKey(key.key, key.channel);
    let existing: Item | undefined;
    try {
      await this.table.call('claim', 'PutItem', {
        TableName: this.table.name,
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
      existing = (error as { Item?: Item }).Item;
    }
    existing ??= await this.table.get('read claim', Key);
    const status = str(existing, 'status');
    if (status === 'done') return 'done';
    // Ours: an earlier attempt of this same call got through. Gone between the two calls (TTL
    // or a release): a retry will claim it.
    return status === 'pending' && str(existing, 'token') === token ? 'claimed' : 'busy';
  }

  async markDone(keys: readonly DeliveryKey[], token: string, now: number): Promise<void> {
    const expiresAt = { N: epochSeconds(now + this.dedupeTtlMs) };
    await this.table.writeAll(
      keys.map((key) => ({
        ...dedupeKey(key.key, key.channel),
        status: { S: 'done' },
        token: { S: token },
        expiresAt,
      })),
    );
  }

  async release(key: DeliveryKey, token: string): Promise<void> {
    try {
      await this.table.call('release claim', 'DeleteItem', {
        TableName: this.table.name,
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
}
