/**
 * The SNS alarm notification (PascalCase JSON in `Sns.Message`) → `AlarmParts`. Unlike the
 * EventBridge detail it names the comparison, threshold and evaluation settings itself, and a
 * composite's children in `TriggeringChildren`.
 */
import { partitionOf } from '../../alerts/console.js';
import type { Envelope } from '../../sources/envelope.js';
import { type AlarmParts, arnPart, defined, tagsOf } from './finish.js';
import type { MetricQuery } from './model.js';
import { isoTime, triggeringAlarm } from './reason.js';
import { isRegionCode, regionCode } from './regions.js';
import type { SnsAlarmMessage, SnsDimension, SnsMetricQuery } from './schemas.js';

function snsDimensions(dims: readonly SnsDimension[] | undefined): Array<[string, string]> {
  return (dims ?? []).flatMap((d): Array<[string, string]> => {
    const name = d.name ?? d.Name;
    const value = d.value ?? d.Value;
    return name !== undefined && value !== undefined ? [[name, value]] : [];
  });
}

/**
 * SNS writes statistics in capitals (`AVERAGE`, `SAMPLE_COUNT`); the console writes `Average`.
 *
 * @example
 * ```ts
 * statName('SAMPLE_COUNT'); // 'SampleCount'
 * statName('p99'); // 'p99'
 * ```
 */
export function statName(stat: string | undefined): string | undefined {
  if (!stat) return undefined;
  if (!/^[A-Z_]+$/.test(stat)) return stat;
  return stat
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function snsMetrics(queries: readonly SnsMetricQuery[]): MetricQuery[] {
  return queries.map((q) =>
    defined({
      id: q.Id,
      metric: q.MetricStat
        ? {
            namespace: q.MetricStat.Metric.Namespace,
            name: q.MetricStat.Metric.MetricName,
            dimensions: snsDimensions(q.MetricStat.Metric.Dimensions),
          }
        : undefined,
      period: q.MetricStat?.Period,
      stat: statName(q.MetricStat?.Stat),
      expression: q.Expression,
      label: q.Label,
      returnData: q.ReturnData,
    }),
  );
}

/** SNS writes `"- TreatMissingData:                    missing"`; keep the value only. */
function treatMissing(value: string | undefined): string | undefined {
  const v = value?.replace(/^-?\s*TreatMissingData:\s*/i, '').trim();
  return v ? v : undefined;
}

/** The parts of an SNS alarm notification; its time is the SNS delivery's. */
export function fromSns(m: SnsAlarmMessage, envelope: Envelope): AlarmParts {
  const arnRegion = m.AlarmArn ? arnPart(m.AlarmArn, 3) : undefined;
  const region = isRegionCode(arnRegion) ? arnRegion : regionCode(m.Region);
  const account = m.AWSAccountId ?? (m.AlarmArn ? arnPart(m.AlarmArn, 4) : undefined);
  const arn =
    m.AlarmArn ??
    `arn:${partitionOf(region ?? 'us-east-1')}:cloudwatch:${region ?? ''}:${account ?? ''}:alarm:${m.AlarmName}`;
  const t = m.Trigger;
  const metrics: MetricQuery[] = t?.Metrics
    ? snsMetrics(t.Metrics)
    : t?.MetricName && t.Namespace
      ? [
          defined({
            metric: { namespace: t.Namespace, name: t.MetricName, dimensions: snsDimensions(t.Dimensions) },
            period: t.Period,
            stat: t.ExtendedStatistic ?? statName(t.Statistic),
          }),
        ]
      : [];
  return {
    via: 'sns',
    name: m.AlarmName,
    arn,
    account,
    region,
    description: m.AlarmDescription,
    state: defined({
      value: m.NewStateValue,
      reason: m.NewStateReason,
      timestamp: isoTime(m.StateChangeTime),
      actionsSuppressedBy: m.ActionsSuppressedBy,
      actionsSuppressedReason: m.ActionsSuppressedReason,
    }),
    previous: m.OldStateValue ? { value: m.OldStateValue } : undefined,
    metrics,
    comparison: t?.ComparisonOperator,
    threshold: t?.Threshold,
    evaluationPeriods: t?.EvaluationPeriods,
    datapointsToAlarm: t?.DatapointsToAlarm,
    treatMissingData: treatMissing(t?.TreatMissingData),
    rule: m.AlarmRule,
    triggeringAlarms: (m.TriggeringChildren ?? []).map((c) =>
      triggeringAlarm(c.Arn, c.State?.Value, c.State?.Timestamp),
    ),
    tags: tagsOf(m.AlarmTags),
    eventTime: isoTime(envelope.sns?.timestamp),
  };
}
