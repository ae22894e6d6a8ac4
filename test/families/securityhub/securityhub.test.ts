import { describe, expect, it } from 'vitest';
import { findingSeverity } from '../../../src/families/securityhub/asff.js';
import { processInput } from '../../../src/pipeline.js';
import { testConfig } from '../../helpers/alerts.js';
import { familyFixture } from '../../helpers/fixtures.js';

const now = new Date('2020-06-10T00:00:00Z');
const run = (event: unknown, extra: Record<string, unknown> = {}) =>
  processInput(event, { config: testConfig(extra), now });

describe('Security Hub findings', () => {
  it('posts a control finding with product, severity, resources, compliance, control id and remediation', () => {
    const [outcome] = run(familyFixture('securityhub', 'cis-root-mfa-critical'));
    const alert = outcome?.alert;
    expect(alert).toMatchObject({
      family: 'securityhub',
      severity: 'critical',
      title: 'CRITICAL · 1.13 Ensure MFA is enabled for the "root" account',
      route: { findingType: '1.13', resources: ['AWS::::Account:123456789012'] },
    });
    const facts = Object.fromEntries(alert?.facts.map((f) => [f.label, f.value]) ?? []);
    expect(facts).toMatchObject({
      Product: 'Security Hub',
      Severity: 'CRITICAL',
      Resources: 'AwsAccount AWS::::Account:123456789012',
      Compliance: 'FAILED · control 1.13',
      Region: 'us-west-1',
    });
    expect(alert?.links.map((l) => l.text)).toEqual(['Open in Security Hub', 'Remediation']);
    expect(alert?.links[0]?.url).toMatch(
      /^https:\/\/us-west-1\.console\.aws\.amazon\.com\/securityhub\/home\?region=us-west-1#\/findings\?search=Id%3D/,
    );
  });

  it('posts one message per finding of a batch, and none for suppressed, resolved, archived or passed ones', () => {
    const outcomes = run(familyFixture('securityhub', 'edge-batch-mixed'));
    expect(outcomes).toHaveLength(5);
    const posted = outcomes.filter((o) => o.deliveries.length > 0);
    expect(posted.map((o) => o.alert?.severity)).toEqual(['critical', 'high']);
    expect(new Set(posted.map((o) => o.alert?.dedupeKey)).size).toBe(2);
    expect(outcomes.filter((o) => o.alert === null)).toHaveLength(3);
  });

  it('does not post again a GuardDuty finding that the GuardDuty family posts directly', () => {
    const event = familyFixture('securityhub', 'guardduty-ssh-brute-force');
    expect(run(event)[0]?.alert).toBeNull();
    const [alone] = run(event, { families: { guardduty: { enabled: false } } });
    expect(alone?.alert).toMatchObject({
      title: 'MEDIUM · 199.241.229.197 is performing SSH brute force attacks against i-0c10c2c7863d1a356.',
      thread: {
        key: 'finding:arn:aws:guardduty:us-east-1:193043430472:detector/d4b040365221be2b54a6264dc9a4bc64/finding/46ba0ac2845071e23ccdeb2ae03bfdea',
        onRepeat: 'update',
      },
    });
    expect(alone?.alert?.links.map((l) => l.text)).toContain('Open in GuardDuty');
  });

  it('shares the thread key of the direct GuardDuty finding, so the two are one message', () => {
    const direct = run(familyFixture('guardduty', 'recon-iam-user-permissions'))[0]?.alert;
    expect(direct?.thread?.key).toBe(
      'finding:arn:aws:guardduty:us-east-1:111122223333:detector/d4b040365221be2b54a6264dcexample/finding/1ab92989eaf0e742df4a014d5example',
    );
  });

  it('posts a finding with only the required attributes', () => {
    const [outcome] = run(familyFixture('securityhub', 'edge-missing-optional-fields'));
    expect(outcome?.alert?.severity).toBe('medium');
    expect(outcome?.deliveries).toHaveLength(1);
  });
});

describe('Security Hub severity', () => {
  it.each([
    [95, 'critical'],
    [90, 'critical'],
    [89, 'high'],
    [70, 'high'],
    [69, 'medium'],
    [40, 'medium'],
    [39, 'low'],
    [1, 'low'],
    [0, 'info'],
  ])('reads a normalized score of %d without a label as %s (ASFF bands)', (score, severity) => {
    expect(findingSeverity({ Severity: { Normalized: score } })).toBe(severity);
  });

  it('takes the label over the score, and medium when there is neither', () => {
    expect(findingSeverity({ Severity: { Label: 'LOW', Normalized: 95 } })).toBe('low');
    expect(findingSeverity({})).toBe('medium');
  });
});
