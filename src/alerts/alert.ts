/**
 * The domain model every event family produces and every renderer consumes.
 *
 * All strings here are plain, untrusted text: the Slack renderer escapes and truncates
 * every one of them, so a family never formats mrkdwn itself.
 */
import type { FamilyId } from '../families/family-switches.js';

/** Event families, in registry order (the generic fallback is always last). */
export const AlertFamily = {
  Alarm: 'alarm',
  Dlq: 'dlq',
  Security: 'security',
  Generic: 'generic',
} as const;
/** The built-in families plus the declarative ones (src/families/family-switches.ts). */
export type AlertFamily = (typeof AlertFamily)[keyof typeof AlertFamily] | FamilyId;

export const Severity = {
  Critical: 'critical',
  High: 'high',
  Medium: 'medium',
  Low: 'low',
  Info: 'info',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** Most severe first; used for sorting and for `severity >= x` routing. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const AlarmState = {
  Ok: 'OK',
  Alarm: 'ALARM',
  InsufficientData: 'INSUFFICIENT_DATA',
} as const;
export type AlarmState = (typeof AlarmState)[keyof typeof AlarmState];

/** The emoji of each alarm state, wherever a state is shown (the alert, its parent's status line). */
export const STATE_EMOJI: Readonly<Record<AlarmState, string>> = {
  ALARM: '🔴',
  OK: '✅',
  INSUFFICIENT_DATA: '❔',
};

/** One labelled fact, shown as a Block Kit field. `value` is plain text. */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** A console deep link, shown as a button. */
export interface Link {
  readonly text: string;
  readonly url: string;
}

/**
 * Thread bookkeeping for alerts that have a lifecycle (alarms, DLQ alarms): `key` names the
 * thing (the alarm ARN), `state` is what it is now.
 */
export interface ThreadInfo {
  readonly key: string;
  readonly state: AlarmState;
  readonly previousState?: AlarmState;
  /** ISO time of the state change. */
  readonly since: string;
  /**
   * `update`: a repeat of the same thing (a GuardDuty finding whose count grows) edits the
   * thread's parent in place instead of posting again. Default: replies in the thread.
   */
  readonly onRepeat?: 'update';
  /** What the states are called when the thread is not an alarm (Health: open/closed). */
  readonly words?: Partial<Record<AlarmState, string>>;
}

/** Attributes routing and ignore rules match on; never shown as they are. */
export interface RouteAttributes {
  readonly alarmName?: string;
  readonly catalogueId?: string;
  readonly principalArn?: string;
  readonly source?: string;
  /** Finding or event type (GuardDuty type, control id, stop code…) for `families.*.ignore.types`. */
  readonly findingType?: string;
  /** Resource ids/ARNs the alert is about, for `families.*.ignore.resources`. */
  readonly resources?: readonly string[];
}

export interface Alert {
  readonly family: AlertFamily;
  readonly severity: Severity;
  /** Alarm or DLQ state when the family has one; decides the colour before severity does. */
  readonly state?: AlarmState;
  /** Leading emoji for the header and the notification line. */
  readonly emoji: string;
  /** Header text, without the emoji. */
  readonly title: string;
  /** One or two sentences under the header: description or "what happened". */
  readonly summary?: string;
  readonly facts: readonly Fact[];
  /** Short pieces for the context line (reason, rule id, time…), joined with " · ". */
  readonly context: readonly string[];
  /**
   * A labelled list shown under the facts, one `label value` line each: the top-level fields
   * of an event no family knows. Longer than facts allow, and still plain text.
   */
  readonly details?: readonly Fact[];
  /** A JSON value shown compacted in a code block (generic events, parameters). */
  readonly detail?: unknown;
  readonly links: readonly Link[];
  readonly account?: string;
  readonly region?: string;
  /** ISO 8601 time of the event. */
  readonly time?: string;
  /** Plain one-line notification text without the emoji, e.g. "ALARM checkout-api-errors · prod (…) · eu-west-1". */
  readonly fallback: string;
  /** Key of the delivery (event id, SNS MessageId, alarm ARN + state time): a repeat is a no-op. */
  readonly dedupeKey: string;
  readonly thread?: ThreadInfo;
  readonly route: RouteAttributes;
  /** What the alert is about, for the buttons that act on it (Show errors, Redrive). */
  readonly subject?: AlertSubject;
}

/** The AWS resources an alert is about, as the actions need them; never shown as they are. */
export interface AlertSubject {
  /** Lambda functions an alarm watches (AWS/Lambda metrics by FunctionName). */
  readonly lambdaFunctions?: readonly string[];
  /** The dead-letter queue a DLQ alarm watches. */
  readonly queue?: string;
}
