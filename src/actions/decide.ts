/**
 * The decisions behind each button, pure: given who pressed it, what is recorded for the
 * thread and the config, what happens and what the presser is told. The Bolt listeners
 * (src/slack/actions/) carry them out; conditional writes in the store settle races.
 */
import type { Config } from '../core/config.js';
import { type AccessDecision, adminOnly, isAdmin } from '../slack/requester-access.js';
import type { ActionRef } from './ref.js';
import {
  type Acknowledgement,
  clockTime,
  SNOOZE_LABELS,
  type Snooze,
  type SnoozeChoice,
  userMention,
} from './state.js';

const FILE = 'cloudbell.config.yml';

/** The private answer to a second Acknowledge: who already has it. */
export function alreadyAcknowledged(ack: Acknowledgement, userId: string, now: number): string {
  const who = ack.by === userId ? 'You' : userMention(ack.by);
  return `👀 ${who} already acknowledged this at ${clockTime(ack.at, now)}.`;
}

/** Anyone may withdraw their own acknowledgement; someone else's takes an admin. */
export function mayUnacknowledge(
  ack: Acknowledgement,
  userId: string,
  access: Config['access'],
): AccessDecision {
  if (ack.by === userId || isAdmin(access, userId)) return { allowed: true };
  return adminOnly(`withdraw an acknowledgement someone else made (${userMention(ack.by)})`, userId);
}

/** Whether this alert may be snoozed this way. */
export function maySnooze(
  ref: ActionRef,
  choice: SnoozeChoice,
  config: Pick<Config, 'actions'>,
): AccessDecision {
  if (ref.s === 'critical' && !config.actions.snoozeCritical)
    return {
      allowed: false,
      reason: `Critical alerts may not be snoozed here: \`actions.snoozeCritical\` is false in ${FILE}.`,
    };
  if (choice === 'ok' && ref.f === 'security')
    return { allowed: false, reason: 'A security event never returns to OK: choose 1, 4 or 24 hours.' };
  return { allowed: true };
}

/** The private answer to a snooze while one is running. */
export function alreadySnoozed(snooze: Snooze, userId: string, now: number): string {
  const who = snooze.by === userId ? 'You' : userMention(snooze.by);
  const until = snooze.until === null ? 'until it is OK' : `until ${clockTime(snooze.until, now)}`;
  return `🔕 ${who} already snoozed this ${until}.`;
}

/** Anyone may lift their own snooze; someone else's takes an admin. */
export function mayUnsnooze(snooze: Snooze, userId: string, access: Config['access']): AccessDecision {
  if (snooze.by === userId || isAdmin(access, userId)) return { allowed: true };
  return adminOnly(`lift a snooze someone else set (${userMention(snooze.by)})`, userId);
}

/** A security event's rule and principal, as plain text for a note (escaped by the caller). */
export function ruleLabel(ref: ActionRef): string {
  return `${ref.r ?? 'this rule'} for ${ref.p ?? 'this principal'}`;
}

/** The thread records, one line each: who, what, when. */
export const ThreadNote = {
  acknowledged: (userId: string, at: number) =>
    `👀 ${userMention(userId)} acknowledged this at ${clockTime(at, at)}.`,
  unacknowledged: (userId: string, previous: Acknowledgement, at: number) =>
    `↩️ ${userMention(userId)} withdrew the acknowledgement${previous.by === userId ? '' : ` by ${userMention(previous.by)}`} at ${clockTime(at, at)}.`,
  snoozed: (userId: string, choice: SnoozeChoice, until: number | null, at: number) =>
    `🔕 ${userMention(userId)} snoozed this ${choice === 'ok' ? 'until it is OK' : `for ${SNOOZE_LABELS[choice]} (until ${clockTime(until ?? at, at)})`} at ${clockTime(at, at)}: later changes are posted here without notifying the channel.`,
  unsnoozed: (userId: string, previous: Snooze, at: number) =>
    `🔔 ${userMention(userId)} lifted the snooze${previous.by === userId ? '' : ` set by ${userMention(previous.by)}`} at ${clockTime(at, at)}.`,
} as const;
