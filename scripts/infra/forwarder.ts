/**
 * The forwarder template (infra/forwarder.yml): deployed with StackSets into member accounts and
 * into us-east-1 (where IAM, STS, Organizations and most sign-in events arrive), it forwards the
 * same patterns as the main stack to the central bus. Config filters (alarm-name prefixes,
 * disabled security rules) apply on the central bus, so this template depends only on the
 * catalogue and is generated, committed, and checked up to date by a test.
 */
import { stringify } from 'yaml';
import type { FamilyDefinition } from '../../src/families/definition.js';
import type { SecurityRule } from '../../src/families/security/rule.js';
import { logicalId } from './cfn.js';
import { ALARM_RULE_KEY, alarmStatePattern, familyRuleSpecs, ruleState, securityKey } from './rules.js';

const target = {
  Id: 'cloudbell-central-bus',
  Arn: { Ref: 'CentralBusArn' },
  RoleArn: { 'Fn::GetAtt': ['ForwarderRole', 'Arn'] },
};

/**
 * The forwarder template as an object.
 *
 * @example
 * ```ts
 * Object.keys(forwarderTemplate(SECURITY_RULES).Resources); // ['ForwarderRole', 'RuleAlarmState', …]
 * ```
 */
export function forwarderTemplate(
  catalogue: readonly SecurityRule[],
  families: readonly FamilyDefinition[] = [],
) {
  const rules: Record<string, unknown> = {
    [logicalId('Rule', ALARM_RULE_KEY)]: {
      Type: 'AWS::Events::Rule',
      Condition: 'ForwardAlarms',
      Properties: {
        Description: 'cloudbell forwarder: CloudWatch alarm state changes',
        EventPattern: alarmStatePattern([]),
        State: 'ENABLED',
        Targets: [target],
      },
    },
  };
  for (const rule of catalogue) {
    rules[logicalId('Rule', securityKey(rule.id))] = {
      Type: 'AWS::Events::Rule',
      Properties: {
        Description: `cloudbell forwarder ${rule.id}: ${rule.title}`.slice(0, 512),
        EventPattern: rule.pattern,
        State: ruleState(rule.pattern),
        Targets: [target],
      },
    };
  }
  // Findings and service events (GuardDuty and Security Hub in each region, organizational
  // Health events in us-east-1…): every family's default patterns; the central bus applies the
  // config's switches, so this template stays config-independent.
  for (const spec of familyRuleSpecs(undefined, families)) {
    rules[logicalId('Rule', spec.key)] = {
      Type: 'AWS::Events::Rule',
      // Opt-in patterns (deploy successes, EC2 instance states) are frequent: forwarded only on request.
      Condition: spec.optIn ? 'ForwardOptIn' : 'ForwardFindings',
      Properties: {
        Description: `cloudbell forwarder: ${spec.description.replace(/^cloudbell /, '')}`.slice(0, 512),
        EventPattern: spec.pattern,
        State: 'ENABLED',
        Targets: [target],
      },
    };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'cloudbell forwarder: sends CloudWatch alarm state changes and security events of this account and region to the central cloudbell event bus',
    Parameters: {
      CentralBusArn: {
        Type: 'String',
        Description: 'ARN of the central bus (output CentralBusArn of the cloudbell stack)',
        AllowedPattern: '^arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/[A-Za-z0-9._/-]+$',
      },
      ForwardAlarms: {
        Type: 'String',
        Description: 'Also forward CloudWatch alarm state changes (false: security events only)',
        AllowedValues: ['true', 'false'],
        Default: 'true',
      },
      ForwardOptIn: {
        Type: 'String',
        Description:
          'Also forward the frequent events the config turns on explicitly: deploy successes (families.deploys.successes) and EC2 instance states (families.ec2.instanceState)',
        AllowedValues: ['true', 'false'],
        Default: 'false',
      },
      ForwardFindings: {
        Type: 'String',
        Description:
          'Also forward findings and service events (GuardDuty, Security Hub, Health, Config, Inspector, Access Analyzer, deploys, ECS, Backup, RDS, EC2 Spot)',
        AllowedValues: ['true', 'false'],
        Default: 'true',
      },
    },
    Conditions: {
      ForwardAlarms: { 'Fn::Equals': [{ Ref: 'ForwardAlarms' }, 'true'] },
      ForwardFindings: { 'Fn::Equals': [{ Ref: 'ForwardFindings' }, 'true'] },
      ForwardOptIn: {
        'Fn::And': [
          { 'Fn::Equals': [{ Ref: 'ForwardFindings' }, 'true'] },
          { 'Fn::Equals': [{ Ref: 'ForwardOptIn' }, 'true'] },
        ],
      },
    },
    Resources: {
      // EventBridge needs a role to put events on a bus in another account or region.
      ForwarderRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' },
            ],
          },
          Policies: [
            {
              PolicyName: 'put-events-on-central-bus',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: 'events:PutEvents', Resource: { Ref: 'CentralBusArn' } },
                ],
              },
            },
          ],
        },
      },
      ...rules,
    },
  };
}

export const FORWARDER_HEADER = [
  '# GENERATED by `npm run gen:forwarder` (scripts/gen-forwarder.ts) from src/families/security/catalogue.ts',
  '# and the families in src/families/registry.ts.',
  '# Do not edit: change the catalogue or a family and regenerate; a test fails while this file is stale.',
  '# Deploy with StackSets into member accounts and us-east-1 (see README "Install").',
  '',
].join('\n');

/**
 * The text of infra/forwarder.yml.
 *
 * @example
 * ```ts
 * writeFileSync('infra/forwarder.yml', renderForwarder(SECURITY_RULES));
 * ```
 */
export function renderForwarder(
  catalogue: readonly SecurityRule[],
  families: readonly FamilyDefinition[] = [],
): string {
  return (
    FORWARDER_HEADER +
    stringify(forwarderTemplate(catalogue, families), {
      // YAML 1.1 quoting: CloudFormation's parser would read a bare 2012-10-17 or yes as non-strings.
      version: '1.1',
      lineWidth: 0,
      aliasDuplicateObjects: false,
    })
  );
}
