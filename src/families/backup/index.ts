/**
 * AWS Backup jobs that did not finish: backup jobs FAILED, ABORTED, EXPIRED or PARTIAL, copy
 * jobs FAILED or PARTIAL, restore jobs FAILED, with the resource, vault, plan and the status
 * message.
 */

import type { Alert, Fact, Link } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import { at, detailOf, fallbackLine, isoTime, join, lastPart, placeOf, str, whereOf } from '../common.js';
import type { FamilyDefinition } from '../definition.js';

const BACKUP = 'Backup Job State Change';
const COPY = 'Copy Job State Change';
const RESTORE = 'Restore Job State Change';

const KIND: Record<string, { noun: string; id: string; page: string }> = {
  [BACKUP]: { noun: 'Backup job', id: 'backupJobId', page: 'backup-job' },
  [COPY]: { noun: 'Copy job', id: 'copyJobId', page: 'copy-job' },
  [RESTORE]: { noun: 'Restore job', id: 'restoreJobId', page: 'restore-job' },
};

/** The status message without the quotes AWS Backup sometimes wraps it in. */
function message(detail: unknown): string | undefined {
  return str(at(detail, 'statusMessage'))?.replace(/^"(.*)"$/s, '$1');
}

export const backupFamily: FamilyDefinition = {
  id: 'backup',
  name: 'AWS Backup',
  catches:
    'Backup, copy and restore jobs that failed, were aborted, expired or finished partially: resource, vault, plan, status message',
  defaultMinSeverity: 'low',
  patterns: [
    {
      key: 'backup-job',
      description: 'AWS Backup jobs that failed, were aborted, expired or are partial',
      pattern: {
        source: ['aws.backup'],
        'detail-type': [BACKUP],
        detail: { state: ['FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL'] },
      },
    },
    {
      key: 'copy-job',
      description: 'AWS Backup copy jobs that failed or are partial',
      pattern: { source: ['aws.backup'], 'detail-type': [COPY], detail: { state: ['FAILED', 'PARTIAL'] } },
    },
    {
      key: 'restore-job',
      description: 'AWS Backup restore jobs that failed',
      pattern: { source: ['aws.backup'], 'detail-type': [RESTORE], detail: { status: ['FAILED'] } },
    },
  ],
  toAlert(raw, { config, now }) {
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail: d } = read;
    const kind = KIND[event['detail-type']];
    if (!kind) return null;
    const state = str(at(d, 'state')) ?? str(at(d, 'status')) ?? 'UNKNOWN';
    const where = whereOf(config, at(d, 'accountId'), undefined, event);
    const jobId = str(at(d, kind.id));
    const resource =
      str(at(d, 'resourceArn')) ?? str(at(d, 'sourceResourceArn')) ?? str(event.resources?.[0]);
    const vault =
      str(at(d, 'backupVaultName')) ??
      lastPart(str(at(d, 'backupVaultArn')) ?? str(at(d, 'sourceBackupVaultArn')));
    const plan = str(at(d, 'createdBy', 'backupPlanId'));
    const severity = state === 'FAILED' ? 'high' : 'medium';
    const title = `${kind.noun} ${state.toLowerCase()}: ${join([str(at(d, 'resourceType')), lastPart(resource)], ' ') || 'resource'}`;
    const facts: Fact[] = [
      { label: 'State', value: state },
      { label: 'Resource', value: join([str(at(d, 'resourceType')), resource], '\n') },
      { label: 'Vault', value: vault ?? '' },
      { label: 'Destination vault', value: lastPart(str(at(d, 'destinationBackupVaultArn'))) ?? '' },
      { label: 'Plan', value: plan ?? '' },
      { label: 'Job', value: jobId ?? '' },
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
    ];
    const links: Link[] = [];
    if (where.region && jobId)
      links.push({
        text: `Open ${kind.noun.toLowerCase()}`,
        url: consoleUrl(where.region, 'backup/home', `/jobs/${kind.page}/details/${encodeUriPart(jobId)}`),
      });
    const time = isoTime(at(d, 'completionDate')) ?? isoTime(event.time);
    return {
      family: 'backup',
      severity,
      emoji: '💾',
      title,
      summary: message(d) ?? '',
      facts,
      context: [join([formatTime(time, now), 'AWS Backup']), `event ${event.id}`],
      links,
      ...placeOf(where, time),
      fallback: fallbackLine(title, where),
      dedupeKey: jobId ? `backup:${kind.page}:${jobId}:${state}` : `eb:${event.id}`,
      route: {
        source: event.source,
        findingType: `${kind.page}:${state}`,
        resources: [resource, vault].filter((v): v is string => Boolean(v)),
      },
    } satisfies Alert;
  },
};
