/**
 * What people did to one alert thread: who acknowledged it and who snoozed it until when.
 * A thread is the parent message (Slack channel id + `ts`); replies never carry buttons.
 */

/** The parent message of an alert's thread in Slack. */
export interface ThreadId {
  readonly channelId: string;
  readonly ts: string;
}

export interface Acknowledgement {
  /** Slack user id. */
  readonly by: string;
  /** Epoch ms. */
  readonly at: number;
}

export interface Snooze {
  readonly by: string;
  readonly at: number;
  /** Epoch ms the snooze ends; `null` until the alarm returns to OK. */
  readonly until: number | null;
}

export interface ThreadActions {
  readonly ack?: Acknowledgement;
  readonly snooze?: Snooze;
}

/** The snooze choices on the buttons. */
export const SNOOZE_CHOICES = ['1h', '4h', '24h', 'ok'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

export function isSnoozeChoice(value: string | undefined): value is SnoozeChoice {
  return (SNOOZE_CHOICES as readonly string[]).includes(value ?? '');
}

export const SNOOZE_LABELS: Record<SnoozeChoice, string> = {
  '1h': '1 hour',
  '4h': '4 hours',
  '24h': '24 hours',
  ok: 'until OK',
};

const HOUR = 3_600_000;
const CHOICE_MS: Record<Exclude<SnoozeChoice, 'ok'>, number> = {
  '1h': HOUR,
  '4h': 4 * HOUR,
  '24h': 24 * HOUR,
};

/** When a snooze chosen at `now` ends (`null`: when the alarm returns to OK). */
export function snoozeUntil(choice: SnoozeChoice, now: number): number | null {
  return choice === 'ok' ? null : now + CHOICE_MS[choice];
}

/** True while the snooze silences the thread. */
export function isSnoozed(snooze: Snooze | undefined, now: number): boolean {
  return snooze !== undefined && (snooze.until === null || snooze.until > now);
}

/** "09:04 UTC" (with the date when not the same UTC day as `now`). */
export function clockTime(ms: number, now: number): string {
  const iso = new Date(ms).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

/**
 * `<@U…>` for a Slack user id; anything else (the CLI's `cli:alice`) as escaped plain text.
 */
export const userMention = (userId: string): string =>
  /^[UW][A-Z0-9]{2,}$/.test(userId)
    ? `<@${userId}>`
    : userId.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The status lines under the parent's header: "👀 acknowledged by @alice 09:04 UTC",
 * "🔕 snoozed by @bob until 13:00 UTC". Empty when nobody acted (or a snooze ran out).
 *
 * @example
 * ```ts
 * statusLines({ ack: { by: 'U0ALICE12', at } }, now); // ['👀 acknowledged by <@U0ALICE12> 09:04 UTC']
 * ```
 */
export function statusLines(actions: ThreadActions, now: number): string[] {
  const lines: string[] = [];
  if (actions.ack)
    lines.push(`👀 acknowledged by ${userMention(actions.ack.by)} ${clockTime(actions.ack.at, now)}`);
  const snooze = actions.snooze;
  if (snooze && isSnoozed(snooze, now)) {
    const until = snooze.until === null ? 'until OK' : `until ${clockTime(snooze.until, now)}`;
    lines.push(`🔕 snoozed by ${userMention(snooze.by)} ${until}`);
  }
  return lines;
}

/** A security rule silenced for one principal ("Mute this rule", or a snooze of a security event). */
export interface RuleActions {
  /** Not posted at all until `until`. */
  readonly mute?: { readonly by: string; readonly at: number; readonly until: number };
  /** Posted into the snoozed event's thread, without mentions, until `until`. */
  readonly snooze?: {
    readonly by: string;
    readonly at: number;
    readonly until: number;
    readonly thread: ThreadId;
  };
}

/** The rule and principal a security event's mute or snooze is keyed on. */
export interface RuleKey {
  readonly catalogueId: string;
  readonly principal: string;
}
