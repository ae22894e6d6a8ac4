/**
 * The fallback family: anything no other family claims still reaches Slack, with its
 * detail-type, source, account, region, time, resources and a compact view of the detail.
 */
import { createHash } from 'node:crypto';
import { accountLabel } from '../alerts/account.js';
import type { Alert, Fact } from '../alerts/alert.js';
import { formatTime } from '../alerts/time.js';
import type { EventFamily } from './family.js';
import { eventBridgeEvent } from './unwrap.js';

function hashOf(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function stringList(values: readonly unknown[] | undefined): string | undefined {
  if (!values || values.length === 0) return undefined;
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
}

export const genericFamily: EventFamily = {
  id: 'generic',
  matches: () => true,
  toAlert(envelope, { config, now }) {
    const eb = envelope.shape === 'eventbridge' ? eventBridgeEvent.safeParse(envelope.event) : undefined;
    if (eb?.success) {
      const e = eb.data;
      const account = accountLabel(e.account, config);
      const facts: Fact[] = [
        { label: 'Source', value: e.source },
        { label: 'Account', value: account ?? '' },
        { label: 'Region', value: e.region ?? '' },
        { label: 'Time', value: formatTime(e.time, now) ?? '' },
        { label: 'Resources', value: stringList(e.resources) ?? '' },
      ];
      return {
        family: 'generic',
        severity: 'info',
        emoji: '📣',
        title: e['detail-type'] || 'AWS event',
        ...(envelope.problem
          ? {
              summary: `cloudbell could not read this event fully (${envelope.problem}); it is shown as received.`,
            }
          : {}),
        facts,
        context: [`event ${e.id}`],
        detail: e.detail,
        links: [],
        ...(e.account ? { account: e.account } : {}),
        ...(e.region ? { region: e.region } : {}),
        ...(e.time ? { time: e.time } : {}),
        fallback: [e['detail-type'], e.source, account, e.region].filter(Boolean).join(' · '),
        dedupeKey: `eb:${e.id}`,
        route: { source: e.source },
      } satisfies Alert;
    }
    const subject = envelope.sns?.subject;
    const title = subject ? subject : envelope.shape === 'sns' ? 'SNS message' : 'Unrecognised event';
    return {
      family: 'generic',
      severity: 'info',
      emoji: '📣',
      title,
      summary: envelope.problem
        ? `cloudbell could not read this event (${envelope.problem}); it is shown as received.`
        : 'cloudbell does not know this kind of event; it is shown as received.',
      facts: envelope.sns?.topicArn ? [{ label: 'Topic', value: envelope.sns.topicArn }] : [],
      context: envelope.sns?.timestamp ? [formatTime(envelope.sns.timestamp, now) ?? ''] : [],
      detail: envelope.event,
      links: [],
      fallback: title,
      dedupeKey: envelope.deliveryId ? `id:${envelope.deliveryId}` : `hash:${hashOf(envelope.event)}`,
      route: {},
    } satisfies Alert;
  },
};
