/**
 * The words that go with a graph in Slack: the alt text (plain, read by screen readers and
 * shown when the image cannot be), the file name, and the comment (a child alarm's name for a
 * composite, the console links of the service). Escaped and truncated here: the comment is
 * mrkdwn sent to Slack.
 */
import type { AlarmChange } from '../families/alarm/model.js';
import { formatNumber } from '../families/alarm/words.js';
import { safeText } from '../slack/text.js';
import { serviceLinks } from './service-links.js';
import type { GraphSubject } from './subject.js';

const ALT_MAX = 1000;
const COMMENT_MAX = 1500;
/** Slack's URL limit in links. */
const URL_MAX = 3000;

function metricWords(subject: GraphSubject): string {
  const expression = subject.metrics.find((q) => q.expression && q.returnData !== false);
  if (expression?.expression) return `the expression ${expression.label ?? expression.expression}`;
  const metric = subject.metrics.find((q) => q.metric)?.metric;
  return metric ? `${metric.namespace} ${metric.name}` : 'its metric';
}

/**
 * @example
 * ```ts
 * graphCaption(change, subject).altText; // 'Graph of AWS/Lambda Errors for alarm checkout-api-errors: ALARM at 14:02 UTC, threshold 5'
 * ```
 */
export function graphCaption(
  change: AlarmChange,
  subject: GraphSubject,
): { altText: string; comment?: string } {
  const at = `${subject.changedAt.slice(11, 16)} UTC`;
  const threshold = subject.threshold !== undefined ? `, threshold ${formatNumber(subject.threshold)}` : '';
  const band = subject.kind === 'anomaly' ? ', with the anomaly detection band' : '';
  const altText = `Graph of ${metricWords(subject)} for alarm ${subject.name}: ${subject.state} at ${at}${threshold}${band}`;
  const parts: string[] = [];
  if (subject.name !== change.name)
    parts.push(`Child alarm *${safeText(subject.name, 255)}* (${subject.state})`);
  const links = serviceLinks(change)
    .filter((l) => l.url.length <= URL_MAX)
    .map((l) => `<${l.url}|${safeText(l.text, 75)}>`);
  if (links.length > 0) parts.push(links.join(' · '));
  const comment = parts.join('\n');
  return {
    altText: altText.length > ALT_MAX ? `${altText.slice(0, ALT_MAX - 1)}…` : altText,
    ...(comment && comment.length <= COMMENT_MAX ? { comment } : {}),
  };
}

/** `checkout-api-errors-alarm-20261126T1402Z.png`: safe characters only. */
export function graphFilename(subject: GraphSubject): string {
  const name = subject.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'alarm';
  const stamp = subject.changedAt.replace(/[-:]/g, '').slice(0, 13);
  return `${name}-${subject.state.toLowerCase()}-${stamp}Z.png`;
}
