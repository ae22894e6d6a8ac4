/**
 * Cost: AWS Budgets notifications (SNS, plain text) and Cost Anomaly Detection (SNS JSON, or
 * the `Anomaly Detected` EventBridge event): budget, threshold, actual vs forecast; anomaly
 * impact (actual vs expected spend) and its root causes. Point a budget's or an anomaly
 * subscription's SNS topic at the stack's alerts topic.
 */

import { createHash } from 'node:crypto';
import type { Alert, Fact, Link, Severity } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import {
  arr,
  at,
  awsUrl,
  detailOf,
  fallbackLine,
  isoTime,
  join,
  num,
  obj,
  placeOf,
  regionOfArn,
  str,
  whereOf,
} from '../common.js';
import type { FamilyDefinition, FamilyInput } from '../definition.js';
import { isBudgetNotice, parseBudgetNotice } from './budget.js';

const money = (n: number | undefined) =>
  n === undefined
    ? undefined
    : `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** An anomaly message (SNS JSON or the EventBridge detail). */
function isAnomaly(message: unknown): boolean {
  const o = obj(message);
  return Boolean(o && str(o.anomalyId) && obj(o.impact));
}

function anomalySeverity(impact: number | undefined): Severity {
  if (impact === undefined) return 'medium';
  if (impact >= 1000) return 'high';
  if (impact >= 100) return 'medium';
  return 'low';
}

function anomalyAlert(
  a: Record<string, unknown>,
  input: FamilyInput,
  source: string,
  time: string | undefined,
): Alert {
  const { config, now } = input;
  const impact = num(at(a, 'impact', 'totalImpact'));
  const pct = num(at(a, 'impact', 'totalImpactPercentage'));
  const actual = num(at(a, 'impact', 'totalActualSpend'));
  const expected = num(at(a, 'impact', 'totalExpectedSpend'));
  const dimension = str(a.dimensionalValue) ?? str(a.dimensionValue);
  const where = whereOf(config, a.accountId, undefined);
  const id = str(a.anomalyId) ?? 'anomaly';
  const causes = arr(a.rootCauses)
    .map(obj)
    .slice(0, 5)
    .map((c) =>
      join([
        str(c?.service),
        str(c?.region),
        join([str(c?.linkedAccountName), str(c?.linkedAccount)], ' '),
        str(c?.usageType),
      ]),
    )
    .filter(Boolean)
    .join('\n');
  const title = `Cost anomaly${dimension ? ` in ${dimension}` : ''}: ${money(impact) ?? 'unknown impact'} above expected`;
  const facts: Fact[] = [
    {
      label: 'Impact',
      value: join([
        money(impact),
        pct === undefined ? undefined : `${pct.toLocaleString('en-US', { maximumFractionDigits: 2 })} %`,
      ]),
    },
    {
      label: 'Actual vs expected',
      value: actual === undefined ? '' : `${money(actual)} vs ${money(expected) ?? '?'}`,
    },
    { label: 'Max daily impact', value: money(num(at(a, 'impact', 'maxImpact'))) ?? '' },
    { label: 'Monitor', value: str(a.monitorName) ?? '' },
    { label: 'Root causes', value: causes },
    {
      label: 'Period',
      value: join([str(a.anomalyStartDate)?.slice(0, 10), str(a.anomalyEndDate)?.slice(0, 10)], ' → '),
    },
    { label: 'Account', value: where.account ?? join([str(a.accountName), str(a.accountId)], ' ') },
  ];
  const details = awsUrl(a.anomalyDetailsLink);
  const links: Link[] = details ? [{ text: 'Open anomaly', url: details }] : [];
  return {
    family: 'cost',
    severity: anomalySeverity(impact),
    emoji: '💸',
    title,
    facts,
    context: [join([formatTime(time, now), 'Cost Anomaly Detection']), `anomaly ${id}`],
    links,
    ...placeOf(where, time),
    fallback: fallbackLine(title, where),
    dedupeKey: `cost:anomaly:${id}:${impact ?? ''}:${str(a.anomalyEndDate) ?? ''}`,
    // An anomaly that keeps growing edits its message instead of posting again.
    ...(time
      ? { thread: { key: `cost:anomaly:${id}`, state: 'ALARM', since: time, onRepeat: 'update' } }
      : {}),
    route: {
      source,
      findingType: `anomaly:${dimension ?? ''}`,
      resources: [str(a.monitorArn), dimension].filter((v): v is string => Boolean(v)),
    },
  } satisfies Alert;
}

/**
 * Budgets are global, but the console is per partition: the notification's topic says which
 * (aws-cn and aws-us-gov topics live in their own regions); us-east-1 otherwise.
 */
function billingRegion(topicArn: string | undefined): string {
  const region = regionOfArn(topicArn);
  return region && (region.startsWith('cn-') || region.startsWith('us-gov-')) ? region : 'us-east-1';
}

function budgetAlert(text: string, input: FamilyInput): Alert {
  const { config, now, envelope } = input;
  const b = parseBudgetNotice(text);
  const where = whereOf(config, b.account, undefined);
  const forecast = b.alertType === 'FORECASTED';
  const name = b.name ?? 'budget';
  const title =
    `Budget ${name}: ${forecast ? 'forecast' : 'actual'} ${b.amount ?? ''} over alert threshold ${b.threshold?.replace(/^>\s*/, '') ?? ''}`
      .replace(/\s+/g, ' ')
      .trim();
  const time = isoTime(envelope.sns?.timestamp);
  const facts: Fact[] = [
    { label: 'Budget', value: join([name, b.type], ' · ') },
    { label: 'Budgeted', value: b.budgeted ?? '' },
    { label: 'Alert threshold', value: b.threshold ?? '' },
    { label: forecast ? 'Forecasted' : 'Actual', value: b.amount ?? '' },
    { label: 'Account', value: where.account ?? '' },
  ];
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 24);
  return {
    family: 'cost',
    severity: forecast ? 'medium' : 'high',
    emoji: '💸',
    title,
    summary: b.sentence ?? '',
    facts,
    context: [
      join([formatTime(time, now), 'AWS Budgets']),
      envelope.deliveryId ? `message ${envelope.deliveryId}` : '',
    ],
    links: [
      {
        text: 'Open budget',
        url: consoleUrl(
          billingRegion(envelope.sns?.topicArn),
          'billing/home',
          `/budgets/details?name=${encodeUriPart(name)}`,
        ),
      },
    ],
    ...placeOf(where, time),
    fallback: fallbackLine(title, where),
    dedupeKey: envelope.deliveryId ? `id:${envelope.deliveryId}` : `cost:budget:${hash}`,
    route: { findingType: `budget:${b.alertType ?? ''}`, resources: [name] },
  } satisfies Alert;
}

export const costFamily: FamilyDefinition = {
  id: 'cost',
  name: 'Cost',
  catches:
    'AWS Budgets alerts (SNS: budget, threshold, actual or forecast) and Cost Anomaly Detection (SNS or EventBridge: impact, actual vs expected spend, root causes)',
  defaultMinSeverity: 'low',
  patterns: [
    {
      key: 'anomaly',
      description: 'Cost Anomaly Detection anomalies',
      pattern: { source: ['aws.ce'], 'detail-type': ['Anomaly Detected'] },
    },
  ],
  matchesSns: (message, subject) => isAnomaly(message) || isBudgetNotice(message, subject),
  toAlert(raw, input) {
    if (input.envelope.shape === 'sns') {
      if (typeof raw === 'string')
        return isBudgetNotice(raw, input.envelope.sns?.subject) ? budgetAlert(raw, input) : null;
      const anomaly = obj(raw);
      return anomaly && isAnomaly(anomaly)
        ? anomalyAlert(anomaly, input, 'sns', isoTime(input.envelope.sns?.timestamp))
        : null;
    }
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail } = read;
    const time = isoTime(event.time) ?? isoTime(detail.anomalyEndDate);
    return anomalyAlert(
      { ...detail, accountId: detail.accountId ?? event.account },
      input,
      event.source,
      time,
    );
  },
};
