/**
 * Storms: a channel receiving more than `storm.threshold` alerts within `storm.windowSeconds`
 * gets digests instead of one message per alert. The window is counted on the table across
 * invocations; a batch joins the channel's open digest while it is young and has room (the
 * lines are written first, conditional on the digest's version, so concurrent batches never
 * drop each other's lines, then the message is edited), and posts a new digest otherwise.
 * The alarms a digest names thread under it, so their next state change is findable.
 */

import {
  DIGEST_LINES_PER_MESSAGE,
  type DigestEntry,
  digestEntry,
  minimalDigest,
  renderDigest,
} from '../slack/storm-digest.js';
import { carryOn } from './carry-on.js';
import { changesOf, covered, type Item } from './item.js';
import { send, updateOrPlain } from './paced-send.js';
import type { RunContext } from './run-context.js';
import type { OpenDigest } from './store.js';
import { inThreadOrder, mergedThread, threadsAfterDigest } from './thread-plan.js';

/** Attempts at a versioned write of a digest's lines before giving up to concurrent writers. */
const ROUNDS = 3;

/**
 * @example
 * ```ts
 * const storms = new StormDigests(run);
 * const recent = await storms.recentCount(channel, group);
 * if (storms.storming(group, recent) && !(await storms.join(channel, group))) await storms.post(channel, group, recent);
 * ```
 */
export class StormDigests {
  constructor(private readonly run: RunContext) {}

  /** The alerts of the channel's storm window with this group added; this group alone when unreadable. */
  recentCount(channel: string, group: readonly Item[]): Promise<number> {
    const { store, rt, config, token } = this.run;
    const count = covered(group).length;
    return carryOn(
      rt,
      { message: 'could not count the storm window; using this batch alone' },
      () => store.countInWindow(channel, count, rt.clock.now(), config.storm.windowSeconds, token),
      count,
    );
  }

  /** More alerts than the threshold, in this group or in the window. */
  storming(group: readonly Item[], recent: number): boolean {
    const { threshold } = this.run.config.storm;
    return covered(group).length > threshold || recent > threshold;
  }

  /** How many alerts one growing digest message may list. */
  private get capacity(): number {
    return Math.min(DIGEST_LINES_PER_MESSAGE, this.run.config.storm.hardCap);
  }

  /** Evidence is switched on, and alerts in a digest get none: the digest says so. */
  private get evidenceOn(): boolean {
    const { evidence } = this.run.config;
    return evidence !== undefined && (evidence.graphs || evidence.logs);
  }

  /** The digest line of an item, with the story of the changes it stands for. */
  entryOf(item: Item): DigestEntry {
    return digestEntry({ ...item.alert, changes: changesOf(item) });
  }

  /**
   * Adds the group to the channel's open digest when it is younger than the storm window and
   * has room. Returns false when there is no such digest and the caller should post one.
   */
  async join(channel: string, group: readonly Item[]): Promise<boolean> {
    const { store, rt, config, claims, ledger } = this.run;
    const windowMs = config.storm.windowSeconds * 1000;
    const added = group.map((i) => this.entryOf(i));
    let current = await carryOn(
      rt,
      { message: 'could not read the open digest' },
      () => store.getOpenDigest(channel),
      undefined,
    );
    let written: OpenDigest | undefined;
    for (let round = 0; current && !written && round < ROUNDS; round++) {
      const known = new Set(current.entries.map((e) => e.dedupeKey));
      const entries = [...current.entries, ...added.filter((e) => !known.has(e.dedupeKey))];
      const fresh = rt.clock.now() - current.openedAt < windowMs;
      if (!fresh || entries.length > this.capacity) return false;
      const next: OpenDigest = { ...current, entries, version: current.version + 1 };
      const base: OpenDigest = current;
      const wrote = await carryOn(
        rt,
        { message: 'could not add to the open digest' },
        async () => {
          if (await store.putOpenDigest(next, base.version, rt.clock.now())) written = next;
          else current = await store.getDigest(channel, base.ts);
          return true;
        },
        false,
      );
      if (!wrote) return false;
    }
    if (!written) return false;
    try {
      await this.show(channel, written);
    } catch (error) {
      ledger.fail(group, error);
      return true;
    }
    this.delivered(channel, group, written.ts);
    await claims.markDone(group);
    await this.threadUnder(group, written.channelId, written.ts);
    return true;
  }

  /**
   * Edits a digest to show `digest`, then again while a concurrent writer has changed its
   * lines since: whichever edit lands last, the message ends up with every line.
   */
  async show(channel: string, digest: OpenDigest): Promise<void> {
    const { store, rt, config } = this.run;
    let shown = digest;
    for (let round = 0; round < ROUNDS; round++) {
      const [part] = renderDigest({
        channel,
        mentions: shown.mentions,
        alerts: shown.entries,
        hardCap: Math.max(this.capacity, shown.entries.length),
        threshold: config.storm.threshold,
        windowSeconds: config.storm.windowSeconds,
        evidenceSkipped: this.evidenceOn,
      });
      if (!part) return;
      const update = {
        channel: shown.channelId,
        ts: shown.ts,
        text: part.message.text,
        blocks: part.message.blocks,
      };
      await updateOrPlain(rt, update, channel, minimalDigest(part).text);
      rt.stats.digestUpdates += 1;
      let latest: OpenDigest | undefined;
      try {
        latest = await store.getDigest(channel, shown.ts);
      } catch {
        return;
      }
      if (!latest || latest.version <= shown.version) return;
      shown = latest;
    }
  }

  /** Posts the group as a new digest (several messages when it names more than one can hold). */
  async post(channel: string, group: readonly Item[], recent: number): Promise<void> {
    const { store, rt, config, claims, ledger } = this.run;
    const { storm, slack } = config;
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
    rt.log.info('storm: posting a digest', {
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
        const sent = await send(rt, part.message, {
          channel,
          defaultChannel: slack.defaultChannel,
          minimal: () => minimalDigest(part),
        });
        rt.stats.digests += 1;
        this.delivered(channel, named, sent.ts);
        await claims.markDone(named);
        // Every digest keeps its lines (so a later change can rewrite them); the last part
        // stays open for the storm's next batches, unless it already counts alerts past the cap
        // or had to go to another channel.
        const complete = named.length === part.named.length;
        const digest: OpenDigest = {
          channel,
          channelId: sent.channel,
          ts: sent.ts,
          openedAt: rt.clock.now(),
          version: 1,
          mentions,
          entries: part.named.map(digestEntry),
        };
        const room = complete && part.named.length < this.capacity;
        if (complete && sent.message.channel === part.message.channel) {
          const kept = last && room ? digest : { ...digest, openedAt: 0 };
          await carryOn(
            rt,
            { message: 'could not keep the digest' },
            () => store.putOpenDigest(kept, undefined, rt.clock.now()),
            false,
          );
        }
        await this.threadUnder(named, sent.channel, sent.ts);
      } catch (error) {
        ledger.fail(named, error);
      }
    }
  }

  /** Counts, marks and logs (one line each, for those past the hard cap too) the alerts of a digest. */
  private delivered(channel: string, items: readonly Item[], ts: string): void {
    const { rt, claims } = this.run;
    rt.stats.digested += covered(items).length;
    claims.posted(items);
    for (const item of covered(items)) {
      rt.log.info('alert in digest', {
        channel,
        ts,
        dedupeKey: item.key.key,
        family: item.alert.family,
        severity: item.alert.severity,
        alert: item.alert.fallback,
      });
    }
  }

  /** Alarms named in a digest thread under it, so their next state change is findable. */
  private async threadUnder(items: readonly Item[], channelId: string, ts: string): Promise<void> {
    const { store, rt, claims, threads } = this.run;
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
      const record = threads.recordOf(i);
      return record ? [record] : [];
    });
    const next = threadsAfterDigest(changes, known, { channelId, ts });
    threads.hold(next);
    if (items.every((i) => claims.isUnguarded(i))) return;
    await carryOn(
      rt,
      { message: 'could not record alarm threads for a digest' },
      () => store.putThreads(next, rt.clock.now()),
      undefined,
    );
  }
}
