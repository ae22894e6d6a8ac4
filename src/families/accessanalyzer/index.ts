/**
 * IAM Access Analyzer findings (`Access Analyzer Finding`): which resource is shared with
 * which external principal (or the public), and the access granted. Active findings only;
 * deleted findings and updates are not posted again as new.
 */

import type { Alert, Fact, Link } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import {
  arr,
  at,
  detailOf,
  fallbackLine,
  isoTime,
  join,
  lastPart,
  obj,
  placeOf,
  str,
  whereOf,
} from '../common.js';
import type { FamilyDefinition } from '../definition.js';

/** `{"AWS": "999988887777"}` → `AWS 999988887777`, one line per principal. */
function principals(value: unknown): string {
  const o = obj(value);
  if (!o) return str(value) ?? '';
  return Object.entries(o)
    .flatMap(([kind, v]) => (Array.isArray(v) ? v : [v]).map((p) => `${kind} ${str(p) ?? JSON.stringify(p)}`))
    .slice(0, 5)
    .join('\n');
}

export const accessAnalyzerFamily: FamilyDefinition = {
  id: 'accessanalyzer',
  name: 'IAM Access Analyzer',
  catches:
    'Access Analyzer findings: the resource shared outside the zone of trust, the external principal or the public, and the access granted',
  defaultMinSeverity: 'medium',
  patterns: [
    {
      key: 'finding',
      description: 'IAM Access Analyzer findings that are active',
      pattern: {
        source: ['aws.access-analyzer'],
        'detail-type': ['Access Analyzer Finding'],
        detail: { status: ['ACTIVE'] },
      },
    },
  ],
  toAlert(raw, { config, now }) {
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail: d } = read;
    if (at(d, 'isDeleted') === true) return null;
    const where = whereOf(config, at(d, 'accountId'), at(d, 'region'), event);
    const id = str(at(d, 'id')) ?? event.id;
    const resourceArn = str(at(d, 'resource'));
    const resourceType = str(at(d, 'resourceType'));
    const error = str(at(d, 'error'));
    const isPublic = at(d, 'isPublic') === true;
    const who = principals(at(d, 'principal'));
    const actions = arr(at(d, 'action'))
      .map(str)
      .filter((a): a is string => Boolean(a));
    const what = join([resourceType, lastPart(resourceArn)], ' ');
    const title = error
      ? `Access Analyzer could not analyse ${what} (${error})`
      : isPublic
        ? `Public access to ${what}`
        : `External access to ${what}${who ? ` from ${who.split('\n')[0]}` : ''}`;
    const condition = obj(at(d, 'condition'));
    const facts: Fact[] = [
      { label: 'Resource', value: join([resourceType, resourceArn], '\n') },
      { label: 'Shared with', value: isPublic ? `everyone (public)${who ? `\n${who}` : ''}` : who },
      {
        label: 'Access granted',
        value:
          actions.length > 12
            ? `${actions.slice(0, 12).join(', ')} … and ${actions.length - 12} more`
            : actions.join(', '),
      },
      {
        label: 'Condition',
        value: condition && Object.keys(condition).length > 0 ? JSON.stringify(condition) : '',
      },
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
    ];
    const analyzer = lastPart(str(event.resources?.[0]));
    const links: Link[] = [];
    if (where.region && analyzer)
      links.push({
        text: 'Open finding',
        url: consoleUrl(
          where.region,
          'access-analyzer/home',
          `/findings/details/${encodeUriPart(analyzer)}/${encodeUriPart(id)}`,
        ),
      });
    const updated = isoTime(at(d, 'updatedAt')) ?? isoTime(at(d, 'analyzedAt')) ?? isoTime(event.time);
    return {
      family: 'accessanalyzer',
      severity: error ? 'low' : isPublic ? 'high' : 'medium',
      emoji: '🔓',
      title,
      facts,
      context: [
        join([
          formatTime(updated, now),
          'IAM Access Analyzer',
          analyzer ? `analyzer ${analyzer}` : undefined,
        ]),
        `finding ${id}`,
      ],
      links,
      ...placeOf(where, updated),
      fallback: fallbackLine(title, where),
      dedupeKey: `aa:${id}:${updated ?? event.id}`,
      ...(updated
        ? { thread: { key: `finding:aa:${id}`, state: 'ALARM', since: updated, onRepeat: 'update' } }
        : {}),
      route: {
        source: event.source,
        findingType: error ? `error:${error}` : isPublic ? 'public' : 'external',
        resources: [resourceArn, resourceType].filter((v): v is string => Boolean(v)),
      },
    } satisfies Alert;
  },
};
