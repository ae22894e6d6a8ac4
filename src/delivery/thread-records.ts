/**
 * The alarm threads one batch touches: read in one go before anything posts, kept current as
 * the run posts, written back after each post. When the table cannot be read the threads are
 * unknown and their alerts post as if no thread existed, rather than being held.
 */
import { carryOn } from './carry-on.js';
import type { Claims } from './claims.js';
import type { Item } from './item.js';
import type { DeliveryRuntime } from './runtime.js';
import type { ThreadRecord, ThreadStore } from './store.js';
import { mergedThread, type ThreadStep, threadStep } from './thread-plan.js';

const threadId = (threadKey: string, channel: string) => `${threadKey}\u0000${channel}`;

/**
 * @example
 * ```ts
 * const threads = new ThreadRecords(store, runtime, claims);
 * await threads.load(items);
 * const { step, record } = threads.stepOf(item);
 * ```
 */
export class ThreadRecords {
  /** Thread records read for this batch, kept current as this run posts. */
  readonly #records = new Map<string, ThreadRecord | undefined>();
  /** Threads that could not be read (the table failed): no order or thread for those. */
  readonly #unknown = new Set<string>();

  constructor(
    private readonly store: Pick<ThreadStore, 'getThreads' | 'putThread'>,
    private readonly rt: DeliveryRuntime,
    private readonly claims: Claims,
  ) {}

  /** Reads every thread this batch touches in one go (BatchGetItem), before anything posts. */
  async load(items: readonly Item[]): Promise<void> {
    const keys = items.flatMap((i) =>
      i.alert.thread ? [{ threadKey: i.alert.thread.key, channel: i.destination.channel }] : [],
    );
    if (keys.length === 0) return;
    const found = await carryOn(
      this.rt,
      { message: 'could not read the alarm threads; posting without them' },
      () => this.store.getThreads(keys),
      undefined,
    );
    if (!found) {
      for (const k of keys) this.#unknown.add(threadId(k.threadKey, k.channel));
      for (const i of items) if (i.alert.thread) this.claims.unguard(i);
      return;
    }
    for (const k of keys) this.#records.set(threadId(k.threadKey, k.channel), undefined);
    for (const r of found) this.#records.set(threadId(r.threadKey, r.channel), r);
  }

  /** Keeps `record` (unless a later one is held) and writes it, unless its thread is unknown. */
  async save(record: ThreadRecord): Promise<void> {
    const id = threadId(record.threadKey, record.channel);
    const known = this.#records.get(id);
    if (!known || Date.parse(known.since) <= Date.parse(record.since)) this.#records.set(id, record);
    if (this.#unknown.has(id)) return;
    await carryOn(
      this.rt,
      { message: 'could not record the alarm thread' },
      () => this.store.putThread(record, this.rt.clock.now()),
      undefined,
    );
  }

  /** Holds `records` as current (after a digest wrote them in one go). */
  hold(records: readonly ThreadRecord[]): void {
    for (const r of records) this.#records.set(threadId(r.threadKey, r.channel), r);
  }

  /** Where one pending item goes, from the thread records this run holds. */
  stepOf(item: Item): { step: ThreadStep; record: ThreadRecord | undefined } {
    const thread = item.alert.thread;
    if (!thread) return { step: 'standalone', record: undefined };
    const id = threadId(thread.key, item.destination.channel);
    // The table is down: post as if no thread existed, rather than hold the alert.
    if (this.#unknown.has(id))
      return { step: thread.state === 'OK' ? 'standalone' : 'parent', record: undefined };
    const record = this.#records.get(id);
    const first = item.earlier[0]?.alert.thread ?? thread;
    return { step: threadStep(mergedThread(thread, first), record, this.rt.clock.now()), record };
  }

  /** The thread record held for the item's alarm in its channel, if any. */
  recordOf(item: Item): ThreadRecord | undefined {
    const thread = item.alert.thread;
    return thread ? this.#records.get(threadId(thread.key, item.destination.channel)) : undefined;
  }
}
