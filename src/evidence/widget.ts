/**
 * The CloudWatch `MetricWidget` JSON that `GetMetricWidgetImage` draws for one alarm: its own
 * metric(s) or expression with the alarm's period and statistic, over a window around the
 * state change, the threshold as a horizontal annotation shaded on the breaching side (or the
 * anomaly band as the alarm's own band expression), the evaluated datapoints as a shaded
 * vertical band ending at the change, the change itself as a vertical line, the time axis in
 * UTC, sized to stay readable in Slack's image preview.
 *
 * Structure per the API reference "GetMetricWidgetImage: Metric Widget Structure and Syntax":
 * `metrics` is an array of arrays `[Namespace, MetricName, DimName, DimValue, …, {options}]` or
 * `[{expression, id, label}]`; `annotations.horizontal[{value,label,color,fill}]`,
 * `annotations.vertical[{value: ISO time, label, color}]` or a band `[{…}, {value}]`;
 * `timezone` `+hhmm`; `width`/`height` 1–2000 px; `start`/`end` ISO times.
 */
import type { AlarmState } from '../alerts/alert.js';
import type { MetricQuery } from '../families/alarm/model.js';
import { COMPARISONS, formatNumber, formatPeriod } from '../families/alarm/words.js';
import { type GraphSubject, subjectPeriod } from './subject.js';

export interface MetricOptions {
  readonly id?: string;
  readonly expression?: string;
  readonly label?: string;
  readonly stat?: string;
  readonly period?: number;
  readonly visible?: boolean;
  readonly color?: string;
}

/** One entry of `metrics`: namespace, name, dimension pairs and options, or options alone (an expression). */
export type MetricEntry = ReadonlyArray<string | MetricOptions>;

export interface HorizontalAnnotation {
  readonly value: number;
  readonly label?: string;
  readonly color?: string;
  readonly fill?: 'above' | 'below';
}

export interface VerticalAnnotation {
  readonly value: string;
  readonly label?: string;
  readonly color?: string;
}

export type VerticalBand = readonly [VerticalAnnotation, { readonly value: string; readonly label?: string }];

export interface MetricWidget {
  readonly title: string;
  readonly view: 'timeSeries';
  readonly stacked: false;
  readonly width: number;
  readonly height: number;
  readonly start: string;
  readonly end: string;
  readonly timezone: string;
  readonly period: number;
  readonly legend: { readonly position: 'bottom' };
  readonly metrics: readonly MetricEntry[];
  readonly annotations: {
    readonly horizontal?: readonly HorizontalAnnotation[];
    readonly vertical: ReadonlyArray<VerticalAnnotation | VerticalBand>;
  };
}

export interface WidgetOptions {
  /** Now, epoch ms: the graph never reaches past it (or past one period after the change). */
  readonly now: number;
  readonly width?: number;
  readonly height?: number;
}

/** Slack shows an image in a thread at about 360 px high; 800×400 keeps the axis labels legible there. */
export const WIDGET_WIDTH = 800;
export const WIDGET_HEIGHT = 400;
const TITLE_MAX = 120;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** GetMetricWidgetImage draws at most 100 metrics and expressions. */
export const MAX_WIDGET_METRICS = 100;

/** The colours of cloudbell's messages (MESSAGES.md), so graph and alert agree. */
export const STATE_COLOR: Readonly<Record<AlarmState, string>> = {
  ALARM: '#E01E5A',
  OK: '#2EB67D',
  INSUFFICIENT_DATA: '#9A9A9A',
};
const BAND_COLOR = '#95A5A6';
const METRIC_COLOR = '#1F77B4';

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Widget times are whole seconds in ISO 8601 UTC. */
function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** "14:02 UTC" for labels. */
function hhmm(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/**
 * The window a graph shows: enough history before the change to see what normal looked like
 * (36 periods, at least 1 h, at most 15 days, and at least 4 evaluation windows), and a
 * little after it (two periods or 10 minutes), never past `now` by more than one period.
 *
 * @example
 * ```ts
 * graphWindow({ changedAt: '2026-11-26T14:00:04Z', period: 300, evaluationPeriods: 1 }, Date.parse('2026-11-26T14:00:10Z'));
 * // { start: 2026-11-26T11:00:04Z, end: 2026-11-26T14:05:04Z } as epoch ms
 * ```
 */
export function graphWindow(
  subject: { readonly changedAt: string; readonly period: number; readonly evaluationPeriods?: number },
  now: number,
): { start: number; end: number; evaluatedFrom: number; changedAt: number } {
  const changedAt = Date.parse(subject.changedAt);
  const periodMs = subject.period * 1000;
  const evaluated = periodMs * Math.max(1, subject.evaluationPeriods ?? 1);
  const before = clamp(Math.max(36 * periodMs, 4 * evaluated), HOUR, 15 * 24 * HOUR);
  const after = Math.max(2 * periodMs, 10 * MINUTE);
  const end = Math.min(changedAt + after, Math.max(now, changedAt) + periodMs);
  return { start: changedAt - before, end, evaluatedFrom: changedAt - evaluated, changedAt };
}

/** Widget ids start with a lowercase letter and hold letters, digits and `_` only. */
const WIDGET_ID = /^[a-z][A-Za-z0-9_]*$/;

/**
 * Ids the widget accepts. Console-made alarms carry UUID ids (`7a8b9c0d-…`) that a widget
 * refuses; they become `m1`, `m2`… and expressions that name them are rewritten to match.
 */
function widgetIds(metrics: readonly MetricQuery[]): MetricQuery[] {
  const taken = new Set(metrics.map((q) => q.id).filter((id): id is string => !!id && WIDGET_ID.test(id)));
  const renamed = new Map<string, string>();
  let n = 0;
  const fresh = () => {
    let id: string;
    do id = `m${++n}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  const withIds = metrics.map((q) => {
    if (q.id && WIDGET_ID.test(q.id)) return q;
    const id = fresh();
    if (q.id) renamed.set(q.id, id);
    return { ...q, id };
  });
  if (renamed.size === 0) return withIds;
  return withIds.map((q) => {
    if (!q.expression) return q;
    let expression = q.expression;
    for (const [from, to] of renamed) expression = expression.split(from).join(to);
    return { ...q, expression };
  });
}

function metricEntry(q: MetricQuery, fallbackId: string, primary: boolean): MetricEntry | undefined {
  if (q.metric) {
    const options: MetricOptions = {
      id: q.id ?? fallbackId,
      ...(q.stat ? { stat: q.stat } : {}),
      ...(q.period !== undefined ? { period: q.period } : {}),
      ...(q.label ? { label: q.label } : {}),
      ...(q.returnData === false ? { visible: false } : {}),
      ...(primary ? { color: METRIC_COLOR } : {}),
    };
    return [q.metric.namespace, q.metric.name, ...q.metric.dimensions.flat(), options];
  }
  if (q.expression) {
    return [
      {
        expression: q.expression,
        id: q.id ?? fallbackId,
        ...(q.label ? { label: q.label } : {}),
        ...(q.returnData === false ? { visible: false } : {}),
        ...(/ANOMALY_DETECTION_BAND/i.test(q.expression) ? { color: BAND_COLOR } : {}),
      },
    ];
  }
  return undefined;
}

function thresholdAnnotation(subject: GraphSubject): HorizontalAnnotation | undefined {
  if (subject.kind === 'anomaly' || subject.threshold === undefined || !Number.isFinite(subject.threshold))
    return undefined;
  const op = subject.comparison ? COMPARISONS[subject.comparison] : undefined;
  const fill = subject.comparison?.startsWith('Greater')
    ? 'above'
    : subject.comparison?.startsWith('Less')
      ? 'below'
      : undefined;
  return {
    value: subject.threshold,
    label: `threshold ${op ? `${op.symbol} ` : ''}${formatNumber(subject.threshold)}`,
    color: STATE_COLOR.ALARM,
    ...(fill ? { fill } : {}),
  };
}

/**
 * The widget for one subject.
 *
 * @example
 * ```ts
 * const widget = metricWidget(subject, { now: Date.now() });
 * await cloudWatch.send(new GetMetricWidgetImageCommand({ MetricWidget: JSON.stringify(widget), OutputFormat: 'png' }));
 * ```
 */
export function metricWidget(subject: GraphSubject, options: WidgetOptions): MetricWidget {
  const period = subjectPeriod(subject);
  const window = graphWindow({ ...subject, period }, options.now);
  const queries = widgetIds(subject.metrics.slice(0, MAX_WIDGET_METRICS));
  const returned = queries.filter((q) => q.returnData !== false);
  const metrics = queries
    .map((q, i) => metricEntry(q, `m${i + 1}`, returned.length <= 1 || q === returned[0]))
    .filter((e): e is MetricEntry => e !== undefined);
  const threshold = thresholdAnnotation(subject);
  const evaluations = Math.max(1, subject.evaluationPeriods ?? 1);
  const stateLabel = subject.state === 'INSUFFICIENT_DATA' ? 'INSUFFICIENT DATA' : subject.state;
  const changeLine: VerticalAnnotation = {
    value: iso(window.changedAt),
    label: `${stateLabel} ${hhmm(window.changedAt)}`,
    color: STATE_COLOR[subject.state],
  };
  const evaluatedBand: VerticalBand = [
    {
      value: iso(window.evaluatedFrom),
      label: `evaluated ${evaluations} × ${formatPeriod(period)}`,
      color: BAND_COLOR,
    },
    { value: iso(window.changedAt) },
  ];
  const title = `${subject.name} · ${stateLabel} at ${hhmm(window.changedAt)}`;
  return {
    title: title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title,
    view: 'timeSeries',
    stacked: false,
    width: options.width ?? WIDGET_WIDTH,
    height: options.height ?? WIDGET_HEIGHT,
    start: iso(window.start),
    end: iso(window.end),
    timezone: '+0000',
    period,
    legend: { position: 'bottom' },
    metrics,
    annotations: {
      ...(threshold ? { horizontal: [threshold] } : {}),
      vertical: [evaluatedBand, changeLine],
    },
  };
}
