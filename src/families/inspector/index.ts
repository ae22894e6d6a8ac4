/**
 * Amazon Inspector findings (`Inspector2 Finding`): the CVE, the vulnerable packages with the
 * version that fixes them, or the network path that exposes a port; the resource (instance,
 * image, function), score, exploit and fix availability. Active findings only; an update of
 * a posted finding edits its message.
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
  num,
  obj,
  placeOf,
  severityFromLabel,
  str,
  whereOf,
} from '../common.js';
import type { FamilyDefinition } from '../definition.js';

function packages(detail: unknown): string {
  const list = arr(at(detail, 'packageVulnerabilityDetails', 'vulnerablePackages')).map(obj);
  const lines = list.slice(0, 5).map((p) => {
    const fixed = str(p?.fixedInVersion);
    return `${join([str(p?.name), str(p?.version)], ' ')}${fixed ? ` → fixed in ${fixed}` : ' · no fix yet'}`;
  });
  return list.length > 5 ? `${lines.join('\n')}\n… and ${list.length - 5} more` : lines.join('\n');
}

function resource(detail: unknown): { text: string; ids: string[] } {
  const list = arr(at(detail, 'resources')).map(obj);
  const ids = list.map((r) => str(r?.id)).filter((v): v is string => Boolean(v));
  const lines = list.slice(0, 3).map((r) => {
    const image = obj(at(r, 'details', 'awsEcrContainerImage'));
    const fn = obj(at(r, 'details', 'awsLambdaFunction'));
    const name = image
      ? join([str(image.repositoryName), arr(image.imageTags).map(str).filter(Boolean).join(', ')], ':')
      : fn
        ? str(fn.functionName)
        : str(r?.id);
    return join([str(r?.type), name], ' ');
  });
  return { text: lines.join('\n'), ids };
}

function networkPath(detail: unknown): string | undefined {
  const reach = obj(at(detail, 'networkReachabilityDetails'));
  if (!reach) return undefined;
  const begin = num(at(reach, 'openPortRange', 'begin'));
  const end = num(at(reach, 'openPortRange', 'end'));
  const ports =
    begin === undefined
      ? undefined
      : begin === end || end === undefined
        ? `port ${begin}`
        : `ports ${begin}–${end}`;
  const steps = arr(at(reach, 'networkPath', 'steps'))
    .map((s) => str(at(s, 'componentId')))
    .filter(Boolean)
    .join(' → ');
  return join([join([str(reach.protocol), ports], ' '), steps], '\n');
}

export const inspectorFamily: FamilyDefinition = {
  id: 'inspector',
  name: 'Amazon Inspector',
  catches:
    'Inspector findings: CVE, vulnerable packages and the version that fixes them, or the network path to an open port; resource, score, exploit and fix availability',
  defaultMinSeverity: 'medium',
  patterns: [
    {
      key: 'finding',
      description: 'Amazon Inspector findings that are active',
      pattern: {
        source: ['aws.inspector2'],
        'detail-type': ['Inspector2 Finding'],
        detail: { status: ['ACTIVE'] },
      },
    },
  ],
  toAlert(raw, { config, now }) {
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail: d } = read;
    const severity = severityFromLabel(at(d, 'severity'), 'medium');
    const where = whereOf(
      config,
      at(d, 'awsAccountId'),
      str(at(arr(at(d, 'resources'))[0], 'region')),
      event,
    );
    const arn = str(at(d, 'findingArn')) ?? event.id;
    const cve = str(at(d, 'packageVulnerabilityDetails', 'vulnerabilityId'));
    const title = `${severity.toUpperCase()} · ${str(at(d, 'title')) ?? cve ?? 'Inspector finding'}`;
    const res = resource(d);
    const score = num(at(d, 'inspectorScore'));
    const updated = isoTime(at(d, 'updatedAt')) ?? isoTime(event.time);
    const facts: Fact[] = [
      {
        label: 'Vulnerability',
        value: join([cve, str(at(d, 'packageVulnerabilityDetails', 'vendorSeverity'))]),
      },
      { label: 'Packages', value: packages(d) },
      { label: 'Network path', value: networkPath(d) ?? '' },
      { label: 'Resource', value: res.text },
      { label: 'Score', value: score === undefined ? '' : score.toFixed(1) },
      {
        label: 'Fix · exploit',
        value: join([
          str(at(d, 'fixAvailable')) ? `fix ${str(at(d, 'fixAvailable'))?.toLowerCase()}` : undefined,
          str(at(d, 'exploitAvailable'))
            ? `exploit ${str(at(d, 'exploitAvailable'))?.toLowerCase()}`
            : undefined,
        ]),
      },
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
    ];
    const links: Link[] = [];
    if (where.region)
      links.push({
        text: 'Open in Inspector',
        url: consoleUrl(where.region, 'inspector/v2/home', `/findings/all?findingArn=${encodeUriPart(arn)}`),
      });
    // Built from the id, never taken from the event: the vendor URL is attacker-influenced.
    if (cve && /^CVE-\d{4}-\d{4,}$/.test(cve))
      links.push({ text: cve, url: `https://nvd.nist.gov/vuln/detail/${cve}` });
    return {
      family: 'inspector',
      severity,
      emoji: '🐞',
      title,
      summary: str(at(d, 'description')) ?? '',
      facts,
      context: [join([formatTime(updated, now), 'Amazon Inspector', str(at(d, 'type'))]), `finding ${arn}`],
      links,
      ...placeOf(where, updated),
      fallback: fallbackLine(`Inspector ${title}`, where),
      dedupeKey: `inspector:${arn}:${updated ?? event.id}`,
      ...(updated
        ? { thread: { key: `finding:${arn}`, state: 'ALARM', since: updated, onRepeat: 'update' } }
        : {}),
      route: {
        source: event.source,
        findingType: cve ?? str(at(d, 'type')) ?? 'finding',
        resources: res.ids,
      },
    } satisfies Alert;
  },
};
