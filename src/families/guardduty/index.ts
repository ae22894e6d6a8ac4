/**
 * GuardDuty findings (`GuardDuty Finding`): the finding type decoded, severity 0–10 as a label,
 * the affected resource, the actor (IP, ASN, country, API called), count and first/last seen.
 * A repeat of one finding (same id, the count grows) edits the first message in place.
 */

import type { Alert, Fact, Severity } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import {
  at,
  camelKeys,
  detailOf,
  fallbackLine,
  isoTime,
  type Json,
  join,
  num,
  placeOf,
  severityFromScore,
  str,
  whereOf,
} from '../common.js';
import type { FamilyDefinition } from '../definition.js';
import { decodeFindingType } from './finding-type.js';
import { describeAction, describeResource } from './resource.js';

/** GuardDuty's bands: Critical 9.0–10.0, High 7.0–8.9, Medium 4.0–6.9, Low 1.0–3.9. */
export function guardDutySeverity(score: number | undefined): Severity {
  return score === undefined
    ? 'medium'
    : severityFromScore(score, { critical: 9, high: 7, medium: 4, low: 1 });
}

const LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Informational',
};

function hhmm(iso: string | undefined): string | undefined {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : undefined;
}

/** The GuardDuty console page of one finding (partition-aware). */
export function guardDutyFindingUrl(region: string, findingId: string): string {
  return consoleUrl(region, 'guardduty/home', `/findings?macros=current&fId=${encodeUriPart(findingId)}`);
}

export const guarddutyFamily: FamilyDefinition = {
  id: 'guardduty',
  name: 'GuardDuty',
  catches:
    'GuardDuty findings: type decoded, severity, the resource (instance, access key, bucket, EKS, Lambda, RDS), the actor and API, count and first/last seen; a repeat edits its message',
  defaultMinSeverity: 'medium',
  patterns: [
    {
      key: 'finding',
      description: 'GuardDuty findings',
      pattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
    },
  ],
  toAlert(raw, { config, now }) {
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail: given } = read;
    // A finding forwarded as the CLI or an SDK prints it (PascalCase) reads like the EventBridge one.
    const d = given.Type !== undefined && given.type === undefined ? (camelKeys(given) as Json) : given;
    // An archived finding is closed by the team: its updates are not news.
    if (at(d, 'service', 'archived') === true) return null;
    const type = str(at(d, 'type')) ?? 'GuardDuty finding';
    const score = num(at(d, 'severity'));
    const severity = guardDutySeverity(score);
    const where = whereOf(config, at(d, 'accountId'), at(d, 'region'), event);
    const id = str(at(d, 'id'));
    const arn = str(at(d, 'arn'));
    const decoded = decodeFindingType(type);
    const resource = describeResource(at(d, 'resource'));
    const action = describeAction(at(d, 'service', 'action'));
    const count = num(at(d, 'service', 'count'));
    const firstSeen = isoTime(at(d, 'service', 'eventFirstSeen'));
    const lastSeen = isoTime(at(d, 'service', 'eventLastSeen'));
    const updatedAt = isoTime(at(d, 'updatedAt')) ?? isoTime(event.time);
    const title = str(at(d, 'title')) ?? type;

    const facts: Fact[] = [
      { label: 'Finding type', value: join([type, decoded.purposeMeaning], '\n') },
      {
        label: 'Severity',
        value: `${LABEL[severity]}${score === undefined ? '' : ` (${score.toFixed(1)})`}`,
      },
      { label: 'Resource', value: resource.text },
      { label: 'Actor', value: action.actor ?? '' },
      { label: 'Action', value: action.action ?? '' },
      {
        label: 'Count',
        value: join(
          [
            count === undefined ? undefined : String(count),
            firstSeen ? `first ${hhmm(firstSeen)}` : undefined,
            lastSeen ? `last ${hhmm(lastSeen)}` : undefined,
          ],
          ' · ',
        ),
      },
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
    ];
    const repeat = count !== undefined && count > 1 ? ` (×${count})` : '';
    const headline = `${severity.toUpperCase()} · ${title}${repeat}`;
    const key = arn ?? id ?? event.id;
    return {
      family: 'guardduty',
      severity,
      emoji: '🛡️',
      title: headline,
      summary: str(at(d, 'description')) ?? '',
      facts,
      context: [join([formatTime(updatedAt, now), 'GuardDuty']), id ? `finding ${id}` : `event ${event.id}`],
      links:
        where.region && id ? [{ text: 'Open in GuardDuty', url: guardDutyFindingUrl(where.region, id) }] : [],
      ...placeOf(where, updatedAt),
      fallback: fallbackLine(`GuardDuty ${headline}`, where),
      dedupeKey: `gd:${key}:${count ?? 0}:${updatedAt ?? event.id}`,
      ...(updatedAt
        ? { thread: { key: `finding:${key}`, state: 'ALARM', since: updatedAt, onRepeat: 'update' } }
        : {}),
      route: { source: event.source, findingType: type, resources: resource.ids },
    } satisfies Alert;
  },
};
