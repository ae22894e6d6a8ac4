/**
 * What became of each item of a run that did not go out: failed (its record goes back to the
 * queue and its claim is released), waiting for an earlier state change (released too, so the
 * redelivery can take it at once) or deferred (another invocation holds its claim). The report
 * the handler turns into `batchItemFailures` is read from here.
 */
import { covered, type Item } from './item.js';
import type { DeliveryRuntime } from './runtime.js';

export interface DeliveryReport {
  /** SQS message ids whose alerts did not all reach Slack: they go back to the queue. */
  readonly failedRecordIds: string[];
  /** Failed deliveries of envelopes that came without a record id (direct invocations). */
  readonly failedWithoutRecord: number;
}

/**
 * @example
 * ```ts
 * const ledger = new DeliveryLedger(runtime);
 * try { await post(item); } catch (error) { ledger.fail([item], error); }
 * return ledger.report();
 * ```
 */
export class DeliveryLedger {
  readonly #failed = new Set<Item>();
  readonly #deferred = new Set<Item>();
  readonly #waiting = new Set<Item>();

  constructor(private readonly rt: DeliveryRuntime) {}

  /** The items did not reach Slack: counted, logged, and their records go back to the queue. */
  fail(items: readonly Item[], error: unknown): void {
    const all = covered(items);
    for (const item of all) this.#failed.add(item);
    this.rt.stats.failed += all.length;
    this.rt.log.error('delivery failed; the record goes back to the queue', {
      channel: items[0]?.destination.channel,
      alerts: all.length,
      dedupeKeys: all.slice(0, 10).map((i) => i.key.key),
      error: (error as Error)?.message ?? String(error),
      code: (error as { code?: string })?.code,
    });
  }

  /** The item waits for an earlier state change of its alarm: back to the queue, not failed. */
  wait(item: Item, reason: string): void {
    for (const i of covered([item])) this.#waiting.add(i);
    this.rt.stats.deferred += 1 + item.earlier.length;
    this.rt.log.info('alert waits for an earlier state change', { reason, dedupeKey: item.key.key });
  }

  /** Another invocation holds the item's claim: it comes back later. */
  defer(item: Item): void {
    this.#deferred.add(item);
    this.rt.stats.deferred += 1;
  }

  /** Items whose claims this run took and should give back (failed or waiting). */
  unposted(): Item[] {
    return [...this.#failed, ...this.#waiting];
  }

  report(): DeliveryReport {
    const failedRecordIds = new Set<string>();
    let failedWithoutRecord = 0;
    for (const item of [...this.#failed, ...this.#deferred, ...this.#waiting]) {
      if (item.recordId !== undefined) failedRecordIds.add(item.recordId);
      else failedWithoutRecord += 1;
    }
    return { failedRecordIds: [...failedRecordIds], failedWithoutRecord };
  }
}
