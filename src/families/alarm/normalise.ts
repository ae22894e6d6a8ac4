/**
 * Envelope → `AlarmChange`: the three alarm shapes (EventBridge `CloudWatch Alarm State
 * Change`, the SNS notification, the Lambda alarm action) normalised into one model, so that
 * the same state change reads the same whichever way it came.
 */
import { partitionOf } from '../../alerts/console.js';
import type { Envelope } from '../../sources/envelope.js';
import { eventBridgeEvent } from '../../sources/unwrap.js';
import {
  type AlarmChange,
  AlarmKind,
  type AlarmRead,
  type AlarmStateSnapshot,
  type AlarmVia,
  type Datapoint,
  type MetricQuery,
  type TriggeringAlarm,
} from './model.js';
import {
  bandFromReason,
  comparisonFromReason,
  datapointsFromReason,
  isoTime,
  parseReasonData,
  thresholdFromReason,
  triggeringAlarm,
} from './reason.js';
import { isRegionCode, regionCode } from './regions.js';
import {
  type AlarmActionEvent,
  alarmActionEvent,
  alarmTags,
  type EbAlarmDetail,
  type EbMetricQuery,
  type EbState,
  ebAlarmDetail,
  type SnsAlarmMessage,
  type SnsDimension,
  type SnsMetricQuery,
  snsAlarmMessage,
} from './schemas.js';

export const ALARM_STATE_CHANGE = 'CloudWatch Alarm State Change';
export const ALARM_CONFIGURATION_CHANGE = 'CloudWatch Alarm Configuration Change';

/** The fields each reader fills; `finish` derives the rest (kind, datapoints, band). */
interface Parts {
  via: AlarmVia;
  name: string;
  arn: string;
  account?: string | undefined;
  region?: string | undefined;
  description?: string | null | undefined;
  state: AlarmStateSnapshot;
  previous?: AlarmStateSnapshot | undefined;
  metrics: MetricQuery[];
  comparison?: string | undefined;
  threshold?: number | undefined;
  evaluationPeriods?: number | undefined;
  datapointsToAlarm?: number | undefined;
  treatMissingData?: string | undefined;
  rule?: string | undefined;
  suppressor?:
    | { alarm: string; waitPeriod?: number | undefined; extensionPeriod?: number | undefined }
    | undefined;
  triggeringAlarms?: TriggeringAlarm[];
  tags: Record<string, string>;
  eventTime?: string | undefined;
}

/** Drops `undefined` members so the model has no present-but-undefined keys. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function arnPart(arn: string, index: number): string | undefined {
  const part = arn.split(':')[index];
  return part ? part : undefined;
}

function snapshot(s: EbState): AlarmStateSnapshot {
  return defined({
    value: s.value,
    reason: s.reason,
    timestamp: isoTime(s.timestamp),
    reasonData: parseReasonData(s.reasonData),
    actionsSuppressedBy: s.actionsSuppressedBy,
    actionsSuppressedReason: s.actionsSuppressedReason,
  });
}

function tagsOf(...sources: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    const parsed = alarmTags.safeParse(source);
    if (!parsed.success) continue;
    if (Array.isArray(parsed.data)) {
      for (const t of parsed.data) {
        const key = t.Key ?? t.key;
        const value = t.Value ?? t.value;
        if (key !== undefined && value !== undefined) out[key] = value;
      }
    } else {
      Object.assign(out, parsed.data);
    }
  }
  return out;
}

function ebMetrics(queries: readonly EbMetricQuery[] | undefined): MetricQuery[] {
  return (queries ?? []).map((q) =>
    defined({
      id: q.id,
      metric: q.metricStat
        ? {
            namespace: q.metricStat.metric.namespace,
            name: q.metricStat.metric.name,
            dimensions: Object.entries(q.metricStat.metric.dimensions ?? {}),
          }
        : undefined,
      period: q.metricStat?.period,
      stat: q.metricStat?.stat,
      expression: q.expression,
      label: q.label,
      returnData: q.returnData,
    }),
  );
}

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

/** The composite alarm's actions suppressor, the same in EventBridge and alarm-action configs. */
interface SuppressorConfig {
  readonly actionsSuppressor?: string | undefined;
  readonly actionsSuppressorWaitPeriod?: number | undefined;
  readonly actionsSuppressorExtensionPeriod?: number | undefined;
}

function suppressorOf(config: SuppressorConfig | undefined) {
  return config?.actionsSuppressor
    ? {
        alarm: config.actionsSuppressor,
        waitPeriod: config.actionsSuppressorWaitPeriod,
        extensionPeriod: config.actionsSuppressorExtensionPeriod,
      }
    : undefined;
}

function fromEventBridge(
  detail: EbAlarmDetail,
  event: { resources?: unknown[]; account?: string; region?: string; time?: string },
): Parts {
  const resource = event.resources?.find((r): r is string => typeof r === 'string' && r.includes(':alarm:'));
  const region = event.region;
  const arn =
    resource ??
    `arn:${partitionOf(region ?? 'us-east-1')}:cloudwatch:${region ?? ''}:${event.account ?? ''}:alarm:${detail.alarmName}`;
  const config = detail.configuration;
  return {
    via: 'eventbridge',
    name: detail.alarmName,
    arn,
    account: event.account ?? arnPart(arn, 4),
    region: region ?? arnPart(arn, 3),
    description: config?.description,
    state: snapshot(detail.state),
    previous: detail.previousState ? snapshot(detail.previousState) : undefined,
    metrics: ebMetrics(config?.metrics),
    rule: config?.alarmRule,
    suppressor: suppressorOf(config),
    tags: tagsOf(detail.alarmTags),
    eventTime: isoTime(event.time),
  };
}

function fromAlarmAction(e: AlarmActionEvent): Parts {
  const data = e.alarmData;
  const config = data.configuration;
  return {
    via: 'alarm-action',
    name: data.alarmName,
    arn: e.alarmArn,
    account: e.accountId ?? arnPart(e.alarmArn, 4),
    region: e.region ?? arnPart(e.alarmArn, 3),
    description: config?.description,
    state: snapshot(data.state),
    previous: data.previousState ? snapshot(data.previousState) : undefined,
    metrics: ebMetrics(config?.metrics),
    rule: config?.alarmRule,
    suppressor: suppressorOf(config),
    tags: tagsOf(e.alarmTags, data.alarmTags),
    eventTime: isoTime(e.time),
  };
}

function fromSns(m: SnsAlarmMessage, envelope: Envelope): Parts {
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

const ANOMALY_OPERATORS = new Set([
  'LessThanLowerOrGreaterThanUpperThreshold',
  'GreaterThanUpperThreshold',
  'LessThanLowerThreshold',
]);

function kindOf(p: Parts, triggering: readonly TriggeringAlarm[]): AlarmKind {
  if (p.rule !== undefined || (p.metrics.length === 0 && triggering.length > 0)) return AlarmKind.Composite;
  const rd = p.state.reasonData;
  const anomaly =
    p.metrics.some((q) => q.expression !== undefined && /ANOMALY_DETECTION_BAND/i.test(q.expression)) ||
    (p.comparison !== undefined && ANOMALY_OPERATORS.has(p.comparison)) ||
    (rd !== undefined && (rd.recentLowerThresholds.length > 0 || rd.recentUpperThresholds.length > 0));
  if (anomaly) return AlarmKind.Anomaly;
  if (p.metrics.some((q) => q.expression !== undefined)) return AlarmKind.Math;
  return AlarmKind.Metric;
}

function datapointsOf(state: AlarmStateSnapshot): Datapoint[] {
  const rd = state.reasonData;
  if (rd && rd.evaluatedDatapoints.length > 0) return [...rd.evaluatedDatapoints];
  if (rd && rd.recentDatapoints.length > 0) return rd.recentDatapoints.map((value) => ({ value }));
  return datapointsFromReason(state.reason);
}

function finish(p: Parts): AlarmChange {
  const triggering = p.triggeringAlarms?.length
    ? p.triggeringAlarms
    : (p.state.reasonData?.triggeringAlarms ?? []);
  const kind = kindOf(p, triggering);
  const rd = p.state.reasonData;
  const band =
    kind === AlarmKind.Anomaly
      ? rd && (rd.recentLowerThresholds.length > 0 || rd.recentUpperThresholds.length > 0)
        ? defined({ lower: rd.recentLowerThresholds.at(-1), upper: rd.recentUpperThresholds.at(-1) })
        : bandFromReason(p.state.reason)
      : undefined;
  const description = p.description?.trim();
  return defined({
    via: p.via,
    kind,
    name: p.name,
    arn: p.arn,
    account: p.account,
    region: p.region,
    description: description ? description : undefined,
    state: p.state,
    previous: p.previous,
    metrics: p.metrics,
    comparison:
      p.comparison ?? comparisonFromReason(p.state.reason) ?? comparisonFromReason(p.previous?.reason),
    threshold:
      kind === AlarmKind.Anomaly
        ? undefined
        : (p.threshold ?? rd?.threshold ?? thresholdFromReason(p.state.reason)),
    evaluationPeriods: p.evaluationPeriods,
    datapointsToAlarm: p.datapointsToAlarm,
    treatMissingData: p.treatMissingData,
    rule: p.rule,
    suppressor: p.suppressor ? defined(p.suppressor) : undefined,
    triggeringAlarms: triggering,
    tags: p.tags,
    datapoints: kind === AlarmKind.Composite ? [] : datapointsOf(p.state),
    band,
    eventTime: p.eventTime,
  }) as AlarmChange;
}

function read(envelope: Envelope): AlarmRead | undefined {
  switch (envelope.shape) {
    case 'eventbridge': {
      const eb = eventBridgeEvent.safeParse(envelope.event);
      if (!eb.success || eb.data.source !== 'aws.cloudwatch') return undefined;
      const type = eb.data['detail-type'];
      if (type === ALARM_CONFIGURATION_CHANGE) {
        return { kind: 'ignored', why: 'an alarm configuration change is not a state change' };
      }
      if (type !== ALARM_STATE_CHANGE) return undefined;
      const detail = ebAlarmDetail.safeParse(eb.data.detail);
      return detail.success
        ? { kind: 'change', change: finish(fromEventBridge(detail.data, eb.data)) }
        : undefined;
    }
    case 'sns-alarm': {
      const m = snsAlarmMessage.safeParse(envelope.event);
      return m.success ? { kind: 'change', change: finish(fromSns(m.data, envelope)) } : undefined;
    }
    case 'alarm-action': {
      const e = alarmActionEvent.safeParse(envelope.event);
      return e.success ? { kind: 'change', change: finish(fromAlarmAction(e.data)) } : undefined;
    }
    default:
      return undefined;
  }
}

// The DLQ and alarm families both ask (matches, then toAlert): read each envelope once.
const cache = new WeakMap<Envelope, AlarmRead | null>();

/**
 * Reads an envelope as an alarm state change: `change`, `ignored` (a configuration change),
 * or `undefined` when it is not an alarm event at all (or too malformed to be one).
 *
 * @example
 * ```ts
 * const read = readAlarm(envelope);
 * if (read?.kind === 'change') read.change.state.value; // 'ALARM'
 * ```
 */
export function readAlarm(envelope: Envelope): AlarmRead | undefined {
  const hit = cache.get(envelope);
  if (hit !== undefined) return hit ?? undefined;
  const result = read(envelope);
  cache.set(envelope, result ?? null);
  return result;
}
