/**
 * Durations: "15m", "2h", "1d" ↔ seconds, and how a window reads in a sentence. The one grammar
 * for every duration cloudbell reads: `--since`, the config's `errors.digest.window` and
 * `escalation.steps[].after` (the config validates with `parseDuration` itself, so it never
 * accepts a value the worker cannot read).
 */

const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;

/** The longest window /aws-errors searches: CloudWatch keeps 1-minute Lambda metrics for 15 days, logs cost grows with it. */
export const MAX_WINDOW_SECONDS = 7 * 86_400;

/**
 * Parses "15m", "2h" or "1d" into seconds; `undefined` when the text is not such a duration.
 * Up to six digits, so a week in minutes (`10080m`) reads; callers apply their own bounds.
 *
 * @example
 * ```ts
 * parseDuration('2h'); // 7200
 * parseDuration('2 hours'); // undefined
 * ```
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([mhd])$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] as keyof typeof UNIT_SECONDS;
  return amount * UNIT_SECONDS[unit];
}

/**
 * "the last hour", "the last 15 minutes", "the last 2 days" — for the summary line.
 *
 * @example
 * ```ts
 * describeWindow(3600); // 'the last hour'
 * describeWindow(5400); // 'the last 90 minutes'
 * ```
 */
export function describeWindow(seconds: number): string {
  const plural = (n: number, unit: string) => (n === 1 ? `the last ${unit}` : `the last ${n} ${unit}s`);
  if (seconds % 86_400 === 0) return plural(seconds / 86_400, 'day');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  return plural(Math.max(1, Math.round(seconds / 60)), 'minute');
}

/**
 * The compact form of a window, as typed: 3600 → "1h".
 *
 * @example
 * ```ts
 * formatWindow(900); // '15m'
 * ```
 */
export function formatWindow(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return `${Math.round(seconds / 60)}m`;
}
