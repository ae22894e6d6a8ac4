/**
 * Escalation, pure: when an unacknowledged ALARM's reminders are due, and what each says.
 * Steps count from the moment the ALARM was posted: `[{after: 10m}, {after: 30m}]` reminds at
 * minute 10 and minute 30. A reminder fires only while the thread is still open (not OK, not
 * replaced by a newer thread) and nobody has acknowledged it; a snooze postpones it.
 */
import type { Alert } from '../alerts/alert.js';
import type { Config } from '../core/config.js';
import { parseDuration } from '../core/duration.js';
import { formatMention } from '../slack/render.js';
import { FINDING_FAMILIES } from './ref.js';
import { isSnoozed, type ThreadActions } from './state.js';

export type EscalationStep = Config['escalation']['steps'][number];

/**
 * What escalates: an ALARM of an alarm or a DLQ, and a critical or high finding or security
 * event. Other events (a failed deploy, a stopped task) are not chased with reminders.
 */
export function escalates(alert: Pick<Alert, 'family' | 'severity' | 'state'>, state?: string): boolean {
  if (alert.family === 'alarm' || alert.family === 'dlq') return (state ?? alert.state) === 'ALARM';
  const serious = alert.severity === 'critical' || alert.severity === 'high';
  return serious && (alert.family === 'security' || FINDING_FAMILIES.includes(alert.family));
}

/** Epoch ms step `index` is due for a thread opened at `openedAt`, or `undefined` past the last step. */
export function stepDueAt(
  steps: readonly EscalationStep[],
  index: number,
  openedAt: number,
): number | undefined {
  const step = steps[index];
  if (!step) return undefined;
  const seconds = parseDuration(step.after);
  return seconds === undefined ? undefined : openedAt + seconds * 1000;
}

/** What to do with a due reminder. */
export type ReminderVerdict =
  | { readonly kind: 'post' }
  /** The thread is acknowledged, back to OK, or was replaced: the escalation ends. */
  | { readonly kind: 'cancel'; readonly reason: string }
  /** Snoozed for a while: try this step again when the snooze ends. */
  | { readonly kind: 'postpone'; readonly until: number };

/**
 * @example
 * ```ts
 * reminderVerdict({ ts: '1.2', state: 'ALARM' }, '1.2', {}, now); // { kind: 'post' }
 * ```
 */
export function reminderVerdict(
  thread: { ts: string; state: string } | undefined,
  reminderTs: string,
  actions: ThreadActions,
  now: number,
): ReminderVerdict {
  if (!thread || thread.ts !== reminderTs) return { kind: 'cancel', reason: 'the thread was replaced' };
  if (thread.state === 'OK') return { kind: 'cancel', reason: 'back to OK' };
  if (actions.ack) return { kind: 'cancel', reason: 'acknowledged' };
  if (isSnoozed(actions.snooze, now)) {
    const until = actions.snooze?.until ?? null;
    return until === null ? { kind: 'cancel', reason: 'snoozed until OK' } : { kind: 'postpone', until };
  }
  return { kind: 'post' };
}

/** "⏰ <@U…> still not acknowledged after 10 min." — the reminder in the thread. */
export function reminderText(step: EscalationStep, openedAt: number, now: number): string {
  const minutes = Math.max(1, Math.round((now - openedAt) / 60_000));
  const age = minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
  const who = step.mention.map(formatMention).join(' ');
  return `⏰ ${who ? `${who} ` : ''}Still not acknowledged after ${age}: press 👀 Acknowledge on the alert if you are on it.`;
}
