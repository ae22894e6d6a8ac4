/**
 * AWS Config rule compliance (`Config Rules Compliance Change`): the rule, the resource type
 * and id, and NON_COMPLIANT ↔ COMPLIANT as a state pair that threads like an alarm: the
 * COMPLIANT replies under the NON_COMPLIANT it ends and turns the parent green.
 */

import type { AlarmState, Alert, Fact } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import { at, detailOf, fallbackLine, isoTime, join, placeOf, str, whereOf } from '../common.js';
import type { FamilyDefinition } from '../definition.js';

function stateOf(compliance: string | undefined): AlarmState | undefined {
  if (compliance === 'NON_COMPLIANT') return 'ALARM';
  if (compliance === 'COMPLIANT') return 'OK';
  return undefined;
}

export const configFamily: FamilyDefinition = {
  id: 'config',
  name: 'AWS Config',
  catches:
    'Config rule compliance changes: rule, resource type and id, annotation; NON_COMPLIANT opens a thread, COMPLIANT replies in it and turns it green',
  defaultMinSeverity: 'medium',
  patterns: [
    {
      key: 'compliance',
      description: 'AWS Config rule compliance changes to or from NON_COMPLIANT',
      pattern: {
        source: ['aws.config'],
        'detail-type': ['Config Rules Compliance Change'],
        detail: { newEvaluationResult: { complianceType: ['NON_COMPLIANT', 'COMPLIANT'] } },
      },
    },
  ],
  toAlert(raw, { config, now }) {
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail: d } = read;
    const qualifier = at(d, 'newEvaluationResult', 'evaluationResultIdentifier', 'evaluationResultQualifier');
    const rule = str(at(d, 'configRuleName')) ?? str(at(qualifier, 'configRuleName')) ?? 'Config rule';
    const resourceType = str(at(d, 'resourceType')) ?? str(at(qualifier, 'resourceType'));
    const resourceId = str(at(d, 'resourceId')) ?? str(at(qualifier, 'resourceId'));
    const now_ = stateOf(str(at(d, 'newEvaluationResult', 'complianceType')));
    const before = stateOf(str(at(d, 'oldEvaluationResult', 'complianceType')));
    if (!now_) return null;
    // COMPLIANT is news only when it ends a NON_COMPLIANT: a new resource that complies is not.
    if (now_ === 'OK' && before !== 'ALARM') return null;
    const where = whereOf(config, at(d, 'awsAccountId'), at(d, 'awsRegion'), event);
    const since =
      isoTime(at(d, 'newEvaluationResult', 'resultRecordedTime')) ??
      isoTime(at(d, 'notificationCreationTime')) ??
      isoTime(event.time);
    const annotation = str(at(d, 'newEvaluationResult', 'annotation'))?.trim();
    const ok = now_ === 'OK';
    const compliance = ok ? 'COMPLIANT' : 'NON_COMPLIANT';
    const resource = join([resourceType, resourceId], ' ');
    const title = `${compliance}: ${rule}${resourceId ? ` · ${resourceId}` : ''}`;
    const facts: Fact[] = [
      { label: 'Rule', value: rule },
      {
        label: 'Compliance',
        value: `${before === 'ALARM' ? 'NON_COMPLIANT' : before === 'OK' ? 'COMPLIANT' : 'new'} → ${compliance}`,
      },
      { label: 'Resource type', value: resourceType ?? '' },
      { label: 'Resource', value: resourceId ?? '' },
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
    ];
    const links = where.region
      ? [
          {
            text: 'Open rule in Config',
            url: consoleUrl(
              where.region,
              'config/home',
              `/rules/details?configRuleName=${encodeUriPart(rule)}`,
            ),
          },
          ...(resourceType && resourceId
            ? [
                {
                  text: 'Open resource timeline',
                  url: consoleUrl(
                    where.region,
                    'config/home',
                    `/resources/details?resourceId=${encodeUriPart(resourceId)}&resourceType=${encodeUriPart(resourceType)}`,
                  ),
                },
              ]
            : []),
        ]
      : [];
    const key = `config:${where.accountId ?? ''}:${where.region ?? ''}:${rule}:${resource}`;
    return {
      family: 'config',
      severity: 'medium',
      state: now_,
      emoji: ok ? '✅' : '📏',
      title,
      summary: annotation
        ? annotation
        : ok
          ? `${resource} complies with ${rule} again.`
          : `${resource} does not comply with ${rule}.`,
      facts,
      context: [
        join([formatTime(since, now), 'AWS Config']),
        str(at(d, 'configRuleARN')) ?? `event ${event.id}`,
      ],
      links,
      ...placeOf(where, since),
      fallback: fallbackLine(`Config ${title}`, where),
      dedupeKey: `${key}:${compliance}:${since ?? event.id}`,
      ...(since
        ? {
            thread: {
              key,
              state: now_,
              ...(before ? { previousState: before } : {}),
              since,
              words: { ALARM: 'NON_COMPLIANT', OK: 'COMPLIANT' },
            },
          }
        : {}),
      route: {
        source: event.source,
        findingType: rule,
        resources: [resourceId, resourceType].filter((v): v is string => Boolean(v)),
      },
    } satisfies Alert;
  },
};
