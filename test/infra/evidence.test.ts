import { describe, expect, it } from 'vitest';
import {
  evidenceFunctionName,
  evidenceResources,
  evidenceTimeoutSeconds,
} from '../../scripts/infra/evidence.js';
import { parseConfig } from '../../src/core/config.js';

const config = (extra: Record<string, unknown> = {}) =>
  parseConfig({ slack: { defaultChannel: '#aws-alerts' }, ...extra }, 'test');

const actions = (resources: ReturnType<typeof evidenceResources>) =>
  Object.values(resources).flatMap((r) =>
    (
      (r.Properties?.PolicyDocument as { Statement?: Array<{ Action: string | string[] }> } | undefined)
        ?.Statement ?? []
    ).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
  );

describe('evidence IAM: grants only for what the config enables', () => {
  it('graphs and logs on (the default): both policies and notify may hand off', () => {
    const r = evidenceResources(config(), 'cb-dev');
    expect(Object.keys(r).sort()).toEqual([
      'EvidenceGraphsPolicy',
      'EvidenceLogsPolicy',
      'NotifyEvidenceHandOffPolicy',
    ]);
    expect(actions(r).sort()).toEqual(
      [
        'cloudwatch:DescribeAlarms',
        'cloudwatch:GetMetricWidgetImage',
        'lambda:InvokeFunction',
        'logs:DescribeMetricFilters',
        'logs:FilterLogEvents',
      ].sort(),
    );
    expect(evidenceFunctionName(config(), 'cb-dev')).toBe('cb-dev-evidence');
  });

  it('graphs only: no log reads', () => {
    const r = evidenceResources(config({ evidence: { logs: false } }), 'cb-dev');
    expect(actions(r)).not.toContain('logs:FilterLogEvents');
    expect(actions(r)).toContain('cloudwatch:GetMetricWidgetImage');
  });

  it('all off: no reads, no hand-off, notify gets no function name', () => {
    const off = config({ evidence: { graphs: false, logs: false } });
    expect(evidenceResources(off, 'cb-dev')).toEqual({});
    expect(evidenceFunctionName(off, 'cb-dev')).toBe('');
  });

  it('off globally but on for one route: that route is enough to grant what it uses', () => {
    const c = config({
      evidence: { graphs: false, logs: false },
      routes: [
        { match: { alarmPrefix: ['payments-'] }, channels: ['#payments'], evidence: { graphs: true } },
      ],
    });
    expect(actions(evidenceResources(c, 'cb-dev')).sort()).toEqual(
      ['cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricWidgetImage', 'lambda:InvokeFunction'].sort(),
    );
  });

  it('gives the worker twice the query budget plus time to draw and upload', () => {
    expect(evidenceTimeoutSeconds(config())).toBe(70);
    expect(evidenceTimeoutSeconds(config({ errors: { budgetSeconds: 600 } }))).toBe(900);
  });
});
