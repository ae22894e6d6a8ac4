/**
 * RDS DB instance and cluster events in the categories an on-call cares about: failover,
 * failure, low storage. The event message and id (RDS-EVENT-…) as RDS wrote them.
 */

import type { Alert, Fact, Severity } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import { arr, at, detailOf, fallbackLine, isoTime, join, placeOf, str, whereOf } from '../common.js';
import type { FamilyDefinition } from '../definition.js';

const CATEGORIES = ['failover', 'failure', 'low storage'];

function severityOf(categories: readonly string[]): Severity {
  return categories.includes('failure') || categories.includes('low storage') ? 'high' : 'medium';
}

export const rdsFamily: FamilyDefinition = {
  id: 'rds',
  name: 'RDS',
  catches:
    'RDS DB instance and cluster events: failover, failure, low storage, with the RDS event message and id',
  defaultMinSeverity: 'low',
  patterns: [
    {
      key: 'instance',
      description: 'RDS DB instance failover, failure and low-storage events',
      pattern: {
        source: ['aws.rds'],
        'detail-type': ['RDS DB Instance Event'],
        detail: { EventCategories: CATEGORIES },
      },
    },
    {
      key: 'cluster',
      description: 'RDS DB cluster failover, failure and low-storage events',
      pattern: {
        source: ['aws.rds'],
        'detail-type': ['RDS DB Cluster Event'],
        detail: { EventCategories: CATEGORIES },
      },
    },
  ],
  toAlert(raw, { config, now }) {
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail: d } = read;
    const categories = arr(at(d, 'EventCategories'))
      .map(str)
      .filter((c): c is string => Boolean(c));
    const id = str(at(d, 'SourceIdentifier')) ?? 'database';
    const message = str(at(d, 'Message')) ?? categories.join(', ');
    const where = whereOf(config, undefined, undefined, event);
    const cluster = event['detail-type'] === 'RDS DB Cluster Event';
    const title = `RDS ${cluster ? 'cluster' : 'instance'} ${id}: ${message}`;
    const facts: Fact[] = [
      { label: cluster ? 'Cluster' : 'Instance', value: id },
      { label: 'Category', value: categories.join(', ') },
      { label: 'Event', value: str(at(d, 'EventID')) ?? '' },
      { label: 'Source type', value: str(at(d, 'SourceType')) ?? '' },
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
    ];
    const time = isoTime(at(d, 'Date')) ?? isoTime(event.time);
    return {
      family: 'rds',
      severity: severityOf(categories),
      emoji: '🗄️',
      title,
      facts,
      context: [join([formatTime(time, now), 'Amazon RDS']), str(at(d, 'SourceArn')) ?? `event ${event.id}`],
      links: where.region
        ? [
            {
              text: `Open ${cluster ? 'cluster' : 'database'}`,
              url: consoleUrl(
                where.region,
                'rds/home',
                `database:id=${encodeUriPart(id)};is-cluster=${cluster}`,
              ),
            },
          ]
        : [],
      ...placeOf(where, time),
      fallback: fallbackLine(title, where),
      dedupeKey: `eb:${event.id}`,
      route: {
        source: event.source,
        findingType: str(at(d, 'EventID')) ?? categories.join(','),
        resources: [id, str(at(d, 'SourceArn'))].filter((v): v is string => Boolean(v)),
      },
    } satisfies Alert;
  },
};
