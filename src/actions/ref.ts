/**
 * What a button carries: a compact reference to the alert it sits on. Slack sends it back
 * verbatim in the block action, so it is validated again on arrival like any other input.
 * The thread itself (channel id and the parent's `ts`) comes from the payload's container,
 * never from the value: a forged value cannot point an action at another thread.
 */
import * as z from 'zod/mini';
import type { Alert } from '../alerts/alert.js';

/** Slack's limit on a button `value`. */
export const MAX_VALUE_LENGTH = 2000;

const refSchema = z.object({
  /** Format version. */
  v: z.literal(1),
  /** Family id (alarm, dlq, security, guardduty…). */
  f: z.string().check(z.regex(/^[a-z0-9]{2,24}$/)),
  /** Severity. */
  s: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  /** The alarm ARN (thread key) or the event's dedupe key. */
  k: z.string().check(z.minLength(1), z.maxLength(1024)),
  /** Security rule (catalogue id) and principal ARN, for security events. */
  r: z.optional(z.string().check(z.maxLength(128))),
  p: z.optional(z.string().check(z.maxLength(600))),
  /** The Lambda function an alarm watches (Show errors). */
  fn: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  /** The dead-letter queue of a DLQ alarm (Redrive). */
  q: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/))),
  /** Account and region of the alert. */
  a: z.optional(z.string().check(z.regex(/^\d{12}$/))),
  g: z.optional(z.string().check(z.regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/))),
  /** ISO time of the state change (the errors window starts before it). */
  t: z.optional(z.string().check(z.maxLength(40))),
});

export type ActionRef = z.infer<typeof refSchema>;
export type ActionFamily = ActionRef['f'];

/** Findings people own until they are dealt with: they take Acknowledge and Snooze too. */
export const FINDING_FAMILIES: readonly string[] = [
  'guardduty',
  'securityhub',
  'inspector',
  'accessanalyzer',
  'config',
  'health',
];

/**
 * Alarms and DLQs in ALARM, every security event, and findings that are not closed take
 * actions; other events (deploys, ECS, backups, costs…) and anything OK do not.
 */
export function takesActions(alert: Alert): boolean {
  if (alert.family === 'security') return true;
  if (alert.family === 'alarm' || alert.family === 'dlq') return alert.state === 'ALARM';
  return FINDING_FAMILIES.includes(alert.family) && alert.state !== 'OK' && alert.thread?.state !== 'OK';
}

/**
 * The reference for an alert, or `undefined` when the alert takes no actions: generic
 * events, and alarms or DLQs that are not in ALARM (an OK has nothing to acknowledge).
 *
 * @example
 * ```ts
 * refFor(alarmAlert); // { v: 1, f: 'alarm', s: 'high', k: 'arn:aws:cloudwatch:…:alarm:checkout-api-errors' }
 * ```
 */
export function refFor(alert: Alert): ActionRef | undefined {
  if (!takesActions(alert)) return undefined;
  const ref: ActionRef = {
    v: 1,
    f: alert.family,
    s: alert.severity,
    k: alert.thread?.key ?? alert.dedupeKey,
    ...(alert.route.catalogueId ? { r: alert.route.catalogueId } : {}),
    ...(alert.route.principalArn ? { p: alert.route.principalArn } : {}),
    ...(alert.subject?.lambdaFunctions?.[0] ? { fn: alert.subject.lambdaFunctions[0] } : {}),
    ...(alert.subject?.queue ? { q: alert.subject.queue } : {}),
    ...(alert.account ? { a: alert.account } : {}),
    ...(alert.region ? { g: alert.region } : {}),
    ...(alert.thread?.since ? { t: alert.thread.since } : {}),
  };
  // A part that does not validate (an odd region, a name too long) costs its button, not all of them.
  const kept = Object.fromEntries(
    Object.entries(ref).filter(
      ([k, v]) => k === 'v' || refSchema.shape[k as keyof ActionRef].safeParse(v).success,
    ),
  );
  const parsed = refSchema.safeParse(kept);
  if (!parsed.success || encodeRef(parsed.data).length > MAX_VALUE_LENGTH) return undefined;
  return parsed.data;
}

/**
 * JSON with `<`, `>` and `&` as `\u` escapes: the value is never shown, but an attacker-named
 * alarm must not put a live `<!channel>` anywhere in a payload. `JSON.parse` reads it back.
 */
export function encodeRef(ref: ActionRef): string {
  return JSON.stringify(ref).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The reference in a button value, or `undefined` when it is not one of cloudbell's. */
export function decodeRef(value: string | undefined): ActionRef | undefined {
  if (!value || value.length > MAX_VALUE_LENGTH) return undefined;
  try {
    const parsed = refSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
