/**
 * One CloudWatch alarm state change, whichever way it arrived (EventBridge, SNS, or the
 * alarm action that invokes Lambda). The alarm and DLQ families read only this model.
 */
import type { AlarmState } from '../../alerts/alert.js';

/** How the change reached cloudbell. */
export const AlarmVia = {
  EventBridge: 'eventbridge',
  Sns: 'sns',
  AlarmAction: 'alarm-action',
} as const;
export type AlarmVia = (typeof AlarmVia)[keyof typeof AlarmVia];

export const AlarmKind = {
  Metric: 'metric',
  Math: 'math',
  Anomaly: 'anomaly',
  Composite: 'composite',
} as const;
export type AlarmKind = (typeof AlarmKind)[keyof typeof AlarmKind];

export interface MetricRef {
  readonly namespace: string;
  readonly name: string;
  /** Dimension name and value pairs, in the order the event lists them. */
  readonly dimensions: ReadonlyArray<readonly [string, string]>;
}

/** One entry of the alarm's metrics: a metric with its stat, or a math expression. */
export interface MetricQuery {
  readonly id?: string;
  readonly metric?: MetricRef;
  readonly period?: number;
  readonly stat?: string;
  readonly expression?: string;
  readonly label?: string;
  readonly returnData?: boolean;
}

export interface Datapoint {
  readonly value: number;
  /** ISO time of the datapoint, when the event says. */
  readonly timestamp?: string;
}

export interface TriggeringAlarm {
  readonly arn: string;
  readonly name: string;
  readonly state?: string;
  /** ISO time the child entered that state. */
  readonly timestamp?: string;
}

/** What `reasonData` (a JSON string inside the state) holds, already parsed. */
export interface ReasonData {
  readonly statistic?: string;
  readonly period?: number;
  readonly threshold?: number;
  readonly recentDatapoints: readonly number[];
  /** Newest last. */
  readonly evaluatedDatapoints: readonly Datapoint[];
  readonly recentLowerThresholds: readonly number[];
  readonly recentUpperThresholds: readonly number[];
  readonly triggeringAlarms: readonly TriggeringAlarm[];
}

export interface AlarmStateSnapshot {
  readonly value: AlarmState;
  readonly reason?: string;
  /** ISO time the alarm entered this state. */
  readonly timestamp?: string;
  readonly reasonData?: ReasonData;
  /** `Alarm`, `WaitPeriod` or `ExtensionPeriod` when a composite's actions were suppressed. */
  readonly actionsSuppressedBy?: string;
  readonly actionsSuppressedReason?: string;
}

export interface CompositeSuppressor {
  readonly alarm: string;
  readonly waitPeriod?: number;
  readonly extensionPeriod?: number;
}

export interface AlarmChange {
  readonly via: AlarmVia;
  readonly kind: AlarmKind;
  readonly name: string;
  readonly arn: string;
  readonly account?: string;
  readonly region?: string;
  readonly description?: string;
  readonly state: AlarmStateSnapshot;
  readonly previous?: AlarmStateSnapshot;
  readonly metrics: readonly MetricQuery[];
  /** `GreaterThanThreshold` etc.; EventBridge events do not carry it, SNS ones do. */
  readonly comparison?: string;
  readonly threshold?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: string;
  /** Composite alarms: the rule, the actions suppressor and the children that triggered. */
  readonly rule?: string;
  readonly suppressor?: CompositeSuppressor;
  readonly triggeringAlarms: readonly TriggeringAlarm[];
  readonly tags: Readonly<Record<string, string>>;
  /** Recent datapoints of the new state, newest last. */
  readonly datapoints: readonly Datapoint[];
  /** The latest anomaly band, for anomaly-detection alarms. */
  readonly band?: { readonly lower?: number; readonly upper?: number };
  /** ISO time of the delivery (EventBridge `time`, action `time`). */
  readonly eventTime?: string;
}

/** What reading an envelope as an alarm gives: a change, a deliberate skip, or not an alarm. */
export type AlarmRead =
  | { readonly kind: 'change'; readonly change: AlarmChange }
  | { readonly kind: 'ignored'; readonly why: string };
