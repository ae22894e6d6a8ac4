/**
 * Family `alarm`: CloudWatch alarm state changes — metric, metric-math, anomaly-detection and
 * composite alarms — from EventBridge, SNS or the Lambda alarm action. A configuration change
 * is deliberately not posted.
 */

import type { Alert, Fact, Link } from '../../alerts/alert.js';
import { STATE_EMOJI } from '../../alerts/alert.js';
import type { Config } from '../../core/config.js';
import type { EventFamily } from '../family.js';
import { alarmConsoleUrl, alarmLinks, lambdaFunctions } from './alarm-links.js';
import {
  clip,
  DESCRIPTION_MAX,
  lifecycle,
  severityOf,
  stateFacts,
  whereFacts,
  whereLine,
} from './message-parts.js';
import { type AlarmChange, AlarmKind, type AlarmRead, type MetricQuery } from './model.js';
import {
  bandText,
  conditionText,
  datapointsText,
  dimensionsText,
  formatPeriod,
  metricText,
  primaryMetric,
} from './words.js';

const MAX_CHILDREN = 10;
const MAX_LINKS = 5;

function readsLine(q: MetricQuery): string | undefined {
  if (!q.metric) return undefined;
  const dims = dimensionsText(q.metric);
  const stat = [q.stat, q.period !== undefined ? `over ${formatPeriod(q.period)}` : undefined]
    .filter(Boolean)
    .join(' ');
  return [
    `${q.id ? `${q.id} = ` : ''}${metricText(q.metric)}`,
    dims ? `(${dims})` : '',
    stat ? `· ${stat}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function metricFacts(change: AlarmChange): Fact[] {
  const facts: Fact[] = [];
  const primary = primaryMetric(change);
  if (change.kind === AlarmKind.Math) {
    const expr =
      change.metrics.find((q) => q.expression !== undefined && q.returnData !== false) ??
      change.metrics.find((q) => q.expression !== undefined);
    if (expr?.expression) {
      facts.push({
        label: 'Expression',
        value: expr.label ? `${expr.expression} (${expr.label})` : expr.expression,
      });
    }
    const reads = change.metrics.map(readsLine).filter((l): l is string => l !== undefined);
    if (reads.length > 0) facts.push({ label: 'Reads', value: reads.join('\n') });
  } else if (primary?.metric) {
    facts.push({ label: 'Metric', value: metricText(primary.metric) });
    const dims = dimensionsText(primary.metric);
    if (dims) facts.push({ label: 'Dimensions', value: dims });
  }
  if (change.kind === AlarmKind.Anomaly) {
    const band = bandText(change.band);
    const model = change.metrics.find((q) => q.expression && /ANOMALY_DETECTION_BAND/i.test(q.expression));
    const value = [band, model?.expression ? `(${model.expression})` : undefined].filter(Boolean).join(' ');
    if (value) facts.push({ label: 'Band', value });
  }
  const condition = conditionText(change);
  if (condition) facts.push({ label: 'Condition', value: condition });
  const recent = datapointsText(change.datapoints);
  if (recent) facts.push({ label: 'Recent', value: recent });
  return facts;
}

/**
 * Why a composite's actions did not run, in words.
 *
 * @example
 * ```ts
 * suppressionText(change); // 'Suppressed: waiting up to 2 min for checkout-maintenance to go into ALARM'
 * ```
 */
export function suppressionText(change: AlarmChange): string | undefined {
  const by = change.state.actionsSuppressedBy;
  if (!by) return undefined;
  const suppressor = change.suppressor?.alarm ?? 'the suppressor alarm';
  switch (by) {
    case 'Alarm':
      return `Suppressed: ${suppressor} is in ALARM`;
    case 'WaitPeriod': {
      const wait = change.suppressor?.waitPeriod;
      return `Suppressed: waiting${wait !== undefined ? ` up to ${formatPeriod(wait)}` : ''} for ${suppressor} to go into ALARM`;
    }
    case 'ExtensionPeriod': {
      const ext = change.suppressor?.extensionPeriod;
      return `Suppressed: ${suppressor} left ALARM${ext !== undefined ? ` less than ${formatPeriod(ext)} ago` : ' recently'}`;
    }
    default:
      return `Suppressed: ${change.state.actionsSuppressedReason ?? by}`;
  }
}

/** "14:02 UTC", or with the date when it is not today. */
function clock(iso: string, now: Date): string {
  const day = iso.slice(0, 10);
  return day === now.toISOString().slice(0, 10)
    ? `${iso.slice(11, 16)} UTC`
    : `${day} ${iso.slice(11, 16)} UTC`;
}

function compositeFacts(change: AlarmChange, now: Date): Fact[] {
  const facts: Fact[] = [];
  if (change.rule) facts.push({ label: 'Rule', value: change.rule });
  const children = change.triggeringAlarms.slice(0, MAX_CHILDREN).map((t) => {
    const when = t.timestamp ? ` since ${clock(t.timestamp, now)}` : '';
    return t.state ? `${t.name}: ${t.state}${when}` : t.name;
  });
  const more = change.triggeringAlarms.length - MAX_CHILDREN;
  if (more > 0) children.push(`… and ${more} more`);
  if (children.length > 0) facts.push({ label: 'Triggered by', value: children.join('\n') });
  if (change.suppressor) {
    const s = change.suppressor;
    const periods = [
      s.waitPeriod !== undefined ? `wait ${formatPeriod(s.waitPeriod)}` : undefined,
      s.extensionPeriod !== undefined ? `extension ${formatPeriod(s.extensionPeriod)}` : undefined,
    ].filter(Boolean);
    facts.push({
      label: 'Suppressor',
      value: periods.length > 0 ? `${s.alarm} (${periods.join(', ')})` : s.alarm,
    });
  }
  const suppressed = suppressionText(change);
  if (suppressed)
    facts.push({ label: 'Actions', value: suppressed.charAt(0).toUpperCase() + suppressed.slice(1) });
  return facts;
}

function summaryOf(change: AlarmChange): string | undefined {
  if (change.description) return clip(change.description, DESCRIPTION_MAX);
  if (change.state.value === 'INSUFFICIENT_DATA') {
    return 'CloudWatch has too little data to evaluate this alarm: the metric may have stopped reporting.';
  }
  return undefined;
}

function linksOf(change: AlarmChange): Link[] {
  const links = alarmLinks(change);
  if (change.region) {
    for (const child of change.triggeringAlarms) {
      if (links.length >= MAX_LINKS) break;
      links.push({ text: `Open ${child.name}`, url: alarmConsoleUrl(change.region, child.name) });
    }
  }
  return links.slice(0, MAX_LINKS);
}

/**
 * The Slack-ready alert for one alarm state change.
 *
 * @example
 * ```ts
 * const alert = alarmAlert(change, { config, now: new Date() });
 * alert.title; // 'ALARM: checkout-api-errors'
 * ```
 */
export function alarmAlert(
  change: AlarmChange,
  { config, now }: { config: Pick<Config, 'accounts'>; now: Date },
): Alert {
  const state = change.state.value;
  const facts = [
    ...stateFacts(change, now),
    ...(change.kind === AlarmKind.Composite ? compositeFacts(change, now) : metricFacts(change)),
    ...whereFacts(change, config),
  ];
  const summary = summaryOf(change);
  const context = [change.state.reason, change.arn].filter(
    (c): c is string => c !== undefined && c.trim() !== '',
  );
  return {
    family: 'alarm',
    severity: severityOf(change),
    emoji: STATE_EMOJI[state],
    title: `${state}: ${change.name}`,
    ...(summary ? { summary } : {}),
    facts,
    context,
    links: linksOf(change),
    fallback: whereLine(`${state} ${change.name}`, change, config),
    ...lifecycle(change),
    ...(lambdaFunctions(change).length > 0 ? { subject: { lambdaFunctions: lambdaFunctions(change) } } : {}),
  };
}

/**
 * The alarm family: every alarm state change the dlq family (tried first) left, read through
 * the envelope's one alarm read; a configuration change is claimed and not posted.
 */
export const alarmFamily: EventFamily<AlarmRead> = {
  id: 'alarm',
  read: (_envelope, { alarm }) => alarm(),
  toAlert: (read, context) => (read.kind === 'ignored' ? null : alarmAlert(read.change, context)),
};
