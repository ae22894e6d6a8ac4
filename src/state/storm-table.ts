/**
 * Storm windows on the table: one `storm#<channel>` / `window` item counting the alerts the
 * channel received since the window started, across invocations, each invocation counted once.
 */
import type { StormWindowStore } from '../delivery/store.js';
import { epochSeconds, stormKey } from './keys.js';
import type { Item, TableCaller } from './table-caller.js';
import { isConditionFailed, StateError } from './table-errors.js';

/** Two writers may race to restart the window; a few rounds settle it. */
const ROUNDS = 3;

/**
 * @example
 * ```ts
 * const recent = await new StormTable(table).countInWindow('#aws-alerts', 12, Date.now(), 60, token);
 * ```
 */
export class StormTable implements StormWindowStore {
  constructor(private readonly table: TableCaller) {}

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
    const mine = (item: Item | undefined) =>
      Number(item?.windowStart?.N) > now - windowMs && (item?.seen?.SS ?? []).includes(token);
    for (let round = 0; round < ROUNDS; round++) {
      try {
        const result = await this.table.call('count storm window', 'UpdateItem', {
          TableName: this.table.name,
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
        let old = (error as { Item?: Item }).Item;
        old ??= await this.table.get('read storm window', Key);
        // Counted already by an earlier attempt of this call.
        if (mine(old)) return Number(old?.count?.N ?? count);
      }
      try {
        await this.table.call('restart storm window', 'PutItem', {
          TableName: this.table.name,
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
