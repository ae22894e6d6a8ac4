/**
 * ECS task stopped (`ECS Task State Change`, lastStatus STOPPED): stop code and reason,
 * container exit codes, OOM, image pull errors, service and task definition. Only unexpected
 * stops by default; `families.ecs.allStops: true` posts the expected ones too.
 */

import type { Alert, Fact, Link } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import {
  at,
  detailOf,
  fallbackLine,
  isoTime,
  join,
  lastPart,
  num,
  placeOf,
  str,
  whereOf,
} from '../common.js';
import type { FamilyDefinition } from '../definition.js';
import { stopVerdict } from './stop.js';

const e = encodeUriPart;

export const ecsFamily: FamilyDefinition = {
  id: 'ecs',
  name: 'ECS',
  catches:
    'ECS tasks that stopped unexpectedly: stop code and reason, container exit codes, out of memory, image pull errors, service and task definition (`allStops: true` for every stop)',
  defaultMinSeverity: 'low',
  patterns: [
    {
      key: 'task-stopped',
      description: 'ECS tasks that stopped',
      pattern: {
        source: ['aws.ecs'],
        'detail-type': ['ECS Task State Change'],
        detail: { lastStatus: ['STOPPED'] },
      },
    },
  ],
  toAlert(raw, { config, now, settings }) {
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail: d } = read;
    const verdict = stopVerdict(d);
    if (!verdict.unexpected && !settings.allStops) return null;
    const where = whereOf(config, undefined, undefined, event);
    const clusterArn = str(at(d, 'clusterArn'));
    const cluster = lastPart(clusterArn);
    const taskArn = str(at(d, 'taskArn'));
    const taskId = lastPart(taskArn);
    const group = str(at(d, 'group'));
    const service = group?.startsWith('service:') ? group.slice('service:'.length) : undefined;
    const taskDefinition = str(at(d, 'taskDefinitionArn'))?.split('/').pop();
    const name =
      service ?? (group?.startsWith('family:') ? group.slice('family:'.length) : undefined) ?? taskDefinition;
    const title = name
      ? `ECS ${service ? 'service' : 'task'} ${name}: task stopped (${verdict.cause})`
      : `ECS task stopped (${verdict.cause})`;
    const containers = verdict.containers
      .slice(0, 5)
      .map((c) =>
        join([c.name, c.exitCode === undefined ? undefined : `exit ${c.exitCode}`, c.reason], ' · '),
      )
      .join('\n');
    const facts: Fact[] = [
      { label: 'Cluster', value: cluster ?? '' },
      { label: service ? 'Service' : 'Group', value: service ?? group ?? '' },
      { label: 'Task definition', value: taskDefinition ?? '' },
      { label: 'Stop code', value: str(at(d, 'stopCode')) ?? '' },
      { label: 'Containers', value: containers },
      { label: 'Launch type', value: join([str(at(d, 'launchType')), str(at(d, 'capacityProviderName'))]) },
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
    ];
    const links: Link[] = [];
    if (where.region && cluster && taskId)
      links.push({
        text: 'Open task',
        url: consoleUrl(where.region, `ecs/v2/clusters/${e(cluster)}/tasks/${e(taskId)}/configuration`),
      });
    if (where.region && cluster && service)
      links.push({
        text: 'Open service',
        url: consoleUrl(where.region, `ecs/v2/clusters/${e(cluster)}/services/${e(service)}/health`),
      });
    const time = isoTime(at(d, 'stoppedAt')) ?? isoTime(event.time);
    return {
      family: 'ecs',
      severity: verdict.unexpected ? 'high' : 'low',
      emoji: '📦',
      title,
      summary: str(at(d, 'stoppedReason')) ?? '',
      facts,
      context: [join([formatTime(time, now), 'ECS']), taskId ? `task ${taskId}` : `event ${event.id}`],
      links,
      ...placeOf(where, time),
      fallback: fallbackLine(title, where),
      // ECS may send one change twice; the task's detail version tells them apart.
      dedupeKey: taskArn ? `ecs:${taskArn}:${num(at(d, 'version')) ?? event.id}` : `eb:${event.id}`,
      route: {
        source: event.source,
        findingType: str(at(d, 'stopCode')) ?? 'STOPPED',
        resources: [cluster, service, taskDefinition, taskArn].filter((v): v is string => Boolean(v)),
      },
    } satisfies Alert;
  },
};
