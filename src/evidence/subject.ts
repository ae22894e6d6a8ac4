/**
 * What a graph is drawn of: one metric alarm (plain, metric math or anomaly detection) with
 * its state change. An alarm state change gives one subject; a composite alarm gives one per
 * child in ALARM, read from DescribeAlarms by the worker (the event names the children but
 * not their metrics). Pure data, so it travels in the evidence job and in tests as JSON.
 */
import type { AlarmState } from '../alerts/alert.js';
import { type AlarmChange, AlarmKind, type MetricQuery } from '../families/alarm/model.js';

/** One metric alarm to graph. */
export interface GraphSubject {
  readonly name: string;
  readonly kind: Exclude<AlarmKind, 'composite'>;
  readonly region?: string;
  readonly state: AlarmState;
  /** ISO time of the state change the graph is about. */
  readonly changedAt: string;
  readonly metrics: readonly MetricQuery[];
  readonly threshold?: number;
  /** `GreaterThanThreshold` etc., when known (decides which side of the threshold is shaded). */
  readonly comparison?: string;
  /** The id of the expression an anomaly alarm compares against (its band). */
  readonly thresholdMetricId?: string;
  readonly evaluationPeriods?: number;
}

/** The alarm's period: the first metric's, else the reason data's, else 5 minutes. */
export function subjectPeriod(subject: Pick<GraphSubject, 'metrics'>, fallback = 300): number {
  return subject.metrics.find((q) => q.period !== undefined)?.period ?? fallback;
}

/**
 * The subject of a metric, metric-math or anomaly alarm's own state change; `undefined` for
 * a composite alarm (its children are looked up) or an alarm without metrics or time.
 *
 * @example
 * ```ts
 * const subject = subjectOfChange(change); // { name: 'checkout-api-errors', kind: 'metric', … }
 * ```
 */
export function subjectOfChange(change: AlarmChange): GraphSubject | undefined {
  if (change.kind === AlarmKind.Composite) return undefined;
  const changedAt = change.state.timestamp ?? change.eventTime;
  if (!changedAt || change.metrics.length === 0) return undefined;
  const period =
    change.metrics.find((q) => q.period !== undefined)?.period ?? change.state.reasonData?.period;
  const metrics =
    period === undefined
      ? change.metrics
      : change.metrics.map((q) => (q.metric && q.period === undefined ? { ...q, period } : q));
  // EventBridge events do not carry EvaluationPeriods; the evaluated datapoints say how many.
  const evaluationPeriods =
    change.evaluationPeriods ?? (change.datapoints.length > 0 ? change.datapoints.length : undefined);
  const band = change.metrics.find((q) => q.expression && /ANOMALY_DETECTION_BAND/i.test(q.expression));
  return {
    name: change.name,
    kind: change.kind,
    ...(change.region ? { region: change.region } : {}),
    state: change.state.value,
    changedAt,
    metrics,
    ...(change.threshold !== undefined ? { threshold: change.threshold } : {}),
    ...(change.comparison ? { comparison: change.comparison } : {}),
    ...(band?.id ? { thresholdMetricId: band.id } : {}),
    ...(evaluationPeriods !== undefined ? { evaluationPeriods } : {}),
  };
}

/** A composite alarm's children that are in ALARM, by name (the worker looks them up). */
export function childrenInAlarm(change: AlarmChange): string[] {
  if (change.kind !== AlarmKind.Composite) return [];
  return [
    ...new Set(
      change.triggeringAlarms.filter((c) => c.state === undefined || c.state === 'ALARM').map((c) => c.name),
    ),
  ];
}
