import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderForwarder } from '../../scripts/infra/forwarder.js';
import { familyRuleSpecs } from '../../scripts/infra/rules.js';
import { FAMILY_DEFINITIONS } from '../../src/families/registry.js';
import { SECURITY_RULES } from '../../src/families/security/catalogue.js';

const committed = readFileSync(new URL('../../infra/forwarder.yml', import.meta.url), 'utf8');

interface Template {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

describe('infra/forwarder.yml', () => {
  it('is up to date with the security catalogue (run `npm run gen:forwarder` after changing it)', () => {
    expect(committed).toBe(renderForwarder(SECURITY_RULES, FAMILY_DEFINITIONS));
  });

  it('forwards every catalogue pattern and alarm state changes to the central bus with its role', () => {
    const template = parse(committed) as Template;
    const rules = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Events::Rule');
    const patterns = rules.map((r) => r.Properties.EventPattern);
    for (const rule of SECURITY_RULES) expect(patterns).toContainEqual(rule.pattern);
    expect(patterns).toContainEqual({
      source: ['aws.cloudwatch'],
      'detail-type': ['CloudWatch Alarm State Change'],
    });
    const families = familyRuleSpecs(undefined, FAMILY_DEFINITIONS);
    for (const spec of families) expect(patterns).toContainEqual(spec.pattern);
    expect(families.map((f) => f.familyId)).toEqual(
      expect.arrayContaining(['guardduty', 'securityhub', 'health']),
    );
    expect(rules).toHaveLength(SECURITY_RULES.length + 1 + families.length);
    for (const rule of rules) {
      expect(rule.Properties.Targets).toEqual([
        {
          Id: 'cloudbell-central-bus',
          Arn: { Ref: 'CentralBusArn' },
          RoleArn: { 'Fn::GetAtt': ['ForwarderRole', 'Arn'] },
        },
      ]);
    }
  });

  it('lets the forwarder role put events on the central bus only', () => {
    const template = parse(committed) as Template;
    expect(template.Resources.ForwarderRole?.Properties.Policies).toEqual([
      {
        PolicyName: 'put-events-on-central-bus',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: { Ref: 'CentralBusArn' } }],
        },
      },
    ]);
  });
});
