/**
 * The graphs of the alarm state changes in an input, as CloudWatch MetricWidget definitions:
 * what `cloudbell render --graph` prints without AWS, and what `cloudbell graph` asks
 * GetMetricWidgetImage to draw.
 */
import { childrenInAlarm, subjectOfChange } from '../evidence/subject.js';
import { type MetricWidget, metricWidget } from '../evidence/widget.js';
import type { AlarmChange } from '../families/alarm/model.js';
import { readAlarm } from '../families/alarm/normalise.js';
import { unwrap } from '../sources/unwrap.js';

/** The alarm state changes in an input (one event, an SQS batch, an SNS event). */
export function alarmChanges(input: unknown): AlarmChange[] {
  return unwrap(input).flatMap((envelope) => {
    const read = readAlarm(envelope);
    return read?.kind === 'change' ? [read.change] : [];
  });
}

export interface GraphDefinition {
  readonly alarm: string;
  readonly kind: AlarmChange['kind'];
  /** The widget `GetMetricWidgetImage` is asked for (not for a composite: its children are read from AWS). */
  readonly widget?: MetricWidget;
  /** A composite's children in ALARM, whose graphs `cloudbell graph` draws. */
  readonly children?: readonly string[];
}

/**
 * What `render --graph` prints: one widget per metric, math or anomaly alarm change.
 *
 * @example
 * ```ts
 * graphDefinitions(event, Date.now())[0].widget.annotations.horizontal; // [{ value: 5, label: 'threshold > 5', … }]
 * ```
 */
export function graphDefinitions(input: unknown, now: number): GraphDefinition[] {
  return alarmChanges(input).map((change) => {
    const subject = subjectOfChange(change);
    if (subject) return { alarm: change.name, kind: change.kind, widget: metricWidget(subject, { now }) };
    return { alarm: change.name, kind: change.kind, children: childrenInAlarm(change) };
  });
}
