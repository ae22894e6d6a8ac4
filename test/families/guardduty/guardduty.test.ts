import { describe, expect, it } from 'vitest';
import { decodeFindingType } from '../../../src/families/guardduty/finding-type.js';
import { guardDutySeverity } from '../../../src/families/guardduty/index.js';
import { processInput } from '../../../src/pipeline.js';
import { testConfig } from '../../helpers/alerts.js';
import { familyFixture } from '../../helpers/fixtures.js';

const now = new Date('2020-05-27T00:00:00Z');
const run = (event: unknown, extra: Record<string, unknown> = {}) =>
  processInput(event, { config: testConfig(extra), now });
const fact = (outcome: ReturnType<typeof run>[number] | undefined, label: string) =>
  outcome?.alert?.facts.find((f) => f.label === label)?.value;

describe('GuardDuty findings', () => {
  it('shows the decoded type, severity label, resource, actor, API and count', () => {
    const [outcome] = run(familyFixture('guardduty', 'recon-iam-user-permissions'));
    expect(outcome?.alert).toMatchObject({
      family: 'guardduty',
      severity: 'medium',
      title: 'MEDIUM · Unusual user permission reconnaissance activity by testuser. (×5)',
      route: { findingType: 'Recon:IAMUser/UserPermissions' },
    });
    expect(fact(outcome, 'Finding type')).toContain('reconnaissance');
    expect(fact(outcome, 'Severity')).toBe('Medium (5.0)');
    expect(fact(outcome, 'Resource')).toBe('Access key ASIASZ4SI7REEEXAMPLE (IAMUser testuser)');
    expect(fact(outcome, 'Actor')).toBe('52.94.36.7 · AS16509 AMAZON-02 · London, United Kingdom');
    expect(fact(outcome, 'Action')).toBe('API call iam.amazonaws.com ListPolicyVersions');
    expect(fact(outcome, 'Count')).toBe('5 · first 2020-05-26 22:02 UTC · last 2020-05-26 22:33 UTC');
    expect(outcome?.alert?.links[0]?.url).toBe(
      'https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current&fId=1ab92989eaf0e742df4a014d5example',
    );
    expect(outcome?.deliveries).toHaveLength(1);
  });

  it('keys repeats of one finding to one thread that is edited in place', () => {
    const [a] = run(familyFixture('guardduty', 'recon-iam-user-permissions'));
    const [b] = run(familyFixture('guardduty', 'edge-repeat-count-grows'));
    expect(a?.alert?.thread).toMatchObject({ key: b?.alert?.thread?.key, onRepeat: 'update' });
    expect(a?.alert?.dedupeKey).not.toBe(b?.alert?.dedupeKey);
  });

  it('does not post archived findings', () => {
    const [outcome] = run(familyFixture('guardduty', 'edge-archived'));
    expect(outcome?.alert).toBeNull();
    expect(outcome?.deliveries).toEqual([]);
  });

  it('holds back findings below minSeverity (medium by default) and posts them when lowered', () => {
    const low = familyFixture('guardduty', 'edge-low-severity');
    expect(run(low)[0]?.ignored).toBe('guardduty severity low is below minSeverity medium');
    expect(run(low, { families: { guardduty: { minSeverity: 'low' } } })[0]?.deliveries).toHaveLength(1);
  });

  it('honours the ignore lists and the switch', () => {
    const event = familyFixture('guardduty', 'recon-iam-user-permissions');
    expect(run(event, { families: { guardduty: { ignore: { types: ['Recon:*'] } } } })[0]?.ignored).toMatch(
      /type Recon:IAMUser\/UserPermissions is ignored/,
    );
    expect(
      run(event, { families: { guardduty: { ignore: { resources: ['ASIASZ4SI7REEEXAMPLE'] } } } })[0]
        ?.ignored,
    ).toMatch(/resource ASIASZ4SI7REEEXAMPLE is ignored/);
    expect(run(event, { families: { guardduty: { enabled: false } } })[0]?.ignored).toBe(
      'family guardduty is disabled',
    );
  });

  it('reads a finding forwarded in the PascalCase the CLI and SDKs print like the EventBridge one', () => {
    const [pascal] = run(familyFixture('guardduty', 'edge-pascalcase-cli-shape'));
    const [camel] = run(familyFixture('guardduty', 'recon-iam-user-permissions'));
    expect(pascal?.alert?.facts).toEqual(camel?.alert?.facts);
    expect(pascal?.alert?.title).toBe(camel?.alert?.title);
  });

  it('still posts a finding that lacks every optional field', () => {
    const [outcome] = run(familyFixture('guardduty', 'edge-missing-optional-fields'));
    expect(outcome?.alert?.title).toBe('MEDIUM · Recon:IAMUser/UserPermissions');
    expect(outcome?.deliveries).toHaveLength(1);
  });

  it('routes by the new family id', () => {
    const [outcome] = run(familyFixture('guardduty', 'recon-iam-user-permissions'), {
      routes: [{ match: { family: ['guardduty'], severity: ['medium'] }, channels: ['#sec'] }],
    });
    expect(outcome?.deliveries.map((d) => d.destination.channel)).toEqual(['#sec']);
  });
});

describe('GuardDuty helpers', () => {
  it('maps the documented severity bands', () => {
    expect([9.5, 9, 8.9, 7, 6.9, 4, 3.9, 1, 0.5].map(guardDutySeverity)).toEqual([
      'critical',
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
      'info',
    ]);
  });

  it('decodes every part of a finding type', () => {
    expect(decodeFindingType('CryptoCurrency:EC2/BitcoinTool.B!DNS')).toMatchObject({
      purpose: 'CryptoCurrency',
      resourceType: 'EC2',
      threatFamily: 'BitcoinTool',
      mechanism: 'B',
      artifact: 'DNS',
    });
    expect(decodeFindingType('weird')).toEqual({ purpose: 'weird' });
  });
});

describe('GuardDuty hostile strings', () => {
  it('builds its links from an id with a lone surrogate instead of falling back to the generic message', () => {
    const event = familyFixture('guardduty', 'recon-iam-user-permissions');
    const detail = { ...(event.detail as Record<string, unknown>), id: 'abc\ud800def' };
    const [outcome] = processInput({ ...event, detail }, { config: testConfig(), now });
    expect(outcome?.alert?.family).toBe('guardduty');
    expect(outcome?.alert?.links[0]?.url).toContain('fId=abc%EF%BF%BDdef');
  });
});
