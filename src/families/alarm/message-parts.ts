/**
 * What the alarm and DLQ messages share: emoji and severity by state, the transition line,
 * how long the alarm was in ALARM, and the dedupe/thread/route bookkeeping.
 */

import { accountLabel } from '../../alerts/account.js';
import { type Alert, type Fact, SEVERITY_ORDER, type Severity } from '../../alerts/alert.js';
import { formatDuration, formatTime } from '../../alerts/time.js';
import type { Config } from '../../core/config.js';
import type { AlarmChange } from './model.js';

/** Descriptions are written for the console; the message keeps the first 300 characters. */
export const DESCRIPTION_MAX = 300;

/**
 * Cuts text to `max` characters with an ellipsis, never splitting a surrogate pair. (The
 * renderer escapes and budgets every string again; this only keeps a long description short.)
 *
 * @example
 * ```ts
 * clip('checkout-api-errors', 10); // 'checkout-…'
 * ```
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * The severity of an alarm change: ALARM takes the alarm's `severity` tag when it names a
 * severity, else high; INSUFFICIENT_DATA is low and OK is info.
 *
 * @example
 * ```ts
 * severityOf(change); // 'critical' for an ALARM tagged severity=critical
 * ```
 */
export function severityOf(change: AlarmChange): Severity {
  if (change.state.value === 'OK') return 'info';
  if (change.state.value === 'INSUFFICIENT_DATA') return 'low';
  const tag = (change.tags.severity ?? change.tags.Severity ?? '').trim().toLowerCase();
  return (SEVERITY_ORDER as readonly string[]).includes(tag) ? (tag as Severity) : 'high';
}

/**
 * The transition, or just the new state when the previous one is unknown.
 *
 * @example
 * ```ts
 * transitionText(change); // 'OK → ALARM'
 * ```
 */
export function transitionText(change: AlarmChange): string {
  return change.previous ? `${change.previous.value} → ${change.state.value}` : change.state.value;
}

/**
 * How long the alarm was in ALARM, when this change leaves ALARM and the event says when
 * ALARM began (EventBridge and the alarm action do; SNS does not).
 *
 * @example
 * ```ts
 * alarmDuration(okAfterAlarm); // '48 min'
 * ```
 */
export function alarmDuration(change: AlarmChange): string | undefined {
  if (change.state.value === 'ALARM' || change.previous?.value !== 'ALARM') return undefined;
  const from = change.previous.timestamp;
  const to = change.state.timestamp;
  if (!from || !to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? formatDuration(ms) : undefined;
}

/**
 * The time of the change: the state timestamp, else the delivery time.
 *
 * @example
 * ```ts
 * changeTime(change); // '2026-11-26T14:02:10.123Z'
 * ```
 */
export function changeTime(change: AlarmChange): string | undefined {
  return change.state.timestamp ?? change.eventTime;
}

/**
 * State, Since (and In ALARM for), for the top of the facts.
 *
 * @example
 * ```ts
 * stateFacts(change, now); // [{ label: 'State', value: 'OK → ALARM' }, { label: 'Since', value: '14:02 UTC (2 min ago)' }]
 * ```
 */
export function stateFacts(change: AlarmChange, now: Date): Fact[] {
  const facts: Fact[] = [{ label: 'State', value: transitionText(change) }];
  const since = formatTime(changeTime(change), now);
  if (since) facts.push({ label: 'Since', value: since });
  const duration = alarmDuration(change);
  if (duration) facts.push({ label: 'In ALARM for', value: duration });
  return facts;
}

/**
 * Account and Region, for the bottom of the facts.
 *
 * @example
 * ```ts
 * whereFacts(change, config); // [{ label: 'Account', value: 'prod (210987654321)' }, { label: 'Region', value: 'eu-west-1' }]
 * ```
 */
export function whereFacts(change: AlarmChange, config: Pick<Config, 'accounts'>): Fact[] {
  const facts: Fact[] = [];
  const account = accountLabel(change.account, config);
  if (account) facts.push({ label: 'Account', value: account });
  if (change.region) facts.push({ label: 'Region', value: change.region });
  return facts;
}

/**
 * The one-line notification: head, account and region.
 *
 * @example
 * ```ts
 * whereLine('ALARM checkout-api-errors', change, config); // 'ALARM checkout-api-errors · prod (210987654321) · eu-west-1'
 * ```
 */
export function whereLine(head: string, change: AlarmChange, config: Pick<Config, 'accounts'>): string {
  return [head, accountLabel(change.account, config), change.region].filter(Boolean).join(' · ');
}

/**
 * The bookkeeping every alarm-based alert carries. The dedupe key is the alarm ARN plus the
 * state time, which all three shapes share: the same change via SNS and EventBridge is one.
 *
 * @example
 * ```ts
 * lifecycle(change).dedupeKey; // 'alarm:arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors:2026-11-26T14:02:10.123Z'
 * ```
 */
export function lifecycle(
  change: AlarmChange,
): Pick<Alert, 'dedupeKey' | 'thread' | 'route' | 'account' | 'region' | 'time' | 'state'> {
  const since = changeTime(change);
  return {
    state: change.state.value,
    // Without any time (never seen from AWS), key on the state and reason so distinct changes stay distinct.
    dedupeKey: `alarm:${change.arn}:${since ?? `${change.state.value}:${change.state.reason ?? ''}`}`,
    thread: {
      key: change.arn,
      state: change.state.value,
      ...(change.previous ? { previousState: change.previous.value } : {}),
      since: since ?? '',
    },
    route: { alarmName: change.name },
    ...(change.account ? { account: change.account } : {}),
    ...(change.region ? { region: change.region } : {}),
    ...(since ? { time: since } : {}),
  };
}
