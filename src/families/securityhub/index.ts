/**
 * Security Hub findings (`Security Hub Findings - Imported`, ASFF, `findings[]` in batches):
 * one message per finding with its product, severity, resources, compliance status and control
 * id, and remediation link. Suppressed, resolved and archived findings are not posted as new;
 * an update of a posted finding edits its message. A finding whose product cloudbell also reads
 * directly (GuardDuty, Inspector, IAM Access Analyzer, Config) is posted from the direct event
 * while that family is enabled, so it is one alert, not two.
 */

import type { Alert, Fact, Link } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import type { EventBridgeEvent } from '../../sources/unwrap.js';
import {
  arr,
  at,
  awsUrl,
  eventOf,
  fallbackLine,
  isoTime,
  join,
  obj,
  placeOf,
  str,
  whereOf,
} from '../common.js';
import type { FamilyDefinition } from '../definition.js';
import { type FamilyId, settingsOf } from '../family-switches.js';
import { complianceLine, controlId, findingResources, findingSeverity, productName } from './asff.js';

export const FINDINGS_IMPORTED = 'Security Hub Findings - Imported';

/** Products cloudbell reads directly, by their Security Hub product name. */
const DIRECT: Record<string, FamilyId> = {
  GuardDuty: 'guardduty',
  Inspector: 'inspector',
  'IAM Access Analyzer': 'accessanalyzer',
  Config: 'config',
};

/** The Security Hub console page of one finding (partition-aware). */
export function securityHubFindingUrl(region: string, findingId: string): string {
  // The console's search syntax, encoded the way its own "copy link" does.
  const term = encodeUriPart(`\\operator\\:EQUALS\\:${findingId}`);
  return consoleUrl(region, 'securityhub/home', `/findings?search=Id%3D${encodeUriPart(term)}`);
}

export const securityhubFamily: FamilyDefinition = {
  id: 'securityhub',
  name: 'Security Hub',
  catches:
    'Security Hub findings (ASFF, batches split into one message each): product, severity, resources, compliance status and control id, remediation link; suppressed/resolved/archived not posted; no double of a GuardDuty, Inspector, Access Analyzer or Config finding posted directly',
  defaultMinSeverity: 'medium',
  patterns: [
    {
      key: 'findings',
      description: 'Security Hub findings that are active and new or notified',
      pattern: {
        source: ['aws.securityhub'],
        'detail-type': [FINDINGS_IMPORTED],
        detail: { findings: { RecordState: ['ACTIVE'], Workflow: { Status: ['NEW', 'NOTIFIED'] } } },
      },
    },
  ],
  split(event: EventBridgeEvent) {
    const findings = arr(at(event.detail, 'findings'));
    if (findings.length <= 1) return [event];
    const detail = obj(event.detail) ?? {};
    return findings.map((finding) => ({ ...event, detail: { ...detail, findings: [finding] } }));
  },
  toAlert(raw, { config, now }) {
    const event = eventOf(raw);
    const finding = obj(arr(at(event?.detail, 'findings'))[0]);
    if (!event || !finding) return null;
    // A control that passes again is resolved, not news.
    if (str(at(finding, 'Compliance', 'Status')) === 'PASSED') return null;
    const product = productName(finding);
    const direct = Object.hasOwn(DIRECT, product) ? DIRECT[product] : undefined;
    if (direct && settingsOf(config.families, direct).enabled) return null;

    const severity = findingSeverity(finding);
    const id = str(finding.Id) ?? event.id;
    const resources = findingResources(finding);
    const firstResourceRegion = str(at(arr(finding.Resources)[0], 'Region'));
    const where = whereOf(config, finding.AwsAccountId, str(finding.Region) ?? firstResourceRegion, event);
    const updatedAt = isoTime(finding.UpdatedAt) ?? isoTime(event.time);
    const control = controlId(finding);
    const title = str(finding.Title) ?? control ?? 'Security Hub finding';
    const remediation = obj(at(finding, 'Remediation', 'Recommendation'));
    const types = arr(finding.Types).map(str).filter(Boolean).slice(0, 3).join('\n');

    const facts: Fact[] = [
      {
        label: 'Product',
        value: join([
          product,
          str(at(finding, 'CompanyName')) === 'AWS' ? undefined : str(at(finding, 'CompanyName')),
        ]),
      },
      { label: 'Severity', value: str(at(finding, 'Severity', 'Label')) ?? severity.toUpperCase() },
      { label: 'Resources', value: resources.text },
      { label: 'Compliance', value: complianceLine(finding) ?? '' },
      { label: 'Type', value: types },
      { label: 'Workflow', value: join([str(at(finding, 'Workflow', 'Status')), str(finding.RecordState)]) },
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
      { label: 'Remediation', value: str(remediation?.Text) ?? '' },
    ];
    const links: Link[] = [];
    if (where.region)
      links.push({ text: 'Open in Security Hub', url: securityHubFindingUrl(where.region, id) });
    const source = awsUrl(finding.SourceUrl);
    if (source) links.push({ text: `Open in ${product}`, url: source });
    const fix = awsUrl(remediation?.Url);
    if (fix) links.push({ text: 'Remediation', url: fix });
    const headline = `${severity.toUpperCase()} · ${title}`;
    return {
      family: 'securityhub',
      severity,
      emoji: '🛡️',
      title: headline,
      summary: str(finding.Description) ?? '',
      facts,
      context: [
        join([formatTime(updatedAt, now), 'Security Hub', product === 'Security Hub' ? undefined : product]),
        `finding ${id}`,
      ],
      links,
      ...placeOf(where, updatedAt),
      fallback: fallbackLine(`Security Hub ${headline}`, where),
      dedupeKey: `sh:${id}:${updatedAt ?? event.id}`,
      ...(updatedAt
        ? { thread: { key: `finding:${id}`, state: 'ALARM', since: updatedAt, onRepeat: 'update' } }
        : {}),
      route: {
        source: event.source,
        findingType: control ?? str(arr(finding.Types)[0]) ?? product,
        resources: resources.ids,
      },
    } satisfies Alert;
  },
};
