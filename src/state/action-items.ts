/**
 * The action items' layout as plain values, shared by the SDK v3 action store (slack Lambda,
 * worker) and the reader notify uses (notify-thread-actions.ts), so both read and write the very same items.
 * See action-store.ts for the table of keys.
 */
import type {
  Acknowledgement,
  RuleActions,
  RuleKey,
  Snooze,
  ThreadActions,
  ThreadId,
} from '../actions/state.js';

export type PlainItem = Record<string, unknown>;

/** Everything one thread's actions share. */
export const actionPk = (t: ThreadId): string => `act#${t.channelId}#${t.ts}`;
export const REMIND_PK = 'remind#due';
export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

/** A reminder waiting for its time: step `step` of the escalation of one thread. */
export interface Reminder {
  readonly thread: ThreadId;
  /** The alarm ARN and configured channel of the thread record, to see whether it is still open. */
  readonly threadKey: string;
  readonly channel: string;
  /** Index into `escalation.steps`. */
  readonly step: number;
  /** Epoch ms the thread was opened (steps count from here). */
  readonly openedAt: number;
  /** Epoch ms the reminder is due. */
  readonly dueAt: number;
  /** The parent's one-line text, for a reminder posted in another channel. */
  readonly title: string;
  /** A critical/high security finding: no alarm thread, never OK; only an acknowledgement ends it. */
  readonly finding?: boolean;
}

/** Due reminders sort by time: 15 digits of epoch ms, then the thread. */
export const dueSk = (r: Pick<Reminder, 'dueAt' | 'thread'>): string =>
  `${String(Math.max(0, Math.floor(r.dueAt))).padStart(15, '0')}#${r.thread.channelId}#${r.thread.ts}`;

/** The acknowledgement and snooze in a thread's items (a Query on its pk). */
export function parseThreadActions(items: readonly PlainItem[]): ThreadActions {
  let ack: Acknowledgement | undefined;
  let snooze: Snooze | undefined;
  for (const item of items) {
    if (typeof item.by !== 'string' || typeof item.at !== 'number') continue;
    if (item.sk === 'ack') ack = { by: item.by, at: item.at };
    if (item.sk === 'snooze')
      snooze = { by: item.by, at: item.at, until: typeof item.until === 'number' ? item.until : null };
  }
  return { ...(ack ? { ack } : {}), ...(snooze ? { snooze } : {}) };
}

export function reminderItem(r: Reminder): PlainItem {
  return {
    pk: REMIND_PK,
    sk: dueSk(r),
    channelId: r.thread.channelId,
    ts: r.thread.ts,
    threadKey: r.threadKey,
    channel: r.channel,
    step: r.step,
    openedAt: r.openedAt,
    dueAt: r.dueAt,
    title: r.title,
    ...(r.finding ? { finding: 1 } : {}),
    // Kept a day past due: a sweep outage longer than that drops stale reminders.
    expiresAt: epochSeconds(r.dueAt + 86_400_000),
  };
}

export function parseReminder(item: PlainItem): Reminder | undefined {
  if (typeof item.channelId !== 'string' || typeof item.ts !== 'string' || typeof item.step !== 'number')
    return undefined;
  return {
    thread: { channelId: item.channelId, ts: item.ts },
    threadKey: String(item.threadKey ?? ''),
    channel: String(item.channel ?? ''),
    step: item.step,
    openedAt: Number(item.openedAt),
    dueAt: Number(item.dueAt),
    title: String(item.title ?? ''),
    ...(item.finding === 1 ? { finding: true } : {}),
  };
}

/** A security rule's mute and snooze for one principal. */
export const rulePk = (k: RuleKey): string => `rule#${k.catalogueId}#${k.principal}`;

/** The mute and snooze still running at `now`. */
export function parseRuleActions(items: readonly PlainItem[], now: number): RuleActions {
  let mute: RuleActions['mute'];
  let snooze: RuleActions['snooze'];
  for (const item of items) {
    if (typeof item.by !== 'string' || typeof item.at !== 'number' || typeof item.until !== 'number')
      continue;
    if (item.until <= now) continue;
    if (item.sk === 'mute') mute = { by: item.by, at: item.at, until: item.until };
    if (item.sk === 'snooze' && typeof item.channelId === 'string' && typeof item.ts === 'string')
      snooze = {
        by: item.by,
        at: item.at,
        until: item.until,
        thread: { channelId: item.channelId, ts: item.ts },
      };
  }
  return { ...(mute ? { mute } : {}), ...(snooze ? { snooze } : {}) };
}
