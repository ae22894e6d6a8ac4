/**
 * AWS Health events (`AWS Health Event`, account and organizational view): issue, scheduled
 * change, account notification or investigation; service, region, affected entities, status
 * and start/end. Updates of one event thread under its first message, and `closed` closes it.
 */

import type { Alert, Fact, Severity } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import { arr, at, detailOf, fallbackLine, isoTime, join, obj, placeOf, str, whereOf } from '../common.js';
import type { FamilyDefinition } from '../definition.js';

const KINDS: Record<string, { label: string; severity: Severity }> = {
  issue: { label: 'Issue', severity: 'high' },
  investigation: { label: 'Investigation', severity: 'medium' },
  scheduledChange: { label: 'Scheduled change', severity: 'medium' },
  accountNotification: { label: 'Account notification', severity: 'low' },
};

/** `AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED` → `Instance store drive performance degraded`. */
export function readableEventType(code: string, service: string | undefined): string {
  let rest = code.replace(/^AWS_/, '');
  const svc = service?.replace(/^AWS_/, '');
  if (svc && rest.startsWith(`${svc}_`)) rest = rest.slice(svc.length + 1);
  const words = rest.toLowerCase().replace(/_/g, ' ').trim();
  return words === '' ? code : words.charAt(0).toUpperCase() + words.slice(1);
}

/** open / upcoming / closed; an event without a status whose end has passed is closed. */
function statusOf(detail: unknown, now: Date): 'open' | 'upcoming' | 'closed' {
  const code = str(at(detail, 'statusCode'))?.toLowerCase();
  if (code === 'open' || code === 'upcoming' || code === 'closed') return code;
  const end = isoTime(at(detail, 'endTime'));
  return end && Date.parse(end) <= now.getTime() ? 'closed' : 'open';
}

function entities(detail: unknown): { text: string; ids: string[] } {
  const list = arr(at(detail, 'affectedEntities')).map(obj);
  const ids = list.map((e) => str(e?.entityValue)).filter((v): v is string => Boolean(v));
  const shown = ids.slice(0, 10).join('\n');
  return { text: ids.length > 10 ? `${shown}\n… and ${ids.length - 10} more` : shown, ids };
}

function description(detail: unknown): string | undefined {
  const list = arr(at(detail, 'eventDescription')).map(obj);
  const english = list.find((d) => str(d?.language)?.startsWith('en')) ?? list[0];
  // Organizational and enriched forms put a single object here.
  return str(english?.latestDescription) ?? str(at(detail, 'eventDescription', 'latestDescription'));
}

export const healthFamily: FamilyDefinition = {
  id: 'health',
  name: 'AWS Health',
  catches:
    'AWS Health events (account and organizational view): issue, scheduled change or notification, service, region, affected entities, status and start/end; updates thread under the first message and closing closes it',
  defaultMinSeverity: 'low',
  patterns: [
    {
      key: 'event',
      description: 'AWS Health events',
      pattern: { source: ['aws.health'], 'detail-type': ['AWS Health Event'] },
    },
  ],
  toAlert(raw, { config, now }) {
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail: d } = read;
    const arn = str(at(d, 'eventArn')) ?? str(at(d, 'arn'));
    const service = str(at(d, 'service'));
    const code = str(at(d, 'eventTypeCode')) ?? 'AWS Health event';
    const category = str(at(d, 'eventTypeCategory')) ?? 'issue';
    const kind = Object.hasOwn(KINDS, category) ? KINDS[category] : undefined;
    const status = statusOf(d, now);
    const severity = kind?.severity ?? 'medium';
    // Organizational view: `account` is the receiving (admin) account, the affected one is in the detail.
    const where = whereOf(
      config,
      at(d, 'affectedAccount'),
      str(at(d, 'eventRegion')) ?? str(at(d, 'region')),
      event,
    );
    const start = isoTime(at(d, 'startTime'));
    const end = isoTime(at(d, 'endTime'));
    const updated = isoTime(at(d, 'lastUpdatedTime')) ?? isoTime(event.time) ?? start;
    const affected = entities(d);
    const closed = status === 'closed';
    const what = readableEventType(code, service);
    const label = kind?.label ?? category;
    const title = `${closed ? 'Closed' : label}: ${join([service, what], ' · ')}`;
    const facts: Fact[] = [
      { label: 'Kind', value: label },
      { label: 'Status', value: status },
      { label: 'Service', value: service ?? '' },
      { label: 'Event type', value: code },
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
      { label: 'Start', value: formatTime(start, now) ?? '' },
      { label: 'End', value: formatTime(end, now) ?? '' },
      { label: 'Affected', value: affected.text },
      { label: 'Scope', value: str(at(d, 'eventScopeCode')) ?? '' },
    ];
    const page = str(at(d, 'page'));
    const pages = str(at(d, 'totalPages'));
    return {
      family: 'health',
      severity,
      ...(closed ? { state: 'OK' as const } : {}),
      emoji: closed ? '✅' : '🩺',
      title,
      summary: description(d) ?? '',
      facts,
      context: [
        join([
          formatTime(updated, now),
          'AWS Health',
          pages && pages !== '1' ? `page ${page ?? '?'} of ${pages}` : undefined,
        ]),
        arn ? `event ${arn}` : `event ${event.id}`,
      ],
      links:
        where.region && arn
          ? [
              {
                text: 'Open in AWS Health',
                url: consoleUrl(
                  where.region,
                  'health/home',
                  `/account/event-log?eventID=${encodeUriPart(arn)}&eventTab=details`,
                ),
              },
            ]
          : [],
      ...placeOf(where, updated),
      fallback: fallbackLine(`AWS Health ${title} (${status})`, where),
      dedupeKey: `health:${where.accountId ?? ''}:${arn ?? event.id}:${updated ?? event.id}:${status}:${page ?? '1'}`,
      ...(updated && arn
        ? {
            thread: {
              key: `health:${where.accountId ?? ''}:${arn}`,
              state: closed ? 'OK' : 'ALARM',
              since: updated,
              words: { ALARM: 'open', OK: 'closed' },
            },
          }
        : {}),
      route: { source: event.source, findingType: code, resources: affected.ids },
    } satisfies Alert;
  },
};
