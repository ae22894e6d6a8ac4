/**
 * Family `dlq`: an alarm on `AWS/SQS ApproximateNumberOfMessagesVisible` for a dead-letter
 * queue gets its own message — the queue, how many messages wait, what to do next — and
 * "drained" when it goes back to OK. Registered before the alarm family, which would
 * otherwise claim these alarms.
 */

import type { Alert, Fact, Link } from '../../alerts/alert.js';
import { STATE_EMOJI } from '../../alerts/alert.js';
import type { Config } from '../../core/config.js';
import { alarmConsoleUrl, queueConsoleUrl } from '../alarm/alarm-links.js';
import {
  clip,
  DESCRIPTION_MAX,
  lifecycle,
  severityOf,
  stateFacts,
  whereFacts,
  whereLine,
} from '../alarm/message-parts.js';
import { type AlarmChange, AlarmKind } from '../alarm/model.js';
import { formatNumber, formatPeriod, statAndPeriod } from '../alarm/words.js';
import type { EventFamily } from '../family.js';

export const DLQ_EMOJI = '📥';
export const NEXT_STEP =
  'Next: look at a few messages, fix the consumer, then redrive them to the source queue.';

/**
 * Whether a queue name is a dead-letter queue: listed in config `dlqs:`, or named by the
 * usual conventions (`*-dlq`, `*-dead-letter`, `*DLQ`, each also with `.fifo`).
 *
 * @example
 * ```ts
 * isDlqName('orders-dlq.fifo', []); // true
 * isDlqName('orders', []); // false
 * ```
 */
export function isDlqName(queue: string, listed: readonly string[]): boolean {
  const base = queue.endsWith('.fifo') ? queue.slice(0, -'.fifo'.length) : queue;
  if (listed.includes(queue) || listed.includes(base)) return true;
  return /-(dlq|dead-letter)$/i.test(base) || base.endsWith('DLQ');
}

/**
 * The DLQ an alarm watches, or `undefined` when it is not a DLQ depth alarm.
 *
 * @example
 * ```ts
 * dlqQueueOf(change, config); // 'orders-dlq'
 * ```
 */
export function dlqQueueOf(change: AlarmChange, config: Pick<Config, 'dlqs'>): string | undefined {
  if (change.kind !== AlarmKind.Metric) return undefined;
  const metrics = change.metrics.filter((q) => q.metric !== undefined);
  const metric = metrics.length === 1 ? metrics[0]?.metric : undefined;
  if (metric?.namespace !== 'AWS/SQS' || metric.name !== 'ApproximateNumberOfMessagesVisible')
    return undefined;
  const queue = metric.dimensions.find(([k]) => k === 'QueueName')?.[1];
  return queue && isDlqName(queue, config.dlqs) ? queue : undefined;
}

const STAT_SHORT: Readonly<Record<string, string>> = {
  Maximum: 'max',
  Average: 'average',
  Minimum: 'min',
  Sum: 'sum',
  SampleCount: 'count',
};

function waitingText(count: number | undefined, change: AlarmChange): string | undefined {
  if (count === undefined) return undefined;
  const { stat, period } = statAndPeriod(change);
  const how = [
    stat ? (STAT_SHORT[stat] ?? stat) : undefined,
    period !== undefined ? `over ${formatPeriod(period)}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return how ? `${formatNumber(count)} (${how})` : formatNumber(count);
}

function headline(queue: string, change: AlarmChange, count: number | undefined): string {
  switch (change.state.value) {
    case 'OK':
      return `${queue} drained`;
    case 'INSUFFICIENT_DATA':
      return `${queue}: no data`;
    default:
      return count === undefined
        ? `${queue}: messages waiting`
        : `${queue}: ${formatNumber(count)} ${count === 1 ? 'message' : 'messages'} waiting`;
  }
}

function summaryOf(change: AlarmChange): string {
  const what =
    change.state.value === 'OK'
      ? 'The dead-letter queue is empty again.'
      : change.state.value === 'INSUFFICIENT_DATA'
        ? 'SQS sent no depth metric for this dead-letter queue. SQS stops reporting a queue that has been idle for up to 6 hours, so this usually means it is empty and quiet.'
        : 'Messages that failed processing are waiting in a dead-letter queue.';
  return change.description ? `${what}\n${clip(change.description, DESCRIPTION_MAX)}` : what;
}

function linksOf(queue: string, change: AlarmChange): Link[] {
  if (!change.region) return [];
  const links: Link[] = [];
  if (change.account)
    links.push({ text: 'Open queue', url: queueConsoleUrl(change.region, change.account, queue) });
  links.push({ text: 'Open alarm', url: alarmConsoleUrl(change.region, change.name) });
  return links;
}

/**
 * The alert for a DLQ depth alarm's state change.
 *
 * @example
 * ```ts
 * dlqAlert('orders-dlq', change, { config, now }).title; // 'orders-dlq: 37 messages waiting'
 * ```
 */
export function dlqAlert(
  queue: string,
  change: AlarmChange,
  { config, now }: { config: Pick<Config, 'accounts'>; now: Date },
): Alert {
  const state = change.state.value;
  // The count at the latest evaluated datapoint: what is waiting now, not the peak of the window.
  const count = change.datapoints.at(-1)?.value;
  const facts: Fact[] = [{ label: 'Queue', value: queue }];
  const waiting = state === 'OK' && count === undefined ? undefined : waitingText(count, change);
  if (waiting) facts.push({ label: 'Waiting', value: waiting });
  facts.push(
    ...stateFacts(change, now),
    { label: 'Alarm', value: change.name },
    ...whereFacts(change, config),
  );
  const title = headline(queue, change, count);
  const context = [state === 'ALARM' ? NEXT_STEP : undefined, change.state.reason, change.arn].filter(
    (c): c is string => c !== undefined && c.trim() !== '',
  );
  return {
    family: 'dlq',
    severity: severityOf(change),
    emoji: state === 'ALARM' ? DLQ_EMOJI : STATE_EMOJI[state],
    title,
    summary: summaryOf(change),
    facts,
    context,
    links: linksOf(queue, change),
    fallback: whereLine(title, change, config),
    ...lifecycle(change),
    subject: { queue },
  };
}

/** A DLQ depth alarm's state change, and the queue it watches. */
export interface DlqAlarm {
  readonly queue: string;
  readonly change: AlarmChange;
}

/**
 * The dlq family: built on the envelope's alarm read (shared with the alarm family, which is
 * tried after it), it claims the state changes of a dead-letter queue's depth alarm.
 */
export const dlqFamily: EventFamily<DlqAlarm> = {
  id: 'dlq',
  read(_envelope, { alarm, config }) {
    const read = alarm();
    if (read?.kind !== 'change') return undefined;
    const queue = dlqQueueOf(read.change, config);
    return queue === undefined ? undefined : { queue, change: read.change };
  },
  toAlert: ({ queue, change }, context) => dlqAlert(queue, change, context),
};
