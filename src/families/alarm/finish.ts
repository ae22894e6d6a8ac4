/**
 * The shared end of reading an alarm: each input shape's reader fills `AlarmParts`, and
 * `finishChange` derives the rest (kind, datapoints, band, threshold, comparison) the same way
 * for all three, so a state change reads the same whichever way it came.
 */
import {
  type AlarmChange,
  AlarmKind,
  type AlarmStateSnapshot,
  type AlarmVia,
  type Datapoint,
  type MetricQuery,
  type TriggeringAlarm,
} from './model.js';
import { bandFromReason, comparisonFromReason, datapointsFromReason, thresholdFromReason } from './reason.js';
import { alarmTags } from './schemas.js';

/** The fields each reader fills; `finishChange` derives the rest (kind, datapoints, band). */
export interface AlarmParts {
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
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** One `:`-separated part of an ARN (3: region, 4: account), or `undefined` when empty. */
export function arnPart(arn: string, index: number): string | undefined {
  const part = arn.split(':')[index];
  return part ? part : undefined;
}

/** The alarm's tags from each place a shape may carry them, later ones winning. */
export function tagsOf(...sources: unknown[]): Record<string, string> {
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

const ANOMALY_OPERATORS = new Set([
  'LessThanLowerOrGreaterThanUpperThreshold',
  'GreaterThanUpperThreshold',
  'LessThanLowerThreshold',
]);

function kindOf(p: AlarmParts, triggering: readonly TriggeringAlarm[]): AlarmKind {
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

/**
 * The `AlarmChange` a reader's parts make.
 *
 * @example
 * ```ts
 * finishChange(fromSns(message, envelope)).kind; // AlarmKind.Metric
 * ```
 */
export function finishChange(p: AlarmParts): AlarmChange {
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
