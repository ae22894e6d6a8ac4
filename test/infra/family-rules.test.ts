import { describe, expect, it } from 'vitest';
import { generatedFragment } from '../../scripts/infra/resources.js';
import { familyRuleSpecs } from '../../scripts/infra/rules.js';
import { parseConfig } from '../../src/core/config.js';
import { FAMILY_DEFINITIONS } from '../../src/families/registry.js';

const config = (families: object = {}) => parseConfig({ slack: { defaultChannel: '#a' }, families }, 'test');
const keys = (families: object = {}) =>
  familyRuleSpecs(config(families), FAMILY_DEFINITIONS).map((s) => s.key);

describe('family rules', () => {
  it('deploys every default pattern of every family, and no opt-in pattern', () => {
    const deployed = keys();
    expect(deployed).toEqual(
      expect.arrayContaining(['fam-guardduty-finding', 'fam-securityhub-findings', 'fam-health-event']),
    );
    expect(deployed).not.toContain('fam-deploys-build-succeeded');
    expect(deployed).not.toContain('fam-ec2-instance-state');
  });

  it('adds the success and instance-state rules when switched on, and drops a disabled family', () => {
    const deployed = keys({
      deploys: { successes: true },
      ec2: { instanceState: true },
      guardduty: { enabled: false },
    });
    expect(deployed).toEqual(
      expect.arrayContaining(['fam-deploys-build-succeeded', 'fam-ec2-instance-state']),
    );
    expect(deployed.some((k) => k.startsWith('fam-guardduty'))).toBe(false);
  });

  it('puts each family rule on the default bus and the central bus with the family’s own pattern', () => {
    const { Resources } = generatedFragment({
      config: config(),
      catalogue: [],
      families: FAMILY_DEFINITIONS,
      prefix: 'cb-dev',
    });
    const guardduty = FAMILY_DEFINITIONS.find((d) => d.id === 'guardduty');
    const rule = Resources.RuleFamGuarddutyFinding as { Properties: Record<string, unknown> };
    const central = Resources.CentralRuleFamGuarddutyFinding as { Properties: Record<string, unknown> };
    expect(rule.Properties.EventPattern).toEqual(guardduty?.patterns[0]?.pattern);
    expect(rule.Properties.Name).toBe('cb-dev-fam-guardduty-finding');
    expect(central.Properties.EventBusName).toEqual({ Ref: 'CentralBus' });
  });
});
