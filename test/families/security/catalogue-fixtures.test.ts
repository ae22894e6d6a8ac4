/**
 * Every catalogue rule against its fixture: a real CloudTrail record in an EventBridge
 * envelope that must match, and a near miss that must not; classify must rank the right
 * rule first.
 */
import { describe, expect, it } from 'vitest';
import { SECURITY_RULES } from '../../../src/families/security/catalogue.js';
import { classify } from '../../../src/families/security/catalogue-match.js';
import { matchesPattern } from '../../../src/pattern/index.js';
import { fixture, fixtureNames } from '../../helpers/fixtures.js';

interface RuleFixture {
  rule: string;
  top: string;
  nomatchTop: string | null;
  match: unknown;
  nomatch: unknown;
}

const fixtures = fixtureNames('cloudtrail').map((f) => fixture<RuleFixture>(`cloudtrail/${f}`));
const byRule = new Map(fixtures.map((f) => [f.rule, f]));

describe('catalogue fixtures', () => {
  it('has a fixture for every rule', () => {
    expect(SECURITY_RULES.filter((r) => !byRule.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  describe.each(SECURITY_RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    const fixture = byRule.get(id) as RuleFixture;

    it('matches its event', () => {
      expect(matchesPattern(rule.pattern, fixture.match)).toBe(true);
    });

    it('does not match its near miss', () => {
      expect(matchesPattern(rule.pattern, fixture.nomatch)).toBe(false);
    });

    it(`classifies the event with ${fixture?.top} first`, () => {
      expect(classify(fixture.match)[0]?.id).toBe(fixture.top);
    });

    it(`classifies the near miss as ${fixture?.nomatchTop ?? 'no rule'}`, () => {
      expect(classify(fixture.nomatch)[0]?.id ?? null).toBe(fixture.nomatchTop);
    });
  });
});

describe('classify', () => {
  it('puts the root rule before the access-key rule when root creates a key', () => {
    const ids = classify(byRule.get('root-account-usage')?.match).map((r) => r.id);
    expect(ids).toEqual(['root-account-usage', 'iam-access-key-created']);
  });

  it('ranks internet-open ingress above the plain security group change it also is', () => {
    const ids = classify(byRule.get('security-group-open-to-world')?.match).map((r) => r.id);
    expect(ids).toEqual(['security-group-open-to-world', 'security-group-change']);
  });

  it('uses only the rules it is given', () => {
    const subset = SECURITY_RULES.filter((r) => r.id === 'security-group-change');
    expect(classify(byRule.get('security-group-open-to-world')?.match, subset).map((r) => r.id)).toEqual([
      'security-group-change',
    ]);
  });

  it('matches nothing for an event that is not from CloudTrail', () => {
    expect(
      classify({ source: 'aws.cloudwatch', 'detail-type': 'CloudWatch Alarm State Change', detail: {} }),
    ).toEqual([]);
  });
});
