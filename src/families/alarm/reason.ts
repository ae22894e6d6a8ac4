/**
 * Reading what CloudWatch says about a state: the `reasonData` JSON string, its timestamps
 * (`2019-10-02T17:04:40.989+0000`), and — for SNS notifications, which carry no reasonData —
 * the datapoints, band and comparison written into the reason sentence itself.
 */
import type { Datapoint, ReasonData, TriggeringAlarm } from './model.js';
import { reasonDataSchema } from './schemas.js';

/**
 * An AWS timestamp as ISO 8601 UTC, or `undefined` when it is not a time.
 *
 * @example
 * ```ts
 * isoTime('2019-10-02T17:04:40.989+0000'); // '2019-10-02T17:04:40.989Z'
 * ```
 */
export function isoTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  // Some hand-written samples carry "12: 36: 15"; real events never have spaces.
  const t = new Date(value.replace(/\s+/g, ''));
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/**
 * The alarm name at the end of an alarm ARN (`arn:aws:cloudwatch:r:a:alarm:NAME`).
 *
 * @example
 * ```ts
 * alarmNameFromArn('arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors'); // 'checkout-api-errors'
 * ```
 */
export function alarmNameFromArn(arn: string): string {
  const i = arn.indexOf(':alarm:');
  return i >= 0 ? arn.slice(i + ':alarm:'.length) : arn;
}

/**
 * A triggering child alarm, from either spelling of the event (`arn/state` or `Arn/State`).
 *
 * @example
 * ```ts
 * triggeringAlarm('arn:aws:cloudwatch:eu-west-1:1:alarm:a', 'ALARM', '2026-11-26T14:02:10.123+0000').name; // 'a'
 * ```
 */
export function triggeringAlarm(
  arn: string,
  value: string | undefined,
  timestamp: string | undefined,
): TriggeringAlarm {
  const ts = isoTime(timestamp);
  return {
    arn,
    name: alarmNameFromArn(arn),
    ...(value ? { state: value } : {}),
    ...(ts ? { timestamp: ts } : {}),
  };
}

function byTime(points: Datapoint[]): Datapoint[] {
  if (points.some((p) => p.timestamp === undefined)) return points;
  return [...points].sort((a, b) => (a.timestamp ?? '').localeCompare(b.timestamp ?? ''));
}

/**
 * Parses the `reasonData` JSON string of a state. Bad JSON (seen in the wild) gives `undefined`.
 *
 * @example
 * ```ts
 * parseReasonData('{"statistic":"Sum","period":60,"recentDatapoints":[7,12],"threshold":5}')?.threshold; // 5
 * ```
 */
export function parseReasonData(text: string | undefined): ReasonData | undefined {
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = reasonDataSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  const evaluated = (d.evaluatedDatapoints ?? []).flatMap((p): Datapoint[] => {
    if (p.value === undefined) return [];
    const ts = isoTime(p.timestamp);
    return [{ value: p.value, ...(ts ? { timestamp: ts } : {}) }];
  });
  return {
    ...(d.statistic ? { statistic: d.statistic } : {}),
    ...(d.period !== undefined ? { period: d.period } : {}),
    ...(d.threshold !== undefined ? { threshold: d.threshold } : {}),
    recentDatapoints: d.recentDatapoints ?? [],
    evaluatedDatapoints: byTime(evaluated),
    recentLowerThresholds: d.recentLowerThresholds ?? [],
    recentUpperThresholds: d.recentUpperThresholds ?? [],
    triggeringAlarms: (d.triggeringAlarms ?? []).map((t) =>
      triggeringAlarm(t.arn, t.state?.value, t.state?.timestamp),
    ),
  };
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`;
const POINT = new RegExp(
  String.raw`(${NUMBER})(?:\s*\((\d{2})/(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})\))?`,
  'g',
);

/** Numbers inside the first `[…]` after `label` in a reason sentence. */
function bracketAfter(reason: string, label: RegExp): string | undefined {
  const m = label.exec(reason);
  if (!m) return undefined;
  const start = reason.indexOf('[', m.index + m[0].length - 1);
  const end = start >= 0 ? reason.indexOf(']', start) : -1;
  return start >= 0 && end > start ? reason.slice(start + 1, end) : undefined;
}

/**
 * The datapoints a reason sentence lists (`… datapoints [12.0 (26/11/26 14:01:00), 7.0 (…)] was …`),
 * newest last. CloudWatch writes the timestamps as dd/MM/yy HH:mm:ss UTC.
 *
 * @example
 * ```ts
 * datapointsFromReason('Threshold Crossed: 1 out of the last 1 datapoints [37.0 (26/11/26 14:01:00)] was greater than the threshold (0.0)');
 * // [{ value: 37, timestamp: '2026-11-26T14:01:00.000Z' }]
 * ```
 */
export function datapointsFromReason(reason: string | undefined): Datapoint[] {
  if (!reason) return [];
  const inner = bracketAfter(reason, /datapoints? \[/);
  if (inner === undefined) return [];
  const points: Datapoint[] = [];
  for (const m of inner.matchAll(POINT)) {
    const value = Number(m[1]);
    if (!Number.isFinite(value)) continue;
    const [, , dd, mo, yy, hh, mi, ss] = m;
    const ts = dd ? isoTime(`20${yy}-${mo}-${dd}T${hh}:${mi}:${ss}Z`) : undefined;
    points.push({ value, ...(ts ? { timestamp: ts } : {}) });
  }
  // Without timestamps keep CloudWatch's order, which lists the newest first.
  return points.some((p) => p.timestamp === undefined) ? points.reverse() : byTime(points);
}

function numbersIn(text: string | undefined): number[] {
  if (text === undefined) return [];
  return [...text.matchAll(new RegExp(NUMBER, 'g'))].map((m) => Number(m[0])).filter(Number.isFinite);
}

/**
 * The anomaly band a reason sentence states (`lower thresholds [0.02] … upper thresholds [0.3]`).
 *
 * @example
 * ```ts
 * bandFromReason('… less than the lower thresholds [0.02] or greater than the upper thresholds [0.3] …'); // { lower: 0.02, upper: 0.3 }
 * ```
 */
export function bandFromReason(reason: string | undefined): { lower?: number; upper?: number } | undefined {
  if (!reason) return undefined;
  const lower = numbersIn(bracketAfter(reason, /lower thresholds? \[/)).at(-1);
  const upper = numbersIn(bracketAfter(reason, /upper thresholds? \[/)).at(-1);
  if (lower === undefined && upper === undefined) return undefined;
  return { ...(lower !== undefined ? { lower } : {}), ...(upper !== undefined ? { upper } : {}) };
}

/**
 * The static threshold a reason sentence states (`… the threshold (5.0) …`).
 *
 * @example
 * ```ts
 * thresholdFromReason('… was greater than the threshold (5.0) …'); // 5
 * ```
 */
export function thresholdFromReason(reason: string | undefined): number | undefined {
  const m = reason ? new RegExp(String.raw`the threshold \((${NUMBER})\)`).exec(reason) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * The comparison operator a reason sentence implies. EventBridge events do not carry the
 * operator, but the sentence does ("was greater than the threshold", "was not less than …").
 *
 * @example
 * ```ts
 * comparisonFromReason('… was not greater than or equal to the threshold (5.0) …'); // 'GreaterThanOrEqualToThreshold'
 * ```
 */
export function comparisonFromReason(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  const lowerAndUpper = /less than the lower thresholds?.*greater than the upper thresholds?/.test(reason);
  if (lowerAndUpper) return 'LessThanLowerOrGreaterThanUpperThreshold';
  if (/greater than the upper thresholds?/.test(reason)) return 'GreaterThanUpperThreshold';
  if (/less than the lower thresholds?/.test(reason)) return 'LessThanLowerThreshold';
  const m = /was (?:not )?(greater|less) than (or equal to )?the threshold/.exec(reason);
  if (!m) return undefined;
  const base = m[1] === 'greater' ? 'GreaterThan' : 'LessThan';
  return m[2] ? `${base}OrEqualToThreshold` : `${base}Threshold`;
}
