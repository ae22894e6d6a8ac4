/**
 * The thread decisions, kept pure: where an alarm's state change goes given what the table
 * says about its thread, in which order a batch's changes are posted, and how a digest
 * changes the threads of the alarms it names.
 */
import type { Alert, ThreadInfo } from '../alerts/alert.js';
import type { ThreadRecord } from './store.js';

/**
 * How long an OK waits for its ALARM. SQS does not keep order, so after an outage an OK can
 * arrive before the ALARM it ends; it goes back to the queue until the ALARM has been posted,
 * for at most this long after the state change (then it is posted on its own). Shorter than
 * the queue's maxReceiveCount × visibility timeout (5 × 185 s), so waiting never sends it to
 * the DLQ.
 */
export const ORDER_WAIT_MS = 10 * 60_000;

/**
 * - `wait`: the ALARM this change ends has not been posted yet; retry later.
 * - `reply`: into the open thread (and update its parent), or, when `stale`, a late older
 *   change that goes into the thread without changing it.
 * - `parent`: a new thread starts with this message.
 * - `standalone`: an OK with no open thread.
 * - `replace`: a repeat of something shown in place (`onRepeat: 'update'`): edit the parent.
 * - `skip`: an older repeat of something shown in place: the parent already shows later news.
 */
export type ThreadStep = 'wait' | 'reply' | 'stale' | 'parent' | 'standalone' | 'replace' | 'skip';

const before = (a: string, b: string) => Date.parse(a) < Date.parse(b);

/**
 * @example
 * ```ts
 * threadStep(alert.thread, record, Date.now()); // 'reply' for an OK after a recorded ALARM
 * ```
 */
export function threadStep(thread: ThreadInfo, record: ThreadRecord | undefined, now: number): ThreadStep {
  const mayWait = now - Date.parse(thread.since) < ORDER_WAIT_MS;
  if (!record) {
    const waiting = thread.state !== 'ALARM' && thread.previousState === 'ALARM';
    if (waiting && mayWait) return 'wait';
    return thread.state === 'OK' ? 'standalone' : 'parent';
  }
  const inPlace = thread.onRepeat === 'update' && record.kind === 'alert' && record.parent !== undefined;
  if (before(thread.since, record.since)) return inPlace ? 'skip' : 'stale';
  if (inPlace && record.state !== 'OK') return 'replace';
  // The change this one follows (an OK or ALARM) is newer than what the channel shows and has
  // not been posted yet (another invocation or a redelivery holds it): it goes first.
  const previous = thread.previousState;
  const missed = (previous === 'OK' || previous === 'ALARM') && previous !== record.state;
  if (missed && mayWait && before(record.since, thread.since)) return 'wait';
  if (record.state !== 'OK') return 'reply';
  return thread.state === 'OK' ? 'standalone' : 'parent';
}

/** The threads a change leaving ALARM should go to: the open ones its ALARM started. */
export function openThreadsFor(thread: ThreadInfo, records: readonly ThreadRecord[]): ThreadRecord[] {
  if (thread.state === 'ALARM') return [];
  return records.filter((r) => r.state !== 'OK' && !before(thread.since, r.since));
}

/**
 * Within each alarm, state changes in the order they happened (SQS batches are unordered);
 * everything else keeps its place.
 *
 * @example
 * ```ts
 * inThreadOrder([{ alert: ok }, { alert: alarm }]); // alarm first, then ok
 * ```
 */
export function inThreadOrder<T extends { alert: Alert }>(group: readonly T[]): T[] {
  const out = [...group];
  const byThread = new Map<string, number[]>();
  out.forEach((item, i) => {
    const key = item.alert.thread?.key;
    if (key) byThread.set(key, [...(byThread.get(key) ?? []), i]);
  });
  for (const positions of byThread.values()) {
    const sorted = positions
      .map((i) => out[i] as T)
      .sort((a, b) => Date.parse(a.alert.thread?.since ?? '') - Date.parse(b.alert.thread?.since ?? '') || 0);
    positions.forEach((p, k) => {
      out[p] = sorted[k] as T;
    });
  }
  return out;
}

const recordId = (threadKey: string, channel: string) => `${threadKey}\u0000${channel}`;

/**
 * The thread records to write after a digest (Slack `channelId`/`ts`) named these alarm
 * changes: an alarm without an open thread gets the digest as its parent, an open thread keeps
 * its parent and learns the new state, and a late older change changes nothing.
 */
export function threadsAfterDigest(
  changes: ReadonlyArray<{ thread: ThreadInfo; channel: string }>,
  current: readonly ThreadRecord[],
  digest: { channelId: string; ts: string },
): ThreadRecord[] {
  const known = new Map(current.map((r) => [recordId(r.threadKey, r.channel), r]));
  const changed = new Map<string, ThreadRecord>();
  for (const { thread, channel } of changes) {
    const key = recordId(thread.key, channel);
    const record = known.get(key);
    let next: ThreadRecord | undefined;
    if (record && before(thread.since, record.since)) continue;
    if (record && (record.state !== 'OK' || thread.state === 'OK')) {
      next = { ...record, state: thread.state, since: thread.since };
    } else if (thread.state !== 'OK') {
      next = {
        threadKey: thread.key,
        channel,
        channelId: digest.channelId,
        ts: digest.ts,
        state: thread.state,
        since: thread.since,
        openedAt: thread.since,
        kind: 'digest',
      };
    }
    if (next) {
      known.set(key, next);
      changed.set(key, next);
    }
  }
  return [...changed.values()];
}

/** The changes an item stands for, oldest first (one, or several merged). */
export interface Pending<T> {
  readonly latest: T;
  /** Earlier pending changes of the same alarm in the same channel, oldest first. */
  readonly earlier: readonly T[];
}

/**
 * Several pending changes of one alarm for one channel (an ALARM and its OK both waiting after
 * an outage, say) become one: the latest change, standing for the earlier ones, so the channel
 * shows the alarm once in its latest state with its story. Other items, and lifecycles whose
 * every message carries news (`words`, `onRepeat`), pass through alone.
 *
 * @example
 * ```ts
 * pendingByAlarm([alarm, ok], (i) => i.channel); // [{ latest: ok, earlier: [alarm] }]
 * ```
 */
export function pendingByAlarm<T extends { alert: Alert }>(
  items: readonly T[],
  channelOf: (item: T) => string,
): Pending<T>[] {
  const out: Pending<T>[] = [];
  const byThread = new Map<string, T[]>();
  for (const item of inThreadOrder(items)) {
    const thread = item.alert.thread;
    const key = thread?.key;
    // Only plain state changes (alarms, DLQ alarms) merge: a lifecycle with its own words
    // (a Health event's updates, a Config rule) or shown in place carries news in each message.
    if (!key || thread?.words || thread?.onRepeat) {
      out.push({ latest: item, earlier: [] });
      continue;
    }
    const id = recordId(key, channelOf(item));
    const list = byThread.get(id);
    if (list) list.push(item);
    else {
      const fresh = [item];
      byThread.set(id, fresh);
      // Placeholder at the first change's position, filled below.
      out.push({ latest: item, earlier: fresh });
    }
  }
  return out.map((p) => {
    if (p.earlier.length === 0) return p;
    const all = p.earlier;
    return { latest: all[all.length - 1] as T, earlier: all.slice(0, -1) };
  });
}

/**
 * The thread facts of a merged change: its latest state and time, and what came before its
 * first change (so an OK merged with its ALARM does not wait for that ALARM).
 */
export function mergedThread(latest: ThreadInfo, first: ThreadInfo): ThreadInfo {
  const { previousState: _latestPrevious, ...rest } = latest;
  return { ...rest, ...(first.previousState ? { previousState: first.previousState } : {}) };
}
