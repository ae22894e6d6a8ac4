import { describe, expect, it } from 'vitest';
import { boundedName, logicalId } from '../../scripts/infra/cfn.js';
import { generatedFragment, workerTimeoutSeconds } from '../../scripts/infra/resources.js';
import { alarmStatePattern, ruleSpecs, ruleState } from '../../scripts/infra/rules.js';
import { parseConfig } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';
import type { SecurityRule } from '../../src/families/security/rule.js';
import { matchesPattern } from '../../src/pattern/index.js';

const catalogue: SecurityRule[] = [
  {
    id: 'root-usage',
    title: 'Root used',
    severity: 'critical',
    rationale: 'r',
    pattern: { source: ['aws.signin'], detail: { userIdentity: { type: ['Root'] } } },
  },
  {
    id: 'trail-stopped',
    title: 'Trail stopped',
    severity: 'high',
    rationale: 'r',
    pattern: { source: ['aws.cloudtrail'], detail: { eventName: ['StopLogging'] } },
  },
];

const config = (extra: object = {}) => parseConfig({ slack: { defaultChannel: '#a' }, ...extra }, 'test');

const alarmEvent = (alarmName: string) => ({
  source: 'aws.cloudwatch',
  'detail-type': 'CloudWatch Alarm State Change',
  detail: { alarmName, state: { value: 'ALARM' } },
});

describe('ruleSpecs', () => {
  it('matches every alarm state change when no name prefixes are configured', () => {
    const [alarm] = ruleSpecs(config(), catalogue, 'cloudbell-prod-');
    expect(matchesPattern(alarm?.pattern, alarmEvent('anything'))).toBe(true);
    expect(
      matchesPattern(alarm?.pattern, {
        ...alarmEvent('x'),
        'detail-type': 'CloudWatch Alarm Configuration Change',
      }),
    ).toBe(false);
  });

  it('limits the alarm rule to the configured prefixes but always keeps the bot’s own alarms', () => {
    const [alarm] = ruleSpecs(
      config({ alarms: { namePrefixes: ['orders-'] } }),
      catalogue,
      'cloudbell-prod-',
    );
    expect(matchesPattern(alarm?.pattern, alarmEvent('orders-latency'))).toBe(true);
    expect(matchesPattern(alarm?.pattern, alarmEvent('cloudbell-prod-alerts-dlq-depth'))).toBe(true);
    expect(matchesPattern(alarm?.pattern, alarmEvent('billing-latency'))).toBe(false);
  });

  it('drops the security rules listed in security.disabled', () => {
    const specs = ruleSpecs(config({ security: { disabled: ['root-usage'] } }), catalogue, 'p-');
    expect(specs.map((s) => s.catalogueId)).toEqual([undefined, 'trail-stopped']);
  });

  it('fails on an unknown id in security.disabled instead of silently deploying the rule', () => {
    expect(() => ruleSpecs(config({ security: { disabled: ['root-usgae'] } }), catalogue, 'p-')).toThrow(
      /security\.disabled: unknown catalogue id root-usgae/,
    );
  });
});

describe('ruleState', () => {
  const apiCall = 'AWS API Call via CloudTrail';

  it('lets a CloudTrail rule without an explicit event list see read-only calls too', () => {
    const rootUsage = { 'detail-type': [apiCall], detail: { userIdentity: { type: ['Root'] } } };
    const denied = { 'detail-type': [apiCall], detail: { eventName: [{ 'anything-but': 'HeadBucket' }] } };
    expect(ruleState(rootUsage)).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
    expect(ruleState(denied)).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
  });

  it('keeps rules on named write calls and non-CloudTrail rules plainly enabled', () => {
    expect(
      ruleState({ 'detail-type': [apiCall], detail: { eventName: ['StopLogging', 'DeleteTrail'] } }),
    ).toBe('ENABLED');
    expect(ruleState(alarmStatePattern([]))).toBe('ENABLED');
  });
});

describe('generatedFragment', () => {
  const fragment = generatedFragment({
    config: config({ dlqs: ['orders-failed'] }),
    catalogue,
    prefix: 'cb-prod',
  });
  const resources = fragment.Resources;

  it('deploys each rule on the default bus and on the central bus, both targeting the alerts queue', () => {
    expect(resources.RuleSecRootUsage?.Properties.EventBusName).toBeUndefined();
    expect(resources.CentralRuleSecRootUsage?.Properties.EventBusName).toEqual({ Ref: 'CentralBus' });
    for (const id of ['RuleAlarmState', 'CentralRuleAlarmState', 'RuleSecTrailStopped']) {
      const [target] = (resources[id]?.Properties.Targets ?? []) as Array<Record<string, unknown>>;
      expect(target?.Arn).toEqual({ 'Fn::GetAtt': ['AlertsQueue', 'Arn'] });
      expect(target?.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': ['EventsDlq', 'Arn'] } });
    }
  });

  it('names every rule with the stack prefix the queue policy allows', () => {
    const names = Object.values(resources)
      .filter((r) => r.Type === 'AWS::Events::Rule')
      .map((r) => r.Properties.Name as string);
    expect(names.every((n) => n.startsWith('cb-prod-'))).toBe(true);
  });

  it('adds a depth alarm for a queue listed in dlqs:', () => {
    const alarm = resources.DepthAlarmConfigOrdersFailed?.Properties;
    expect(alarm).toMatchObject({
      AlarmName: 'cb-prod-dlq-orders-failed',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: 'orders-failed' }],
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('adds no bus policy unless an Organization or accounts are given', () => {
    expect(Object.values(resources).some((r) => r.Type === 'AWS::Events::EventBusPolicy')).toBe(false);
  });

  it('allows PutEvents on the central bus from the Organization only', () => {
    const withOrg = generatedFragment({ config: config(), catalogue, prefix: 'cb', orgId: 'o-abcdefghij' });
    expect(withOrg.Resources.CentralBusOrgPolicy?.Properties.Statement).toMatchObject({
      Action: 'events:PutEvents',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
    });
  });

  it('allows PutEvents from listed accounts and rejects a malformed account id', () => {
    const withAccounts = generatedFragment({
      config: config(),
      catalogue,
      prefix: 'cb',
      accounts: ['123456789012'],
    });
    expect(withAccounts.Resources.CentralBusAccountsPolicy?.Properties.Statement).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder
      Principal: { AWS: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::123456789012:root' }] },
    });
    expect(() =>
      generatedFragment({ config: config(), catalogue, prefix: 'cb', accounts: ['1234'] }),
    ).toThrow(ConfigError);
  });
});

describe('names and timeouts', () => {
  it('keeps long names within the limit and distinct', () => {
    const a = boundedName(['cloudbell-production', 'sec-a-very-long-catalogue-identifier-number-one'], 64);
    const b = boundedName(['cloudbell-production', 'sec-a-very-long-catalogue-identifier-number-two'], 64);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).not.toBe(b);
  });

  it('builds logical ids from kebab keys', () => {
    expect(logicalId('Rule', 'sec-root-usage')).toBe('RuleSecRootUsage');
  });

  it('gives errors-worker its query budget plus time to answer, capped at 900 s', () => {
    expect(workerTimeoutSeconds(config())).toBe(50);
    expect(workerTimeoutSeconds(config({ errors: { budgetSeconds: 600 } }))).toBe(630);
  });
});

describe('workerReadPolicy (issue 9: least privilege the worker can live with)', () => {
  const policyOf = (extra: object) => {
    const fragment = generatedFragment({ config: config(extra), catalogue, prefix: 'cloudbell-test' });
    const policy = fragment.Resources.WorkerReadPolicy?.Properties as {
      Roles: unknown;
      PolicyDocument: { Statement: Array<{ Action: string; Resource: unknown; Condition?: unknown }> };
    };
    const [logs, metrics] = policy.PolicyDocument.Statement;
    return { policy, logs, metrics };
  };
  const sub = (r: unknown) => (r as { 'Fn::Sub': string })['Fn::Sub'];

  it('reads the default log groups in the stack region only, by default', () => {
    const { policy, logs, metrics } = policyOf({});
    expect(policy.Roles).toEqual([{ Ref: 'WorkerRole' }]);
    expect(logs?.Action).toBe('logs:FilterLogEvents');
    expect((logs?.Resource as unknown[] | undefined)?.map(sub)).toEqual([
      `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/*`,
    ]);
    expect(metrics?.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': [{ Ref: 'AWS::Region' }] } });
  });

  it('scopes to errors.regions, errors.functions prefixes and the errors.logGroups of functions in scope', () => {
    const { logs, metrics } = policyOf({
      errors: {
        regions: ['eu-west-1', 'us-east-1'],
        functions: ['checkout-', 'billing-'],
        logGroups: { 'checkout-api': '/shared/checkout', 'payroll-run': '/shared/payroll' },
      },
    });
    expect((logs?.Resource as unknown[] | undefined)?.map(sub)).toEqual([
      `arn:\${AWS::Partition}:logs:eu-west-1:\${AWS::AccountId}:log-group:/aws/lambda/checkout-*`,
      `arn:\${AWS::Partition}:logs:eu-west-1:\${AWS::AccountId}:log-group:/aws/lambda/billing-*`,
      `arn:\${AWS::Partition}:logs:eu-west-1:\${AWS::AccountId}:log-group:/shared/checkout:*`,
      `arn:\${AWS::Partition}:logs:us-east-1:\${AWS::AccountId}:log-group:/aws/lambda/checkout-*`,
      `arn:\${AWS::Partition}:logs:us-east-1:\${AWS::AccountId}:log-group:/aws/lambda/billing-*`,
      `arn:\${AWS::Partition}:logs:us-east-1:\${AWS::AccountId}:log-group:/shared/checkout:*`,
    ]);
    expect(metrics?.Condition).toEqual({
      StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] },
    });
  });
});
