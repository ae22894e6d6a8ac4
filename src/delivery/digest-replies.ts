/**
 * State changes of alarms a storm digest named: one reply in the digest's thread for all of
 * this batch's changes, then the digest's lines are rewritten to the latest state with the
 * story (versioned, like every digest write), so the channel no longer shows those alarms as
 * they were.
 */

import { digestEntry, renderDigestReply } from '../slack/storm-digest.js';
import { carryOn } from './carry-on.js';
import { changesOf, covered, type Item } from './item.js';
import { send } from './paced-send.js';
import type { RunContext } from './run-context.js';
import type { OpenDigest } from './store.js';
import type { StormDigests } from './storm-digests.js';

/** Attempts at a versioned rewrite of a digest's lines before leaving them as they are. */
const ROUNDS = 3;

/**
 * @example
 * ```ts
 * const replies = new DigestReplies(run, storms);
 * if (!(await replies.reply('#aws-alerts', items))) blocked.add(threadKey);
 * ```
 */
export class DigestReplies {
  constructor(
    private readonly run: RunContext,
    private readonly storms: StormDigests,
  ) {}

  /** Replies under the digest the items' alarms thread under. False when it did not go out. */
  async reply(channel: string, items: readonly Item[]): Promise<boolean> {
    const { rt, config, claims, threads, ledger } = this.run;
    const record = threads.recordOf(items[0] as Item);
    if (!record) return false;
    const reply = renderDigestReply(
      items.map((i) => this.storms.entryOf(i)),
      record,
    );
    try {
      await send(rt, reply, {
        channel,
        defaultChannel: config.slack.defaultChannel,
        minimal: () => ({ ...reply, blocks: [] }),
      });
    } catch (error) {
      ledger.fail(items, error);
      return false;
    }
    rt.stats.digestReplies += 1;
    rt.stats.alertsPosted += covered(items).length;
    claims.posted(items);
    for (const item of items) {
      const thread = item.alert.thread;
      const own = threads.recordOf(item);
      if (thread && own && threads.stepOf(item).step === 'reply')
        await threads.save({ ...own, state: thread.state, since: thread.since });
    }
    await claims.markDone(items);
    await this.revise(channel, record.ts, items);
    return true;
  }

  /** Rewrites the lines of the digest `ts` to the latest state of `items`. */
  private async revise(channel: string, ts: string, items: readonly Item[]): Promise<void> {
    const { store, rt, threads } = this.run;
    const byAlarm = new Map(
      items.flatMap((i) => {
        const record = threads.recordOf(i);
        return i.alert.thread && record ? [[i.alert.thread.key, { item: i, record }] as const] : [];
      }),
    );
    // The replies are out; a digest line that still shows the older state is cosmetic.
    await carryOn(
      rt,
      { message: 'could not rewrite the digest lines', level: 'warn', fields: { channel } },
      async () => {
        for (let round = 0; round < ROUNDS; round++) {
          const digest = await store.getDigest(channel, ts);
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
          if (await store.putOpenDigest(next, digest.version, rt.clock.now())) {
            await this.storms.show(channel, next);
            return;
          }
        }
      },
      undefined,
    );
  }
}
