/**
 * Alarm configuration in words, as an on-call engineer reads it: "Sum over 60 s > 5",
 * "FunctionName = checkout-api", "7, 12 (latest last)".
 */
import type { AlarmChange, Datapoint, MetricQuery, MetricRef } from './model.js';

/**
 * A metric value for people: integers exact with grouping, others to four significant digits.
 *
 * @example
 * ```ts
 * formatNumber(45628); // '45,628'
 * formatNumber(0.020599444741798756); // '0.0206'
 * ```
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

/**
 * A period in seconds: "60 s", "5 min", "1 h", "1 d".
 *
 * @example
 * ```ts
 * formatPeriod(300); // '5 min'
 * ```
 */
export function formatPeriod(seconds: number): string {
  if (seconds < 120 || seconds % 60 !== 0) return `${formatNumber(seconds)} s`;
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  return `${seconds / 60} min`;
}

/** Comparison operators: symbol for static thresholds, words for anomaly bands. */
export const COMPARISONS: Readonly<Record<string, { symbol: string; words: string }>> = {
  GreaterThanThreshold: { symbol: '>', words: 'greater than' },
  GreaterThanOrEqualToThreshold: { symbol: '≥', words: 'greater than or equal to' },
  LessThanThreshold: { symbol: '<', words: 'less than' },
  LessThanOrEqualToThreshold: { symbol: '≤', words: 'less than or equal to' },
  LessThanLowerOrGreaterThanUpperThreshold: { symbol: 'outside', words: 'outside the band' },
  GreaterThanUpperThreshold: { symbol: 'above', words: 'above the band' },
  LessThanLowerThreshold: { symbol: 'below', words: 'below the band' },
};

/**
 * The dimensions of a metric as "name = value" pairs.
 *
 * @example
 * ```ts
 * dimensionsText({ namespace: 'AWS/Lambda', name: 'Errors', dimensions: [['FunctionName', 'checkout-api']] }); // 'FunctionName = checkout-api'
 * ```
 */
export function dimensionsText(metric: MetricRef | undefined): string | undefined {
  if (!metric || metric.dimensions.length === 0) return undefined;
  return metric.dimensions.map(([k, v]) => `${k} = ${v}`).join(', ');
}

/**
 * A metric as the console names it.
 *
 * @example
 * ```ts
 * metricText({ namespace: 'AWS/Lambda', name: 'Errors', dimensions: [] }); // 'AWS/Lambda Errors'
 * ```
 */
export function metricText(metric: MetricRef): string {
  return `${metric.namespace} ${metric.name}`;
}

/**
 * The metric the alarm is about: the returned metric, or for a band the metric it models.
 *
 * @example
 * ```ts
 * primaryMetric(anomalyChange)?.metric?.name; // 'Latency' (not the ANOMALY_DETECTION_BAND expression)
 * ```
 */
export function primaryMetric(change: AlarmChange): MetricQuery | undefined {
  const withMetric = change.metrics.filter((q) => q.metric !== undefined);
  const band = change.metrics.find(
    (q) => q.expression !== undefined && /ANOMALY_DETECTION_BAND/i.test(q.expression),
  );
  if (band?.expression) {
    const ref = /ANOMALY_DETECTION_BAND\s*\(\s*([A-Za-z0-9_]+)/i.exec(band.expression)?.[1];
    const modelled = withMetric.find((q) => q.id === ref);
    if (modelled) return modelled;
  }
  return withMetric.find((q) => q.returnData !== false) ?? withMetric[0];
}

/**
 * The statistic and period the alarm evaluates, from the metric or the reason data (for a
 * math alarm, the expression's label stands for the statistic).
 *
 * @example
 * ```ts
 * statAndPeriod(change); // { stat: 'Sum', period: 60 }
 * ```
 */
export function statAndPeriod(change: AlarmChange): { stat?: string; period?: number } {
  const rd = change.state.reasonData;
  if (change.kind === 'math') {
    // The alarm evaluates the expression, not the metrics it reads: name it by its label.
    const expr = change.metrics.find((q) => q.expression !== undefined && q.returnData !== false);
    const period = rd?.period ?? change.metrics.find((q) => q.period !== undefined)?.period;
    const stat = expr?.label ?? expr?.id;
    return { ...(stat ? { stat } : {}), ...(period !== undefined ? { period } : {}) };
  }
  const q = primaryMetric(change);
  const stat = q?.stat ?? rd?.statistic;
  const period = rd?.period ?? q?.period;
  return { ...(stat ? { stat } : {}), ...(period !== undefined ? { period } : {}) };
}

function evaluationText(change: AlarmChange): string | undefined {
  const n = change.evaluationPeriods;
  if (n === undefined || n <= 1) return undefined;
  const m = change.datapointsToAlarm ?? n;
  return `${m} of ${n} periods`;
}

/**
 * The alarm condition in words: "Sum over 60 s > 5", "Average over 1 min outside the band".
 *
 * @example
 * ```ts
 * conditionText(change); // 'Sum over 60 s > 5'
 * ```
 */
export function conditionText(change: AlarmChange): string | undefined {
  const { stat, period } = statAndPeriod(change);
  const subject = [stat, period !== undefined ? `over ${formatPeriod(period)}` : undefined]
    .filter(Boolean)
    .join(' ');
  const op = change.comparison ? COMPARISONS[change.comparison] : undefined;
  let test: string | undefined;
  if (change.kind === 'anomaly') {
    test = op?.words ?? 'outside the band';
  } else if (change.threshold !== undefined) {
    test = `${op?.symbol ?? 'vs'} ${formatNumber(change.threshold)}`;
  }
  if (!test) return undefined;
  const core = subject ? `${subject} ${test}` : test.charAt(0).toUpperCase() + test.slice(1);
  const evaluation = evaluationText(change);
  return evaluation ? `${core}, ${evaluation}` : core;
}

/**
 * Recent datapoints, newest last; at most the last `max`.
 *
 * @example
 * ```ts
 * datapointsText([{ value: 7 }, { value: 12 }]); // '7, 12 (latest last)'
 * ```
 */
export function datapointsText(points: readonly Datapoint[], max = 10): string | undefined {
  if (points.length === 0) return undefined;
  const shown = points.slice(-max).map((p) => formatNumber(p.value));
  const prefix = points.length > max ? '…, ' : '';
  return points.length === 1 ? shown.join('') : `${prefix}${shown.join(', ')} (latest last)`;
}

/**
 * An anomaly band as "lower – upper".
 *
 * @example
 * ```ts
 * bandText({ lower: 120.5, upper: 480.2 }); // '120.5 – 480.2'
 * ```
 */
export function bandText(band: AlarmChange['band']): string | undefined {
  if (!band || (band.lower === undefined && band.upper === undefined)) return undefined;
  const lower = band.lower !== undefined ? formatNumber(band.lower) : '…';
  const upper = band.upper !== undefined ? formatNumber(band.upper) : '…';
  return `${lower} – ${upper}`;
}
