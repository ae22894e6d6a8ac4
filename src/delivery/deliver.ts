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
 * Collaborators: `Claims` (dedupe claims, done marks, releases, the unguarded items) and
 * `ThreadRecords` (the batch's alarm threads). Still longer than the ~300 lines a file should
 * have: the storm digests and thread replies are the next collaborators to move out.
 *
 * Exactly once: each (alert, channel) is claimed with a conditional write before it is
 * posted and marked done right after; a repeat finds it done, a crash leaves a claim whose
 * lease runs out so the redelivery posts it. What still fails is reported by record id so
 * the handler returns it in `batchItemFailures`.
 */

import { escalates } from '../actions/escalation.js';
import { isSnoozed, type ThreadActions } from '../actions/state.js';
import type { Alert } from '../alerts/alert.js';
import type { Config } from '../core/config.js';
import { CloudbellError } from '../core/errors.js';
import { mapLimit } from '../core/limit.js';
import { messageFor, type Outcome } from '../pipeline.js';
import { withActionStatus, withoutActions } from '../slack/action-blocks.js';
import type { SlackMessage } from '../slack/message.js';
import { renderMinimal } from '../slack/render.js';
import { Claims } from './claims.js';
import {
  DIGEST_LINES_PER_MESSAGE,
  type DigestEntry,
  digestEntry,
  digestLine,
  minimalDigest,
  renderDigest,
} from './digest.js';
import { covered, type Item } from './item.js';
import { type SentMessage, send, updatePaced } from './paced-send.js';
import { parentUpdate } from './parent-update.js';
import type { DeliveryRuntime } from './runtime.js';
import { PAYLOAD_REJECTED, SlackCallError } from './slack-port.js';
import type { DeliveryStore, OpenDigest, ThreadRecord } from './store.js';
import { type StateChange, storyLine, withStory } from './story.js';
import type { ThreadActionsPort } from './thread-actions.js';
import {
  inThreadOrder,
  mergedThread,
  openThreadsFor,
  pendingByAlarm,
  threadsAfterDigest,
} from './thread-plan.js';
import { ThreadRecords } from './thread-records.js';

export { ORDER_WAIT_MS } from './thread-plan.js';

export interface DeliverOptions {
  readonly config: Pick<Config, 'slack' | 'storm' | 'evidence'>;
  readonly store: DeliveryStore;
  readonly runtime: DeliveryRuntime;
  /** Unique per invocation: marks this invocation's claims. */
  readonly token: string;
  /** Epoch ms when this invocation's claims lapse (after the Lambda's own timeout). */
  readonly leaseUntil: number;
  /** Acknowledgements and snoozes (src/actions); without it nobody has acted. */
  readonly actions?: ThreadActionsPort;
}

export interface DeliveryReport {
  /** SQS message ids whose alerts did not all reach Slack: they go back to the queue. */
  readonly failedRecordIds: string[];
  /** Failed deliveries of envelopes that came without a record id (direct invocations). */
  readonly failedWithoutRecord: number;
}

/** The state changes an item shows, oldest first. */
function changesOf(item: Item): StateChange[] {
  return [...item.earlier, item].flatMap((i) =>
    i.alert.thread ? [{ state: i.alert.thread.state, since: i.alert.thread.since }] : [],
  );
}

const STATE_CONCURRENCY = 16;

/** `chat.update` errors that mean the message to edit no longer exists or is not ours. */
const GONE: ReadonlySet<string> = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

/** The alarm's earlier state change has not been posted yet: try again later. */
class NotYet extends CloudbellError {}

class Run {
  private readonly failed = new Set<Item>();
  private readonly deferred = new Set<Item>();
  private readonly waiting = new Set<Item>();
  private readonly claims: Claims;
  private readonly threads: ThreadRecords;

  constructor(private readonly o: DeliverOptions) {
    this.claims = new Claims(o);
    this.threads = new ThreadRecords(o.store, o.runtime, this.claims);
  }

  private get rt(): DeliveryRuntime {
    return this.o.runtime;
  }

  private fail(items: readonly Item[], error: unknown): void {
    const all = covered(items);
    for (const item of all) this.failed.add(item);
    this.rt.stats.failed += all.length;
    this.rt.log.error('delivery failed; the record goes back to the queue', {
      channel: items[0]?.destination.channel,
      alerts: all.length,
      dedupeKeys: all.slice(0, 10).map((i) => i.key.key),
      error: (error as Error)?.message ?? String(error),
      code: (error as { code?: string })?.code,
    });
  }

  private wait(item: Item, reason: string): void {
    for (const i of covered([item])) this.waiting.add(i);
    this.rt.stats.deferred += 1 + item.earlier.length;
    this.rt.log.info('alert waits for an earlier state change', { reason, dedupeKey: item.key.key });
  }

  /** What people did on a thread; unreadable means "nothing": better a notification too many. */
  private async actionsOn(record: ThreadRecord): Promise<ThreadActions | undefined> {
    try {
      return await this.o.actions?.statusOf({ channelId: record.channelId, ts: record.ts });
    } catch (error) {
      this.rt.log.error('could not read the thread actions; posting as if nobody acted', {
        error: (error as Error).message,
      });
      return undefined;
    }
  }

  async run(outcomes: readonly Outcome[]): Promise<DeliveryReport> {
    const items: Item[] = [];
    const seen = new Set<string>();
    const posted = outcomes.filter((o) => o.alert && o.deliveries.length > 0);
    const resolved = await mapLimit(posted, STATE_CONCURRENCY, (o) => this.destinations(o));
    for (const [index, outcome] of posted.entries()) {
      const alert = outcome.alert;
      if (!alert) continue;
      for (const { destination, message } of resolved[index] ?? []) {
        const id = `${alert.dedupeKey}\u0000${destination.channel}`;
        // The same event twice in one batch: the first copy carries it.
        if (seen.has(id)) {
          this.rt.stats.deduplicated += 1;
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

    const claims = await mapLimit(items, STATE_CONCURRENCY, (item) => this.claims.claim(item));
    const claimed: Item[] = [];
    items.forEach((item, i) => {
      if (claims[i] === 'done') this.rt.stats.deduplicated += 1;
      else if (claims[i] === 'busy') {
        this.deferred.add(item);
        this.rt.stats.deferred += 1;
      } else claimed.push(item);
    });

    // Changes of one alarm pending together are shown once, latest state first, with their story.
    const pending = pendingByAlarm(claimed, (i) => i.destination.channel).map(({ latest, earlier }) => {
      if (earlier.length === 0) return latest;
      const item: Item = { ...latest, earlier };
      return { ...item, message: withStory(latest.message, storyLine(changesOf(item))) };
    });
    await this.threads.load(pending);

    const byChannel = new Map<string, Item[]>();
    for (const item of pending) {
      const list = byChannel.get(item.destination.channel) ?? [];
      list.push(item);
      byChannel.set(item.destination.channel, list);
    }
    // Channels are paced independently, so they are served side by side.
    await Promise.all([...byChannel].map(([channel, group]) => this.channel(channel, group)));

    await this.claims.release([...this.failed, ...this.waiting]);
    const failedRecordIds = new Set<string>();
    let failedWithoutRecord = 0;
    for (const item of [...this.failed, ...this.deferred, ...this.waiting]) {
      if (item.recordId !== undefined) failedRecordIds.add(item.recordId);
      else failedWithoutRecord += 1;
    }
    return { failedRecordIds: [...failedRecordIds], failedWithoutRecord };
  }

  /**
   * Where an alert goes. An alarm leaving ALARM goes to the threads its ALARM opened, even
   * when routing (by severity, say) would send the OK elsewhere: the story stays in one thread.
   */
  private async destinations(outcome: Outcome): Promise<Outcome['deliveries']> {
    const thread = outcome.alert?.thread;
    const alert = outcome.alert;
    if (alert?.family === 'security') return this.securityDestinations(alert, outcome.deliveries);
    if (!alert || !thread || thread.state === 'ALARM') return outcome.deliveries;
    let records: ThreadRecord[];
    try {
      records = await this.o.store.threadsOf(thread.key);
    } catch (error) {
      this.rt.log.error('could not look up the alarm threads; following the routes', {
        error: (error as Error).message,
      });
      return outcome.deliveries;
    }
    const open = openThreadsFor(thread, records);
    if (open.length === 0) return outcome.deliveries;
    return open.map((record) => {
      const routed = outcome.deliveries.find((d) => d.destination.channel === record.channel);
      if (routed) return routed;
      const destination = { channel: record.channel, mentions: [] };
      return { destination, message: messageFor(alert, destination) };
    });
  }

  /**
   * A security rule muted for this principal is not posted; one snoozed goes, once and without
   * mentions, into the snoozed event's thread (src/actions). Unreadable: posted as routed.
   */
  private async securityDestinations(
    alert: Alert,
    routed: Outcome['deliveries'],
  ): Promise<Outcome['deliveries']> {
    const { catalogueId, principalArn } = alert.route;
    const first = routed[0];
    if (!this.o.actions || !catalogueId || !principalArn || !first) return routed;
    let status: Awaited<ReturnType<ThreadActionsPort['ruleStatus']>>;
    try {
      status = await this.o.actions.ruleStatus({ catalogueId, principal: principalArn }, this.rt.clock.now());
    } catch (error) {
      this.rt.log.error('could not read the rule mutes; posting as routed', {
        error: (error as Error).message,
      });
      return routed;
    }
    if (status.mute) {
      this.rt.log.info('not posted: rule muted for this principal', {
        catalogueId,
        mutedBy: status.mute.by,
        until: new Date(status.mute.until).toISOString(),
        dedupeKey: alert.dedupeKey,
      });
      return [];
    }
    if (!status.snooze) return routed;
    const quiet = withoutActions(messageFor(alert, { channel: first.destination.channel, mentions: [] }));
    const message: SlackMessage = {
      ...quiet,
      channel: status.snooze.thread.channelId,
      thread_ts: status.snooze.thread.ts,
    };
    return [{ destination: { ...first.destination, mentions: [] }, message }];
  }

  private async channel(channel: string, group: Item[]): Promise<void> {
    const { storm } = this.o.config;
    const count = covered(group).length;
    let recent = count;
    try {
      recent = await this.o.store.countInWindow(
        channel,
        count,
        this.rt.clock.now(),
        storm.windowSeconds,
        this.o.token,
      );
    } catch (error) {
      this.rt.log.error('could not count the storm window; using this batch alone', {
        error: (error as Error).message,
      });
    }
    const storming = count > storm.threshold || recent > storm.threshold;
    if (!storming) return this.oneByOne(group);

    // In a storm: changes of alarms with an open thread reply in it (one reply per digest);
    // changes waiting for an earlier one wait; the rest go into the channel's digest.
    const fresh: Item[] = [];
    const underAlert: Item[] = [];
    const underDigest = new Map<string, { record: ThreadRecord; items: Item[] }>();
    for (const item of inThreadOrder(group)) {
      const { step, record } = this.threads.stepOf(item);
      if (step === 'wait')
        this.wait(item, `the change before this ${item.alert.thread?.state} is not shown yet`);
      else if ((step === 'reply' || step === 'stale') && record?.kind === 'digest') {
        const group = underDigest.get(record.ts) ?? { record, items: [] };
        group.items.push(item);
        underDigest.set(record.ts, group);
      } else if (step === 'reply' || step === 'stale' || step === 'replace' || step === 'skip')
        underAlert.push(item);
      else fresh.push(item);
    }
    if (fresh.length > 0) {
      // Small batches join the channel's open digest instead of each posting one.
      if (!(await this.appendToDigest(channel, fresh))) {
        if (fresh.length > 1) await this.digest(channel, fresh, recent);
        else await this.oneByOne(fresh);
      }
    }
    for (const { items } of underDigest.values()) await this.replyUnderDigest(channel, items);
    if (underAlert.length > 0) await this.oneByOne(underAlert);
  }

  /** How many alerts one growing digest message may list. */
  private get digestCapacity(): number {
    return Math.min(DIGEST_LINES_PER_MESSAGE, this.o.config.storm.hardCap);
  }

  private async openDigest(channel: string): Promise<OpenDigest | undefined> {
    try {
      return await this.o.store.getOpenDigest(channel);
    } catch (error) {
      this.rt.log.error('could not read the open digest', { error: (error as Error).message });
      return undefined;
    }
  }

  private entryOf(item: Item): DigestEntry {
    return digestEntry({ ...item.alert, changes: changesOf(item) });
  }

  /**
   * Adds the group to the channel's open digest when it is younger than the storm window and
   * has room: the lines are written to the table first (conditional on the version, so
   * concurrent batches never drop each other's lines), then the message is edited. Returns
   * false when there is no such digest and the caller should post one.
   */
  private async appendToDigest(channel: string, group: readonly Item[]): Promise<boolean> {
    const windowMs = this.o.config.storm.windowSeconds * 1000;
    const added = group.map((i) => this.entryOf(i));
    let current = await this.openDigest(channel);
    let written: OpenDigest | undefined;
    for (let round = 0; current && !written && round < 3; round++) {
      const known = new Set(current.entries.map((e) => e.dedupeKey));
      const entries = [...current.entries, ...added.filter((e) => !known.has(e.dedupeKey))];
      const fresh = this.rt.clock.now() - current.openedAt < windowMs;
      if (!fresh || entries.length > this.digestCapacity) return false;
      const next: OpenDigest = { ...current, entries, version: current.version + 1 };
      try {
        if (await this.o.store.putOpenDigest(next, current.version, this.rt.clock.now())) written = next;
        else current = await this.o.store.getDigest(channel, current.ts);
      } catch (error) {
        this.rt.log.error('could not add to the open digest', { error: (error as Error).message });
        return false;
      }
    }
    if (!written) return false;
    try {
      await this.showDigest(channel, written);
    } catch (error) {
      this.fail(group, error);
      return true;
    }
    this.delivered(channel, group, written.ts);
    await this.claims.markDone(group);
    await this.digestThreads(group, written.channelId, written.ts);
    return true;
  }

  /**
   * Edits a digest to show `digest`, then again while a concurrent writer has changed its
   * lines since: whichever edit lands last, the message ends up with every line.
   */
  /** Evidence is switched on, and alerts in a digest get none: the digest says so. */
  private get evidenceOn(): boolean {
    const { evidence } = this.o.config;
    return evidence !== undefined && (evidence.graphs || evidence.logs);
  }

  private async showDigest(channel: string, digest: OpenDigest): Promise<void> {
    const { storm } = this.o.config;
    let shown = digest;
    for (let round = 0; round < 3; round++) {
      const [part] = renderDigest({
        channel,
        mentions: shown.mentions,
        alerts: shown.entries,
        hardCap: Math.max(this.digestCapacity, shown.entries.length),
        threshold: storm.threshold,
        windowSeconds: storm.windowSeconds,
        evidenceSkipped: this.evidenceOn,
      });
      if (!part) return;
      const update = { channel: shown.channelId, ts: shown.ts, text: part.message.text };
      try {
        await updatePaced(this.rt, { ...update, blocks: part.message.blocks }, channel);
      } catch (error) {
        if (!(error instanceof SlackCallError && PAYLOAD_REJECTED.has(error.code))) throw error;
        await updatePaced(this.rt, { ...update, text: minimalDigest(part).text, blocks: [] }, channel);
      }
      this.rt.stats.digestUpdates += 1;
      let latest: OpenDigest | undefined;
      try {
        latest = await this.o.store.getDigest(channel, shown.ts);
      } catch {
        return;
      }
      if (!latest || latest.version <= shown.version) return;
      shown = latest;
    }
  }

  /**
   * State changes of alarms a digest named: one reply in the digest's thread for all of this
   * batch's changes, then the digest's lines are rewritten to the latest state with the story,
   * so the channel no longer shows those alarms as they were.
   */
  private async replyUnderDigest(channel: string, items: readonly Item[]): Promise<boolean> {
    const record = this.threads.recordOf(items[0] as Item);
    if (!record) return false;
    const entries = items.map((i) => this.entryOf(i));
    const lines = entries.map(digestLine);
    const head = `State change${items.length === 1 ? '' : 's'} of alarm${items.length === 1 ? '' : 's'} listed above:`;
    const reply: SlackMessage = {
      channel: record.channelId,
      thread_ts: record.ts,
      text: `${head}\n${lines.join('\n')}`.slice(0, 39_000),
      blocks: [
        { type: 'context', elements: [{ type: 'mrkdwn', text: head }] },
        ...lines
          .slice(0, 45)
          .map((text) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } })),
      ],
      unfurl_links: false,
      unfurl_media: false,
    };
    try {
      await send(this.rt, reply, {
        channel,
        defaultChannel: this.o.config.slack.defaultChannel,
        minimal: () => ({ ...reply, blocks: [] }),
      });
    } catch (error) {
      this.fail(items, error);
      return false;
    }
    this.rt.stats.digestReplies += 1;
    this.rt.stats.alertsPosted += covered(items).length;
    this.claims.posted(items);
    for (const item of items) {
      const thread = item.alert.thread;
      const own = this.threads.recordOf(item);
      if (thread && own && this.threads.stepOf(item).step === 'reply')
        await this.threads.save({ ...own, state: thread.state, since: thread.since });
    }
    await this.claims.markDone(items);
    await this.reviseDigest(channel, record.ts, items);
    return true;
  }

  /** Rewrites the lines of the digest `ts` to the latest state of `items`. */
  private async reviseDigest(channel: string, ts: string, items: readonly Item[]): Promise<void> {
    const byAlarm = new Map(
      items.flatMap((i) => {
        const record = this.threads.recordOf(i);
        return i.alert.thread && record ? [[i.alert.thread.key, { item: i, record }] as const] : [];
      }),
    );
    try {
      for (let round = 0; round < 3; round++) {
        const digest = await this.o.store.getDigest(channel, ts);
        if (!digest) return;
        let changed = false;
        const entries = digest.entries.map((entry) => {
          const found = entry.threadKey ? byAlarm.get(entry.threadKey) : undefined;
          const thread = found?.item.alert.thread;
          if (!found || !thread) return entry;
          const { item, record } = found;
          const known = entry.changes ?? [{ state: entry.state ?? record.state, since: record.openedAt }];
          // A late, older change does not rewrite the line.
          const last = known[known.length - 1];
          if (last && Date.parse(thread.since) <= Date.parse(last.since)) return entry;
          changed = true;
          return digestEntry({ ...item.alert, changes: [...known, ...changesOf(item)] });
        });
        if (!changed) return;
        const next: OpenDigest = { ...digest, entries, version: digest.version + 1 };
        if (await this.o.store.putOpenDigest(next, digest.version, this.rt.clock.now())) {
          await this.showDigest(channel, next);
          return;
        }
      }
    } catch (error) {
      // The replies are out; a digest line that still shows the older state is cosmetic.
      this.rt.log.warn('could not rewrite the digest lines', { error: (error as Error).message, channel });
    }
  }

  private delivered(channel: string, items: readonly Item[], ts: string): void {
    this.rt.stats.digested += covered(items).length;
    this.claims.posted(items);
    for (const item of covered(items)) {
      this.rt.log.info('alert in digest', {
        channel,
        ts,
        dedupeKey: item.key.key,
        family: item.alert.family,
        severity: item.alert.severity,
        alert: item.alert.fallback,
      });
    }
  }

  private async oneByOne(group: readonly Item[]): Promise<void> {
    // After a failure, later changes of the same alarm wait too: they must not overtake it.
    const blocked = new Set<string>();
    for (const item of inThreadOrder(group)) {
      const threadKey = item.alert.thread?.key;
      if (threadKey && blocked.has(threadKey)) {
        this.wait(item, 'an earlier state change of this alarm is not posted yet');
        continue;
      }
      const { step, record } = this.threads.stepOf(item);
      if (record?.kind === 'digest' && (step === 'reply' || step === 'stale')) {
        if (!(await this.replyUnderDigest(item.destination.channel, [item])) && threadKey)
          blocked.add(threadKey);
        continue;
      }
      try {
        await this.single(item);
        this.rt.stats.alertsPosted += covered([item]).length;
        this.claims.posted([item]);
        await this.claims.markDone([item]);
      } catch (error) {
        if (threadKey) blocked.add(threadKey);
        if (error instanceof NotYet) this.wait(item, error.message);
        else this.fail([item], error);
      }
    }
  }

  private async single(item: Item): Promise<void> {
    const { alert, destination, message } = item;
    const { slack } = this.o.config;
    const options = {
      channel: destination.channel,
      defaultChannel: slack.defaultChannel,
      minimal: () => renderMinimal(alert, { channel: destination.channel, mentions: destination.mentions }),
    };
    const thread = alert.thread;
    if (!thread) {
      const sent = await send(this.rt, message, options);
      // A critical/high finding escalates like an ALARM until someone acknowledges it.
      if (escalates(alert) && !message.thread_ts)
        await this.escalate(alert.dedupeKey, destination.channel, sent, alert, true);
      return;
    }
    const { step, record } = this.threads.stepOf(item);
    if (step === 'wait') throw new NotYet(`the change before this ${thread.state} has not been posted yet`);
    if (step === 'skip') return;
    if (record && step === 'replace') {
      // The repeat keeps the parent's acknowledgement or snooze line (src/actions).
      const acted = await this.actionsOn(record);
      const shown = acted ? withActionStatus(message, acted, this.rt.clock.now()) : message;
      if (await this.replaceParent(record, shown, destination.channel)) {
        await this.threads.save({ ...record, state: thread.state, since: thread.since, parent: message });
        return;
      }
    }
    if (record && (step === 'reply' || step === 'stale')) {
      const stale = step === 'stale';
      // Snoozed: the change goes into the thread without mentions or a broadcast (src/actions).
      const acted = await this.actionsOn(record);
      const snoozed = isSnoozed(acted?.snooze, this.rt.clock.now());
      const body = snoozed ? messageFor(alert, { channel: destination.channel, mentions: [] }) : message;
      const reply: SlackMessage = {
        // People act on the parent: replies carry no action buttons.
        ...withoutActions(body),
        channel: record.channelId,
        thread_ts: record.ts,
        ...(slack.broadcastReplies && !stale && !snoozed ? { reply_broadcast: true } : {}),
      };
      this.afterPost(item, await send(this.rt, reply, options));
      if (stale) return;
      const plain = parentUpdate(record, thread.state, thread.since, thread.words);
      const update = plain && acted ? withActionStatus(plain, acted, this.rt.clock.now()) : plain;
      if (update) {
        try {
          await this.rt.slack.update(update);
        } catch (error) {
          // The reply is out; a stale parent is a cosmetic problem, not a lost alert.
          this.rt.stats.slackErrors += 1;
          this.rt.log.warn('could not update the thread parent', {
            error: (error as Error).message,
            channel: destination.channel,
          });
        }
      }
      await this.threads.save({ ...record, state: thread.state, since: thread.since });
      return;
    }
    const sent = await send(this.rt, message, options);
    this.afterPost(item, sent);
    // A new parent (a finding whose parent is gone included), or an OK shown on its own: either
    // way later (and late) changes thread under it.
    await this.threads.save({
      threadKey: thread.key,
      channel: destination.channel,
      channelId: sent.channel,
      ts: sent.ts,
      state: thread.state,
      since: thread.since,
      openedAt: (item.earlier[0]?.alert.thread ?? thread).since,
      kind: 'alert',
      parent: sent.message,
    });
    if ((step === 'parent' || step === 'replace') && escalates(alert, thread.state))
      await this.escalate(thread.key, destination.channel, sent, alert);
  }

  /** Starts the escalation of a new ALARM thread; a failure costs the reminders, not the alert. */
  private async escalate(
    threadKey: string,
    channel: string,
    sent: { channel: string; ts: string },
    alert: Alert,
    finding = false,
  ): Promise<void> {
    const since = alert.thread?.since ?? alert.time ?? new Date(this.rt.clock.now()).toISOString();
    const record: ThreadRecord = {
      threadKey,
      channel,
      channelId: sent.channel,
      ts: sent.ts,
      state: 'ALARM',
      since,
      openedAt: since,
      kind: 'alert',
    };
    try {
      await this.o.actions?.opened(record, alert.fallback, finding);
    } catch (error) {
      this.rt.log.error('could not schedule the escalation reminders', { error: (error as Error).message });
    }
  }

  /**
   * Edits a thread's parent to show `message` (a GuardDuty finding whose count grew). Returns
   * false when the parent is gone or cannot be edited, so the caller posts a new one instead.
   */
  private async replaceParent(
    record: ThreadRecord,
    message: SlackMessage,
    channel: string,
  ): Promise<boolean> {
    const update = { channel: record.channelId, ts: record.ts, text: message.text };
    try {
      try {
        await updatePaced(
          this.rt,
          {
            ...update,
            blocks: message.blocks,
            ...(message.attachments ? { attachments: message.attachments } : {}),
          },
          channel,
        );
      } catch (error) {
        if (!(error instanceof SlackCallError && PAYLOAD_REJECTED.has(error.code))) throw error;
        await updatePaced(this.rt, { ...update, blocks: [] }, channel);
      }
      return true;
    } catch (error) {
      if (error instanceof SlackCallError && GONE.has(error.code)) {
        this.rt.log.warn('the message to update is gone; posting a new one', { code: error.code, channel });
        return false;
      }
      throw error;
    }
  }

  /** The evidence seam: a hook that fails is logged, never allowed to fail the delivery. */
  private afterPost(item: Item, sent: SentMessage): void {
    if (!this.rt.onPosted || !item.alert.thread) return;
    try {
      this.rt.onPosted({
        alert: item.alert,
        channel: item.destination.channel,
        channelId: sent.channel,
        threadTs: sent.message.thread_ts ?? sent.ts,
      });
    } catch (error) {
      this.rt.log.error('the after-post hook failed', { error: (error as Error).message });
    }
  }

  private async digest(channel: string, group: readonly Item[], recent: number): Promise<void> {
    const { storm, slack } = this.o.config;
    const mentions = [...new Set(group.flatMap((i) => i.destination.mentions))];
    const parts = renderDigest({
      channel,
      mentions,
      alerts: group.map((i) => this.entryOf(i)),
      hardCap: storm.hardCap,
      threshold: storm.threshold,
      windowSeconds: storm.windowSeconds,
      evidenceSkipped: this.evidenceOn,
    });
    this.rt.log.info('storm: posting a digest', {
      channel,
      alerts: group.length,
      recentInWindow: recent,
      parts: parts.length,
    });
    let offset = 0;
    for (const [index, part] of parts.entries()) {
      const last = index === parts.length - 1;
      // The last part also stands for the alerts past the hard cap, which it counts.
      const named = group.slice(offset, last ? group.length : offset + part.named.length);
      offset += part.named.length;
      try {
        const sent = await send(this.rt, part.message, {
          channel,
          defaultChannel: slack.defaultChannel,
          minimal: () => minimalDigest(part),
        });
        this.rt.stats.digests += 1;
        this.delivered(channel, named, sent.ts);
        await this.claims.markDone(named);
        // Every digest keeps its lines (so a later change can rewrite them); the last part
        // stays open for the storm's next batches, unless it already counts alerts past the cap
        // or had to go to another channel.
        const complete = named.length === part.named.length;
        const digest: OpenDigest = {
          channel,
          channelId: sent.channel,
          ts: sent.ts,
          openedAt: this.rt.clock.now(),
          version: 1,
          mentions,
          entries: part.named.map(digestEntry),
        };
        const room = complete && part.named.length < this.digestCapacity;
        if (complete && sent.message.channel === part.message.channel) {
          await this.o.store
            .putOpenDigest(last && room ? digest : { ...digest, openedAt: 0 }, undefined, this.rt.clock.now())
            .catch((error: Error) => {
              this.rt.log.error('could not keep the digest', { error: error.message });
            });
        }
        await this.digestThreads(named, sent.channel, sent.ts);
      } catch (error) {
        this.fail(named, error);
      }
    }
  }

  /** Alarms named in a digest thread under it, so their next state change is findable. */
  private async digestThreads(items: readonly Item[], channelId: string, ts: string): Promise<void> {
    const changes = inThreadOrder(items).flatMap((i) =>
      i.alert.thread
        ? [
            {
              thread: mergedThread(i.alert.thread, i.earlier[0]?.alert.thread ?? i.alert.thread),
              channel: i.destination.channel,
            },
          ]
        : [],
    );
    if (changes.length === 0) return;
    const known = items.flatMap((i) => {
      const record = this.threads.recordOf(i);
      return record ? [record] : [];
    });
    const next = threadsAfterDigest(changes, known, { channelId, ts });
    this.threads.hold(next);
    if (items.every((i) => this.claims.isUnguarded(i))) return;
    try {
      await this.o.store.putThreads(next, this.rt.clock.now());
    } catch (error) {
      this.rt.log.error('could not record alarm threads for a digest', { error: (error as Error).message });
    }
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
  return new Run(options).run(outcomes);
}
