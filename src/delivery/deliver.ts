/**
 * Delivery of one batch of pipeline outcomes to Slack:
 * dedupe → pending changes of one alarm merged → storm grouping per channel → alarm threads →
 * paced, retried posts → fallbacks.
 *
 * Order (README "Order of state changes"): an alarm's later state never shows before or without
 * its earlier one. Changes of one alarm pending together are shown once, in the latest state
 * with their story; a change whose predecessor is not shown yet waits for it (bounded by
 * `ORDER_WAIT_MS`); a change of an alarm with an open thread replies in that thread, a storm
 * digest's included, and the parent (or the digest's line) is rewritten to the latest state.
 *
 * This file only orchestrates; its collaborators each hold one concept: `destinations.ts`
 * (where an alert goes at delivery time), `claims.ts` (dedupe claims), `thread-records.ts` (the
 * batch's alarm threads), `storm-digests.ts` and `digest-replies.ts` (storms), `single-posts.ts`
 * and `thread-posts.ts` (one message at a time, in its thread), `delivery-ledger.ts` (what did
 * not go out), `carry-on.ts` (the failures delivery survives).
 *
 * Exactly once: each (alert, channel) is claimed with a conditional write before it is
 * posted and marked done right after; a repeat finds it done, a crash leaves a claim whose
 * lease runs out so the redelivery posts it. What still fails is reported by record id so
 * the handler returns it in `batchItemFailures`.
 */

import type { Config } from '../core/config.js';
import { mapLimit } from '../core/limit.js';
import type { Outcome } from '../pipeline.js';
import { storyLine, withStory } from '../slack/story.js';
import { type AlertRenderer, slackAlertRendererFor } from './alert-renderer.js';
import { Claims } from './claims.js';
import { DeliveryLedger, type DeliveryReport } from './delivery-ledger.js';
import { destinationsOf } from './destinations.js';
import { DigestReplies } from './digest-replies.js';
import { changesOf, type Item } from './item.js';
import type { RunContext } from './run-context.js';
import type { DeliveryRuntime } from './runtime.js';
import { SinglePosts } from './single-posts.js';
import type { DeliveryStore, ThreadRecord } from './store.js';
import { StormDigests } from './storm-digests.js';
import type { ThreadActionsPort } from './thread-actions.js';
import { inThreadOrder, pendingByAlarm } from './thread-plan.js';
import { ThreadPosts } from './thread-posts.js';
import { ThreadRecords } from './thread-records.js';

export type { DeliveryReport } from './delivery-ledger.js';
export { ORDER_WAIT_MS } from './thread-plan.js';

export interface DeliverOptions {
  readonly config: Pick<Config, 'slack' | 'storm' | 'evidence'> & Partial<Pick<Config, 'actions'>>;
  readonly store: DeliveryStore;
  readonly runtime: DeliveryRuntime;
  /** Unique per invocation: marks this invocation's claims. */
  readonly token: string;
  /** Epoch ms when this invocation's claims lapse (after the Lambda's own timeout). */
  readonly leaseUntil: number;
  /** Acknowledgements and snoozes (src/actions); without it nobody has acted. */
  readonly actions?: ThreadActionsPort;
  /** The alert messages delivery renders itself; the Slack renderer unless a test brings one. */
  readonly render?: AlertRenderer;
}

const STATE_CONCURRENCY = 16;

class Run {
  private readonly run: RunContext;
  private readonly storms: StormDigests;
  private readonly singles: SinglePosts;
  private readonly digestReplies: DigestReplies;

  constructor(private readonly o: DeliverOptions) {
    const claims = new Claims(o);
    const run: RunContext = {
      config: o.config,
      store: o.store,
      rt: o.runtime,
      token: o.token,
      render: o.render ?? slackAlertRendererFor({ actions: o.config.actions?.enabled ?? true }),
      ...(o.actions ? { actions: o.actions } : {}),
      claims,
      threads: new ThreadRecords(o.store, o.runtime, claims),
      ledger: new DeliveryLedger(o.runtime),
    };
    this.run = run;
    this.storms = new StormDigests(run);
    this.digestReplies = new DigestReplies(run, this.storms);
    this.singles = new SinglePosts(run, new ThreadPosts(run), this.digestReplies);
  }

  async deliver(outcomes: readonly Outcome[]): Promise<DeliveryReport> {
    const { claims, threads, ledger, rt } = this.run;
    const items = await this.itemsOf(outcomes);
    const results = await mapLimit(items, STATE_CONCURRENCY, (item) => claims.claim(item));
    const claimed: Item[] = [];
    items.forEach((item, i) => {
      if (results[i] === 'done') rt.stats.deduplicated += 1;
      else if (results[i] === 'busy') ledger.defer(item);
      else claimed.push(item);
    });

    // Changes of one alarm pending together are shown once, latest state first, with their story.
    const pending = pendingByAlarm(claimed, (i) => i.destination.channel).map(({ latest, earlier }) => {
      if (earlier.length === 0) return latest;
      const item: Item = { ...latest, earlier };
      return { ...item, message: withStory(latest.message, storyLine(changesOf(item))) };
    });
    await threads.load(pending);

    const byChannel = new Map<string, Item[]>();
    for (const item of pending) {
      const list = byChannel.get(item.destination.channel) ?? [];
      list.push(item);
      byChannel.set(item.destination.channel, list);
    }
    // Channels are paced independently, so they are served side by side.
    await Promise.all([...byChannel].map(([channel, group]) => this.channel(channel, group)));

    await claims.release(ledger.unposted());
    return ledger.report();
  }

  /** One item per (alert, channel), where the alert goes now; a repeat within the batch is dropped. */
  private async itemsOf(outcomes: readonly Outcome[]): Promise<Item[]> {
    const { rt, render, actions } = this.run;
    const items: Item[] = [];
    const seen = new Set<string>();
    const posted = outcomes.filter((o) => o.alert && o.deliveries.length > 0);
    const resolved = await mapLimit(posted, STATE_CONCURRENCY, (o) =>
      destinationsOf(o, { store: this.o.store, runtime: rt, render, ...(actions ? { actions } : {}) }),
    );
    for (const [index, outcome] of posted.entries()) {
      const alert = outcome.alert;
      if (!alert) continue;
      for (const { destination, message } of resolved[index] ?? []) {
        const id = `${alert.dedupeKey}\u0000${destination.channel}`;
        // The same event twice in one batch: the first copy carries it.
        if (seen.has(id)) {
          rt.stats.deduplicated += 1;
          continue;
        }
        seen.add(id);
        items.push({
          recordId: outcome.envelope.recordId,
          alert,
          destination,
          message,
          key: { key: alert.dedupeKey, channel: destination.channel },
          earlier: [],
        });
      }
    }
    return items;
  }

  /**
   * One channel's share of the batch. In a storm: changes of alarms with an open thread reply in
   * it (one reply per digest); changes waiting for an earlier one wait; the rest go into the
   * channel's digest. Otherwise one by one.
   */
  private async channel(channel: string, group: Item[]): Promise<void> {
    const recent = await this.storms.recentCount(channel, group);
    if (!this.storms.storming(group, recent)) return this.singles.oneByOne(group);

    const fresh: Item[] = [];
    const underAlert: Item[] = [];
    const underDigest = new Map<string, { record: ThreadRecord; items: Item[] }>();
    for (const item of inThreadOrder(group)) {
      const { step, record } = this.run.threads.stepOf(item);
      if (step === 'wait')
        this.run.ledger.wait(item, `the change before this ${item.alert.thread?.state} is not shown yet`);
      else if ((step === 'reply' || step === 'stale') && record?.kind === 'digest') {
        const group = underDigest.get(record.ts) ?? { record, items: [] };
        group.items.push(item);
        underDigest.set(record.ts, group);
      } else if (step === 'reply' || step === 'stale' || step === 'replace' || step === 'skip')
        underAlert.push(item);
      else fresh.push(item);
    }
    // Small batches join the channel's open digest instead of each posting one.
    if (fresh.length > 0 && !(await this.storms.join(channel, fresh))) {
      if (fresh.length > 1) await this.storms.post(channel, fresh, recent);
      else await this.singles.oneByOne(fresh);
    }
    for (const { items } of underDigest.values()) await this.digestReplies.reply(channel, items);
    if (underAlert.length > 0) await this.singles.oneByOne(underAlert);
  }
}

/**
 * Delivers the outcomes of one batch.
 *
 * @example
 * ```ts
 * const report = await deliver(processInput(event, { config, now }), { config, store, runtime, token, leaseUntil });
 * return { batchItemFailures: report.failedRecordIds.map((itemIdentifier) => ({ itemIdentifier })) };
 * ```
 */
export function deliver(outcomes: readonly Outcome[], options: DeliverOptions): Promise<DeliveryReport> {
  return new Run(options).deliver(outcomes);
}
