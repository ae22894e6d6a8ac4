/**
 * A composite alarm's children, as `DescribeAlarms` returns them (`MetricAlarms[]`), turned
 * into graph subjects. The fields are declared here rather than imported from the SDK so the
 * domain stays SDK-free; the adapter passes the SDK's objects, whose shape this is.
 */
import type { AlarmState } from '../alerts/alert.js';
import type { MetricQuery } from '../families/alarm/model.js';
import type { GraphSubject } from './subject.js';

interface Dimension {
  readonly Name?: string;
  readonly Value?: string;
}

interface MetricRefShape {
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: readonly Dimension[];
}

/** The parts of `DescribeAlarms`' `MetricAlarm` a graph needs. */
export interface DescribedMetricAlarm {
  readonly AlarmName?: string;
  readonly StateValue?: string;
  readonly StateUpdatedTimestamp?: Date | string;
  readonly StateTransitionedTimestamp?: Date | string;
  readonly MetricName?: string;
  readonly Namespace?: string;
  readonly Statistic?: string;
  readonly ExtendedStatistic?: string;
  readonly Dimensions?: readonly Dimension[];
  readonly Period?: number;
  readonly EvaluationPeriods?: number;
  readonly Threshold?: number;
  readonly ComparisonOperator?: string;
  readonly ThresholdMetricId?: string;
  readonly Metrics?: ReadonlyArray<{
    readonly Id?: string;
    readonly MetricStat?: {
      readonly Metric?: MetricRefShape;
      readonly Period?: number;
      readonly Stat?: string;
    };
    readonly Expression?: string;
    readonly Label?: string;
    readonly ReturnData?: boolean;
    readonly Period?: number;
  }>;
}

const STATES = new Set<string>(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

function dimensions(list: readonly Dimension[] | undefined): Array<readonly [string, string]> {
  return (list ?? []).flatMap((d) => (d.Name && d.Value !== undefined ? [[d.Name, d.Value] as const] : []));
}

function isoOf(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function queriesOf(alarm: DescribedMetricAlarm): MetricQuery[] {
  if (alarm.Metrics && alarm.Metrics.length > 0) {
    return alarm.Metrics.flatMap((m): MetricQuery[] => {
      const metric = m.MetricStat?.Metric;
      if (metric?.Namespace && metric.MetricName) {
        return [
          {
            ...(m.Id ? { id: m.Id } : {}),
            metric: {
              namespace: metric.Namespace,
              name: metric.MetricName,
              dimensions: dimensions(metric.Dimensions),
            },
            ...(m.MetricStat?.Period !== undefined ? { period: m.MetricStat.Period } : {}),
            ...(m.MetricStat?.Stat ? { stat: m.MetricStat.Stat } : {}),
            ...(m.Label ? { label: m.Label } : {}),
            ...(m.ReturnData !== undefined ? { returnData: m.ReturnData } : {}),
          },
        ];
      }
      if (m.Expression) {
        return [
          {
            ...(m.Id ? { id: m.Id } : {}),
            expression: m.Expression,
            ...(m.Label ? { label: m.Label } : {}),
            ...(m.ReturnData !== undefined ? { returnData: m.ReturnData } : {}),
          },
        ];
      }
      return [];
    });
  }
  if (!alarm.Namespace || !alarm.MetricName) return [];
  const stat = alarm.ExtendedStatistic ?? alarm.Statistic;
  return [
    {
      id: 'm1',
      metric: {
        namespace: alarm.Namespace,
        name: alarm.MetricName,
        dimensions: dimensions(alarm.Dimensions),
      },
      ...(alarm.Period !== undefined ? { period: alarm.Period } : {}),
      ...(stat ? { stat } : {}),
    },
  ];
}

/**
 * The graph subject of one child alarm, or `undefined` when it has no metric to draw.
 *
 * @example
 * ```ts
 * const { MetricAlarms } = await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['checkout-api-errors'] }));
 * MetricAlarms.map((a) => subjectOfDescribedAlarm(a, region));
 * ```
 */
export function subjectOfDescribedAlarm(
  alarm: DescribedMetricAlarm,
  region?: string,
): GraphSubject | undefined {
  const metrics = queriesOf(alarm);
  const changedAt = isoOf(alarm.StateUpdatedTimestamp) ?? isoOf(alarm.StateTransitionedTimestamp);
  if (!alarm.AlarmName || metrics.length === 0 || !changedAt) return undefined;
  const anomaly =
    alarm.ThresholdMetricId !== undefined ||
    metrics.some((q) => q.expression && /ANOMALY_DETECTION_BAND/i.test(q.expression));
  const math = metrics.some((q) => q.expression !== undefined);
  return {
    name: alarm.AlarmName,
    kind: anomaly ? 'anomaly' : math ? 'math' : 'metric',
    ...(region ? { region } : {}),
    state: (STATES.has(alarm.StateValue ?? '') ? alarm.StateValue : 'ALARM') as AlarmState,
    changedAt,
    metrics,
    ...(alarm.Threshold !== undefined && !anomaly ? { threshold: alarm.Threshold } : {}),
    ...(alarm.ComparisonOperator ? { comparison: alarm.ComparisonOperator } : {}),
    ...(alarm.ThresholdMetricId ? { thresholdMetricId: alarm.ThresholdMetricId } : {}),
    ...(alarm.EvaluationPeriods !== undefined ? { evaluationPeriods: alarm.EvaluationPeriods } : {}),
  };
}
