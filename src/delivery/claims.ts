/**
 * Exactly once, per batch: each (alert, channel) is claimed with a conditional write before it
 * is posted and marked done right after. When the table fails, the alert is posted anyway
 * without the guarantee (a repeat is possible; a lost alert is worse) and remembered as
 * unguarded so nothing later writes or releases on its behalf.
 */
import { carryOn } from './carry-on.js';
import { covered, type Item } from './item.js';
import type { DeliveryRuntime } from './runtime.js';
import type { ClaimResult, ClaimStore } from './store.js';

export interface ClaimsOptions {
  readonly store: ClaimStore;
  readonly runtime: DeliveryRuntime;
  /** Unique per invocation: marks this invocation's claims. */
  readonly token: string;
  /** Epoch ms when this invocation's claims lapse. */
  readonly leaseUntil: number;
}

/**
 * @example
 * ```ts
 * const claims = new Claims({ store, runtime, token, leaseUntil });
 * if ((await claims.claim(item)) === 'claimed') await post(item).then(() => claims.markDone([item]));
 * ```
 */
export class Claims {
  /** Items whose claim or thread could not be read: posted without dedupe/threads. */
  readonly #unguarded = new Set<Item>();

  constructor(private readonly o: ClaimsOptions) {}

  /** True when the item goes out without the table's guarantees. */
  isUnguarded(item: Item): boolean {
    return this.#unguarded.has(item);
  }

  /** Marks an item as posted without the table's guarantees (its thread is unreadable). */
  unguard(item: Item): void {
    this.#unguarded.add(item);
  }

  async claim(item: Item): Promise<ClaimResult> {
    const rt = this.o.runtime;
    const result = await carryOn(
      rt,
      {
        message: 'dedupe claim failed; posting without the dedupe guarantee',
        fields: { dedupeKey: item.key.key },
      },
      () => this.o.store.claim(item.key, this.o.token, this.o.leaseUntil, rt.clock.now()),
      undefined,
    );
    if (result) return result;
    // Without the table a repeat is possible, but losing the alert is worse.
    this.#unguarded.add(item);
    return 'claimed';
  }

  async markDone(items: readonly Item[]): Promise<void> {
    const rt = this.o.runtime;
    const all = covered(items).filter((i) => !this.#unguarded.has(i));
    if (all.length === 0) return;
    // Posted already: reporting a failure now would post it twice. The claim lapses instead.
    await carryOn(
      rt,
      { message: 'could not mark deliveries done', fields: { alerts: all.length } },
      () =>
        this.o.store.markDone(
          all.map((i) => i.key),
          this.o.token,
          rt.clock.now(),
        ),
      undefined,
    );
  }

  /** Gives back the claims of items that did not go out, so a redelivery posts them at once. */
  async release(items: Iterable<Item>): Promise<void> {
    await Promise.all(
      [...items]
        .filter((item) => !this.#unguarded.has(item))
        .map((item) => this.o.store.release(item.key, this.o.token).catch(() => {})),
    );
  }

  /** After a post: counts and logs the alerts that went out without the table's guarantees. */
  posted(items: readonly Item[]): void {
    const rt = this.o.runtime;
    const blind = covered(items).filter((i) => this.#unguarded.has(i));
    if (blind.length === 0) return;
    rt.stats.stateUnavailable += blind.length;
    for (const item of blind) {
      rt.log.warn('posted without dedupe or thread: the state table is unavailable', {
        dedupeKey: item.key.key,
        channel: item.destination.channel,
      });
    }
  }
}
