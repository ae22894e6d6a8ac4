/**
 * Checks the CloudFormation template `npm run package` generates. When the template is missing or
 * older than its inputs, the suite packages first (osls offline, ~5–15 s); a failed package fails
 * the suite, so it never passes without a template.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId } from '../../scripts/infra/cfn.js';
import { OWN_DLQS } from '../../scripts/infra/resources.js';
import { securityKey } from '../../scripts/infra/rules.js';
import { configPath, loadConfigFile } from '../../src/core/config-file.js';
import { evidenceEnabled } from '../../src/evidence/settings.js';
import { isDlqName } from '../../src/families/dlq/index.js';
import { SECURITY_RULES } from '../../src/families/security/catalogue.js';
import { matchesPattern } from '../../src/pattern/index.js';

const root = new URL('../../', import.meta.url).pathname;
const templatePath = join(root, '.serverless/cloudformation-template-update-stack.json');

/** Actions that have no resource-level permissions: the only ones allowed on Resource "*". */
const STAR_RESOURCE_ALLOWED = new Set(['cloudwatch:GetMetricData', 'cloudwatch:GetMetricWidgetImage']);

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}
type Template = { Resources: Record<string, Resource> };

function inputsMtime(): number {
  const files = [
    'serverless.yml',
    'esbuild.config.cjs',
    'src/families/security/catalogue.ts',
    'src/core/config.ts',
    ...readdirSync(join(root, 'infra')).map((f) => `infra/${f}`),
    ...readdirSync(join(root, 'scripts/infra')).map((f) => `scripts/infra/${f}`),
    ...readdirSync(join(root, 'scripts/sls')).map((f) => `scripts/sls/${f}`),
  ];
  return Math.max(statSync(configPath()).mtimeMs, ...files.map((f) => statSync(join(root, f)).mtimeMs));
}

let template: Template;
const config = loadConfigFile(configPath());

beforeAll(() => {
  if (!existsSync(templatePath) || statSync(templatePath).mtimeMs < inputsMtime()) {
    execFileSync('npx', ['osls', 'package'], { cwd: root, stdio: 'pipe', timeout: 110_000 });
  }
  template = JSON.parse(readFileSync(templatePath, 'utf8')) as Template;
}, 120_000);

const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const props = (id: string) => template.Resources[id]?.Properties ?? {};
const getAttArn = (value: unknown): string | undefined => {
  const att = (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];
  return att?.[1] === 'Arn' ? att[0] : undefined;
};
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Logical ids of queues used as dead-letter queues anywhere in the template. */
function deadLetterQueues(): Set<string> {
  const dlqs = new Set<string>();
  for (const [, queue] of ofType('AWS::SQS::Queue')) {
    const target = getAttArn(
      (queue.Properties?.RedrivePolicy as { deadLetterTargetArn?: unknown })?.deadLetterTargetArn,
    );
    if (target) dlqs.add(target);
  }
  for (const [, rule] of ofType('AWS::Events::Rule')) {
    for (const t of asArray(rule.Properties?.Targets as Array<{ DeadLetterConfig?: { Arn: unknown } }>)) {
      const target = getAttArn(t.DeadLetterConfig?.Arn);
      if (target) dlqs.add(target);
    }
  }
  for (const [, config] of ofType('AWS::Lambda::EventInvokeConfig')) {
    const destination = (config.Properties?.DestinationConfig as { OnFailure?: { Destination: unknown } })
      ?.OnFailure;
    const target = getAttArn(destination?.Destination);
    if (target) dlqs.add(target);
  }
  return dlqs;
}

/** Does an alarm with this name, changing state, reach the alerts queue through a rule on the default bus? */
function reachesBot(alarmName: string): boolean {
  const event = {
    version: '0',
    id: 'test',
    source: 'aws.cloudwatch',
    'detail-type': 'CloudWatch Alarm State Change',
    account: '123456789012',
    region: 'us-east-1',
    time: '2026-11-26T10:00:00Z',
    resources: [`arn:aws:cloudwatch:us-east-1:123456789012:alarm:${alarmName}`],
    detail: { alarmName, state: { value: 'ALARM' }, previousState: { value: 'OK' } },
  };
  return ofType('AWS::Events::Rule').some(
    ([, rule]) =>
      rule.Properties?.EventBusName === undefined &&
      rule.Properties?.EventPattern !== undefined &&
      matchesPattern(rule.Properties.EventPattern, event) &&
      asArray(rule.Properties.Targets as Array<{ Arn: unknown }>).some(
        (t) => getAttArn(t.Arn) === 'AlertsQueue',
      ),
  );
}

function depthAlarmsOf(queueName: unknown): Array<Record<string, unknown>> {
  return ofType('AWS::CloudWatch::Alarm')
    .map(([, alarm]) => alarm.Properties ?? {})
    .filter(
      (p) =>
        p.Namespace === 'AWS/SQS' &&
        p.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        p.Statistic === 'Maximum' &&
        p.Period === 60 &&
        p.Threshold === 0 &&
        p.ComparisonOperator === 'GreaterThanThreshold' &&
        p.TreatMissingData === 'notBreaching' &&
        JSON.stringify(p.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: queueName }]),
    );
}

describe('queues', () => {
  it('gives every queue that is not itself a dead-letter queue a redrive policy', () => {
    const dlqs = deadLetterQueues();
    const others = ofType('AWS::SQS::Queue').filter(([id]) => !dlqs.has(id));
    expect(others.length).toBeGreaterThan(0);
    for (const [id, queue] of others) {
      const redrive = queue.Properties?.RedrivePolicy as {
        deadLetterTargetArn?: unknown;
        maxReceiveCount?: number;
      };
      expect(getAttArn(redrive?.deadLetterTargetArn), id).toBeDefined();
      expect(redrive.maxReceiveCount, id).toBeGreaterThan(1);
    }
  });

  it('wires up every one of the bot’s own dead-letter queues', () => {
    expect([...deadLetterQueues()].sort()).toEqual(OWN_DLQS.map((d) => d.logicalId).sort());
  });

  it('gives every dead-letter queue a depth alarm whose state changes reach the bot', () => {
    for (const dlq of deadLetterQueues()) {
      const alarms = depthAlarmsOf({ 'Fn::GetAtt': [dlq, 'QueueName'] });
      expect(alarms, dlq).toHaveLength(1);
      expect(reachesBot(alarms[0]?.AlarmName as string), dlq).toBe(true);
      // …and the notify Lambda renders it as a DLQ alert, by the queue's name.
      expect(isDlqName(props(dlq).QueueName as string, config.dlqs), dlq).toBe(true);
    }
  });

  it('watches every queue listed in the config’s dlqs: with an alarm that reaches the bot', () => {
    for (const queue of config.dlqs) {
      const alarms = depthAlarmsOf(queue);
      expect(alarms, queue).toHaveLength(1);
      expect(reachesBot(alarms[0]?.AlarmName as string), queue).toBe(true);
    }
  });

  it('keeps the alerts queue visible long enough for notify: ≥ 6 × timeout + batching window', () => {
    const [[, mapping] = []] = ofType('AWS::Lambda::EventSourceMapping');
    const window = (mapping?.Properties?.MaximumBatchingWindowInSeconds as number) ?? 0;
    expect(props('AlertsQueue').VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * (props('NotifyLambdaFunction').Timeout as number) + window,
    );
    expect(mapping?.Properties?.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(props('NotifyLambdaFunction').ReservedConcurrentExecutions).toBeGreaterThan(0);
  });
});

describe('EventBridge rules', () => {
  const patternRules = () =>
    ofType('AWS::Events::Rule').filter(([, r]) => r.Properties?.EventPattern !== undefined);

  it('targets the alerts queue from every pattern rule (schedules invoke errors-worker)', () => {
    for (const [id, rule] of patternRules()) {
      const targets = asArray(rule.Properties?.Targets as Array<{ Arn: unknown }>);
      expect(
        targets.map((t) => getAttArn(t.Arn)),
        id,
      ).toEqual(['AlertsQueue']);
    }
  });

  it('deploys exactly the enabled catalogue patterns, on the default bus and on the central bus', () => {
    const enabled = SECURITY_RULES.filter((r) => !config.security.disabled.includes(r.id));
    for (const rule of enabled) {
      const key = securityKey(rule.id);
      expect(props(logicalId('Rule', key)).EventPattern, rule.id).toEqual(rule.pattern);
      expect(props(logicalId('CentralRule', key)).EventPattern, rule.id).toEqual(rule.pattern);
    }
    const securityRules = patternRules().filter(([id]) => /^(Central)?RuleSec/.test(id));
    expect(securityRules).toHaveLength(2 * enabled.length);
  });

  it('names every rule so the queue policy’s aws:SourceArn condition admits it', () => {
    const policy = props('AlertsQueuePolicy').PolicyDocument as { Statement: Array<Record<string, unknown>> };
    const events = policy.Statement.find(
      (s) => (s.Principal as { Service?: string }).Service === 'events.amazonaws.com',
    );
    const condition = events?.Condition as
      | { ArnLike: { 'aws:SourceArn': Array<{ 'Fn::Sub': string }> } }
      | undefined;
    const arns = (condition?.ArnLike['aws:SourceArn'] ?? []).map((a) =>
      a['Fn::Sub'].replace(/^.*:rule\//, ''),
    );
    const prefix = `${props('CentralBus').Name}`;
    expect(arns).toEqual([`${prefix}-*`, `${prefix}/*`]);
    for (const [id, rule] of patternRules()) {
      expect(String(rule.Properties?.Name).startsWith(`${prefix}-`), id).toBe(true);
    }
  });

  it('scopes the SNS topic’s delivery to the queue by the topic’s ARN', () => {
    const policy = props('AlertsQueuePolicy').PolicyDocument as { Statement: Array<Record<string, unknown>> };
    const sns = policy.Statement.find(
      (s) => (s.Principal as { Service?: string }).Service === 'sns.amazonaws.com',
    );
    expect(sns?.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': { Ref: 'AlertsTopic' } } });
  });
});

describe('state table alarm', () => {
  it('watches the StateUnavailable metric under the namespace and service notify publishes it with', () => {
    const handler = readFileSync(join(root, 'src/handlers/notify.ts'), 'utf8');
    expect(handler).toContain("new Metrics({ namespace: 'cloudbell', serviceName: 'notify' })");
    // Published as one of notify's counts (addCounts: one Count metric per key).
    expect(handler).toContain('StateUnavailable: stats.stateUnavailable');
    const alarm = ofType('AWS::CloudWatch::Alarm')
      .map(([, a]) => a.Properties ?? {})
      .find((p) => p.MetricName === 'StateUnavailable');
    expect(alarm).toMatchObject({
      Namespace: 'cloudbell',
      Dimensions: [{ Name: 'service', Value: 'notify' }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });
});

describe('alarms topic', () => {
  const ACCOUNT = '210987654321';
  const REGION = 'eu-west-1';
  type Statement = {
    Effect: string;
    Principal: { Service?: string | string[]; AWS?: unknown } | string;
    Action: string | string[];
    Resource: unknown;
    Condition?: Record<string, Record<string, unknown>>;
  };
  /** Resolves the intrinsics the policy uses, as CloudFormation would in ACCOUNT/REGION. */
  const resolve = (value: unknown): string => {
    const v = value as { Ref?: string; 'Fn::Sub'?: string } | string;
    if (typeof v === 'string') return v;
    if (v.Ref === 'AWS::AccountId') return ACCOUNT;
    if (v.Ref === 'AlertsTopic') return `arn:aws:sns:${REGION}:${ACCOUNT}:alarms`;
    if (v['Fn::Sub'] !== undefined)
      return v['Fn::Sub'].replace(/\$\{AWS::(\w+)\}/g, (whole, name: string) =>
        name === 'Partition' ? 'aws' : name === 'Region' ? REGION : name === 'AccountId' ? ACCOUNT : whole,
      );
    throw new Error(`unexpected intrinsic ${JSON.stringify(v)}`);
  };
  const like = (pattern: string, value: string) =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.?+^$()[\]{}|\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(value);
  interface Request {
    service?: string;
    account?: string;
    sourceArn?: string;
    sourceAccount?: string;
  }
  /** Whether the topic policy alone lets this caller publish (IAM's allow-then-conditions, no deny here). */
  const allows = (statements: Statement[], r: Request): boolean =>
    statements.some((s) => {
      if (s.Effect !== 'Allow' || ![s.Action].flat().includes('sns:Publish')) return false;
      const p = s.Principal;
      const principalOk =
        typeof p === 'string'
          ? p === '*'
          : p.Service !== undefined
            ? [p.Service].flat().includes(r.service ?? '')
            : r.account !== undefined && resolve(p.AWS) === `arn:aws:iam::${r.account}:root`;
      if (!principalOk) return false;
      for (const [op, entries] of Object.entries(s.Condition ?? {})) {
        for (const [key, expected] of Object.entries(entries)) {
          const actual =
            key === 'aws:SourceArn' ? r.sourceArn : key === 'aws:SourceAccount' ? r.sourceAccount : undefined;
          if (actual === undefined) return false;
          const want = resolve(expected);
          if (op === 'ArnLike' ? !like(want, actual) : op === 'StringEquals' ? want !== actual : true)
            return false;
        }
      }
      return true;
    });

  const statements = (): Statement[] => {
    const policies = ofType('AWS::SNS::TopicPolicy').filter(([, r]) =>
      asArray(r.Properties?.Topics as unknown[]).some((t) => (t as { Ref?: string }).Ref === 'AlertsTopic'),
    );
    expect(policies).toHaveLength(1);
    const document = policies[0]?.[1].Properties?.PolicyDocument as { Statement: Statement[] } | undefined;
    return document?.Statement ?? [];
  };

  it('lets this account’s CloudWatch alarms publish', () => {
    expect(
      allows(statements(), {
        service: 'cloudwatch.amazonaws.com',
        sourceArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:checkout-api-errors`,
        sourceAccount: ACCOUNT,
      }),
    ).toBe(true);
  });

  it('lets this account’s own principals publish (their IAM policies decide who)', () => {
    expect(allows(statements(), { account: ACCOUNT })).toBe(true);
  });

  it('refuses alarms of other accounts, other services and other accounts’ principals', () => {
    const s = statements();
    expect(
      allows(s, {
        service: 'cloudwatch.amazonaws.com',
        sourceArn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:theirs',
        sourceAccount: '111122223333',
      }),
    ).toBe(false);
    // A confused deputy: CloudWatch acting for another account, naming ours only in the ARN pattern.
    expect(
      allows(s, {
        service: 'cloudwatch.amazonaws.com',
        sourceArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:x`,
        sourceAccount: '111122223333',
      }),
    ).toBe(false);
    expect(allows(s, { service: 'cloudwatch.amazonaws.com' })).toBe(false);
    expect(
      allows(s, { service: 'events.amazonaws.com', sourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/x` }),
    ).toBe(false);
    expect(allows(s, { account: '111122223333' })).toBe(false);
    expect(s.every((st) => st.Principal !== '*' && (st.Principal as { AWS?: unknown }).AWS !== '*')).toBe(
      true,
    );
  });

  it('lets AWS Budgets and Cost Anomaly Detection publish for this account only', () => {
    const s = statements();
    for (const service of ['budgets.amazonaws.com', 'costalerts.amazonaws.com']) {
      expect(allows(s, { service, sourceAccount: ACCOUNT })).toBe(true);
      expect(allows(s, { service, sourceAccount: '111122223333' })).toBe(false);
      expect(allows(s, { service })).toBe(false);
    }
  });

  it('grants nothing but sns:Publish', () => {
    expect(statements().flatMap((st) => [st.Action].flat())).toEqual([
      'sns:Publish',
      'sns:Publish',
      'sns:Publish',
    ]);
  });
});

describe('IAM', () => {
  type Statement = { Effect: string; Action: string | string[]; Resource?: unknown };
  const statements = (): Array<[string, Statement]> => {
    const found: Array<[string, Statement]> = [];
    for (const [id, role] of ofType('AWS::IAM::Role')) {
      for (const policy of asArray(
        role.Properties?.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }>,
      )) {
        for (const s of policy.PolicyDocument.Statement) found.push([id, s]);
      }
    }
    for (const [id, policy] of [...ofType('AWS::IAM::Policy'), ...ofType('AWS::IAM::ManagedPolicy')]) {
      // A policy attached to roles counts as each role's grant.
      const roles = asArray(policy.Properties?.Roles as Array<{ Ref?: string }> | undefined).map(
        (r) => r.Ref ?? id,
      );
      for (const s of (policy.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)
        ?.Statement ?? [])
        for (const role of roles.length > 0 ? roles : [id]) found.push([role, s]);
    }
    return found;
  };

  it('never allows Action "*" or a whole service', () => {
    const all = statements();
    expect(all.length).toBeGreaterThan(5);
    for (const [id, s] of all) {
      for (const action of asArray(s.Action)) expect(action, id).not.toMatch(/(^\*$|:\*$)/);
    }
  });

  it('uses Resource "*" only for actions without resource-level permissions', () => {
    for (const [id, s] of statements()) {
      if (!asArray(s.Resource).includes('*')) continue;
      for (const action of asArray(s.Action))
        expect(STAR_RESOURCE_ALLOWED.has(action), `${id} ${action}`).toBe(true);
    }
  });

  const grants = (role: string): Map<string, unknown[]> => {
    const map = new Map<string, unknown[]>();
    for (const [id, s] of statements()) {
      if (id !== role || s.Effect !== 'Allow') continue;
      for (const action of asArray(s.Action))
        map.set(action, [...(map.get(action) ?? []), ...asArray(s.Resource)]);
    }
    return map;
  };
  const subs = (resources: unknown[] | undefined) =>
    (resources ?? []).map((r) => (r as { 'Fn::Sub'?: string })['Fn::Sub'] ?? JSON.stringify(r));

  it('lets each function do only what its job needs', () => {
    const own = ['logs:CreateLogStream', 'logs:PutLogEvents', 'secretsmanager:GetSecretValue'];
    expect([...grants('NotifyRole').keys()].sort()).toEqual(
      [
        ...own,
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:ReceiveMessage',
        // The evidence hand-off, present because the config enables evidence.
        ...(evidenceEnabled(config, 'graphs') || evidenceEnabled(config, 'logs')
          ? ['lambda:InvokeFunction']
          : []),
      ].sort(),
    );
    expect([...grants('SlackRole').keys()].sort()).toEqual(
      [
        ...own,
        'lambda:InvokeFunction',
        // The replay guard's conditional put, and the buttons' state (ActionState).
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        // The Redrive confirmation reads the DLQ (RedriveReadPolicy).
        'sqs:GetQueueAttributes',
        'sqs:ListDeadLetterSourceQueues',
      ].sort(),
    );
    // No lambda:GetFunctionConfiguration (it returns every function's environment variables),
    // no unused logs:DescribeLogGroups.
    expect([...grants('EvidenceRole').keys()].sort()).toEqual(
      [
        ...own,
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'sqs:SendMessage',
        ...(evidenceEnabled(config, 'graphs')
          ? ['cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricWidgetImage']
          : []),
        ...(evidenceEnabled(config, 'logs') ? ['logs:DescribeMetricFilters', 'logs:FilterLogEvents'] : []),
      ].sort(),
    );
    expect([...grants('WorkerRole').keys()].sort()).toEqual(
      [
        ...own,
        'cloudwatch:GetMetricData',
        'logs:FilterLogEvents',
        'sqs:SendMessage',
        // The escalation sweep (EscalationState).
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        // The redrive (RedriveMovePolicy).
        'sqs:StartMessageMoveTask',
        'sqs:ListMessageMoveTasks',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
      ].sort(),
    );
  });

  it('grants notify every DynamoDB call the state code makes, and no other', () => {
    const source = ['src/state', 'src/aws']
      .flatMap((dir) => readdirSync(join(root, dir)).map((f) => join(root, dir, f)))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const called = new Set(
      [...source.matchAll(/new (\w+)Command\(|\.call\('(\w+)'/g)]
        .map((m) => m[1] ?? m[2] ?? '')
        .filter((name) => /Item|Query|Scan/.test(name))
        .map((name) => `dynamodb:${name}`),
    );
    const granted = [...grants('NotifyRole').keys()].filter((a) => a.startsWith('dynamodb:'));
    expect(called.size).toBeGreaterThan(0);
    expect(granted.sort()).toEqual([...called].sort());
  });

  it('scopes every grant to the one queue, table, secret, worker and log groups it is for', () => {
    const notify = grants('NotifyRole');
    expect(notify.get('sqs:ReceiveMessage')).toEqual([{ 'Fn::GetAtt': ['AlertsQueue', 'Arn'] }]);
    expect(notify.get('dynamodb:PutItem')).toEqual([{ 'Fn::GetAtt': ['StateTable', 'Arn'] }]);
    const secretName = (props('NotifyLambdaFunction').Environment as { Variables: Record<string, string> })
      .Variables.CLOUDBELL_SECRET_ID;
    for (const role of ['NotifyRole', 'SlackRole', 'WorkerRole']) {
      // Secrets Manager appends 6 random characters to the name in the ARN.
      expect(subs(grants(role).get('secretsmanager:GetSecretValue')), role).toEqual([
        expect.stringMatching(new RegExp(`:secret:${secretName}-\\?{6}$`)),
      ]);
      expect(subs(grants(role).get('logs:PutLogEvents')), role).toEqual([
        expect.stringMatching(/:log-group:\/aws\/lambda\/[\w-]+:\*$/),
      ]);
    }
    const worker = props('ErrorsDashworkerLambdaFunction').FunctionName as string;
    expect(subs(grants('SlackRole').get('lambda:InvokeFunction'))).toEqual([
      expect.stringMatching(new RegExp(`:function:${worker}$`)),
    ]);
    // The replay guard and the buttons' state: the one table.
    expect(
      new Set(
        grants('SlackRole')
          .get('dynamodb:PutItem')
          ?.map((r) => JSON.stringify(r)),
      ),
    ).toEqual(new Set([JSON.stringify({ 'Fn::GetAtt': ['StateTable', 'Arn'] })]));
    const w = grants('WorkerRole');
    expect(w.get('cloudwatch:GetMetricData')).toEqual(['*']);
    // The stack's own region only (errors.regions is empty in the packaged config).
    expect(subs(w.get('logs:FilterLogEvents'))).toEqual([
      `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/*`,
    ]);
    const metrics = statements().find(
      ([id, st]) => id === 'WorkerRole' && asArray(st.Action).includes('cloudwatch:GetMetricData'),
    )?.[1] as { Condition?: unknown } | undefined;
    expect(metrics?.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': [{ Ref: 'AWS::Region' }] } });
    // Its own DLQ (failed invocations), and the redrive's destinations: this account's queues here.
    expect(w.get('sqs:SendMessage')).toEqual([
      { 'Fn::GetAtt': ['WorkerDlq', 'Arn'] },
      { 'Fn::Sub': `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:*` },
    ]);
    const e = grants('EvidenceRole');
    expect(e.get('cloudwatch:GetMetricWidgetImage')).toEqual(['*']);
    expect(subs(e.get('cloudwatch:DescribeAlarms'))).toEqual([expect.stringMatching(/:alarm:\*$/)]);
    expect(e.get('dynamodb:UpdateItem')).toEqual([{ 'Fn::GetAtt': ['StateTable', 'Arn'] }]);
    expect(e.get('sqs:SendMessage')).toEqual([{ 'Fn::GetAtt': ['EvidenceDlq', 'Arn'] }]);
    const evidenceFn = props('EvidenceLambdaFunction').FunctionName as string;
    expect(subs(grants('NotifyRole').get('lambda:InvokeFunction'))).toEqual([
      expect.stringMatching(new RegExp(`:function:${evidenceFn}$`)),
    ]);
  });

  it('lets only the redrive touch dead-letter queues: the slack role reads them, the worker moves', () => {
    type Doc = { Statement: Array<{ Action: string | string[]; Resource: unknown }> };
    const actionsOf = (id: string) =>
      (props(id).PolicyDocument as Doc).Statement.flatMap((st) => asArray(st.Action)).sort();
    const resourcesOf = (id: string, action: string) =>
      subs(
        (props(id).PolicyDocument as Doc).Statement.filter((st) =>
          asArray(st.Action).includes(action),
        ).flatMap((st) => asArray(st.Resource)),
      );
    expect(actionsOf('RedriveReadPolicy')).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:ListDeadLetterSourceQueues',
    ]);
    expect(actionsOf('RedriveMovePolicy')).toEqual(
      [
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:ListMessageMoveTasks',
        'sqs:ReceiveMessage',
        'sqs:SendMessage',
        'sqs:StartMessageMoveTask',
      ].sort(),
    );
    const dlqs = resourcesOf('RedriveMovePolicy', 'sqs:StartMessageMoveTask');
    expect(dlqs.length).toBeGreaterThan(0);
    for (const arn of dlqs)
      expect(arn).toMatch(
        /:sqs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:(\*-dlq|\*-DLQ|\*-dead-letter|\*DLQ|[\w-]+)(\.fifo)?$/,
      );
    expect(dlqs).not.toContain(`arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:*`);
    expect(resourcesOf('RedriveReadPolicy', 'sqs:GetQueueAttributes')).toEqual(dlqs);
    expect(props('RedriveReadPolicy').Roles).toEqual([{ Ref: 'SlackRole' }]);
    expect(props('RedriveMovePolicy').Roles).toEqual([{ Ref: 'WorkerRole' }]);
  });

  it('has no wildcard in any ARN beyond the known, explained ones', () => {
    // Every ARN in the template (identity and resource policies, conditions) with a * or ?:
    // each must be one of these shapes. A new wildcard anywhere fails here.
    const prefix = String(props('ErrorsDashworkerLambdaFunction').FunctionName).replace(
      /-errors-worker$/,
      '',
    );
    const secret = (props('NotifyLambdaFunction').Environment as { Variables: Record<string, string> })
      .Variables.CLOUDBELL_SECRET_ID;
    const bus = String(props('CentralBus').Name);
    const here = `arn:\${AWS::Partition}:%s:\${AWS::Region}:\${AWS::AccountId}:`;
    const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const known = [
      // Each function's own log streams: the documented `:*` suffix of a log group ARN.
      ...['notify', 'slack', 'errors-worker', 'evidence'].map(
        (f) => `${here.replace('%s', 'logs')}log-group:/aws/lambda/${prefix}-${f}:*`,
      ),
      // Secrets Manager appends six random characters to a secret's name.
      `${here.replace('%s', 'secretsmanager')}secret:${secret}-??????`,
      // The alerts queue admits the stack's own rules, on the default and the central bus.
      `${here.replace('%s', 'events')}rule/${bus}-*`,
      `${here.replace('%s', 'events')}rule/${bus}/*`,
      // The alarms topic accepts publishes from any CloudWatch alarm of this account and region
      // (a condition on aws:SourceArn: alarms are created by users, after the stack).
      `${here.replace('%s', 'cloudwatch')}alarm:*`,
      // The worker reads the default log groups of the functions in scope (errors.functions
      // empty: all) in the stack's region (errors.regions empty).
      `${here.replace('%s', 'logs')}log-group:/aws/lambda/*`,
      // The Redrive button (scripts/infra/redrive.ts): queues named as dead-letter queues, and
      // SendMessage to the queues they came from, which are unknown at deploy time.
      ...['*-dlq', '*-DLQ', '*-dead-letter', '*DLQ'].flatMap((n) => [
        `${here.replace('%s', 'sqs')}${n}`,
        `${here.replace('%s', 'sqs')}${n}.fifo`,
      ]),
      `${here.replace('%s', 'sqs')}*`,
    ];
    // Evidence (scripts/infra/evidence.ts) reads alarms and metric-filter log lines of any region
    // the central bus receives alerts from: the only ARNs allowed a wildcard region.
    const anyRegion = `arn:\${AWS::Partition}:%s:*:\${AWS::AccountId}:`;
    const crossRegion = [
      `${anyRegion.replace('%s', 'cloudwatch')}alarm:*`,
      `${anyRegion.replace('%s', 'logs')}log-group:*`,
    ];
    known.push(...crossRegion);
    const found: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') {
        if (/^arn:/.test(value) && /[*?]/.test(value)) found.push(value);
      } else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(template.Resources);
    expect(found.length).toBeGreaterThan(0);
    const unknown = found.filter((arn) => !known.some((k) => new RegExp(`^${escapeRe(k)}$`).test(arn)));
    expect(unknown).toEqual([]);
    // And never a wildcard region or account.
    for (const arn of found.filter((a) => !crossRegion.includes(a)))
      expect(arn, arn).not.toMatch(/^arn:[^:]*:[^:]*:(\*|[^:]*\*[^:]*):|^arn:[^:]*:[^:]*:[^:]*:\*/);
  });

  it('gives each function its own role', () => {
    const roles = [
      'NotifyLambdaFunction',
      'SlackLambdaFunction',
      'ErrorsDashworkerLambdaFunction',
      'EvidenceLambdaFunction',
    ].map((f) => getAttArn(props(f).Role));
    expect(roles).toEqual(['NotifyRole', 'SlackRole', 'WorkerRole', 'EvidenceRole']);
  });
});

describe('functions', () => {
  const functions = [
    'NotifyLambdaFunction',
    'SlackLambdaFunction',
    'ErrorsDashworkerLambdaFunction',
    'EvidenceLambdaFunction',
  ];

  it('runs every function on nodejs22.x, arm64, with its log group kept for a bounded time', () => {
    for (const id of functions) {
      expect(props(id).Runtime, id).toBe('nodejs22.x');
      expect(props(id).Architectures, id).toEqual(['arm64']);
    }
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups).toHaveLength(functions.length);
    for (const [id, group] of groups) expect(group.Properties?.RetentionInDays, id).toBeGreaterThan(0);
  });

  it('serves POST /slack/events and prints its URL for the Slack app', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties?.RouteKey);
    expect(routes).toEqual(['POST /slack/events']);
    const outputs = (template as unknown as { Outputs: Record<string, { Value: unknown }> }).Outputs;
    expect(JSON.stringify(outputs.SlackRequestUrl?.Value)).toContain('/slack/events');
  });

  it('throttles the public endpoint and caps the slack function’s concurrency', () => {
    const [[, stage] = []] = ofType('AWS::ApiGatewayV2::Stage');
    const settings = stage?.Properties?.DefaultRouteSettings as Record<string, number> | undefined;
    expect(settings?.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(settings?.ThrottlingBurstLimit).toBeGreaterThanOrEqual(settings?.ThrottlingRateLimit ?? 0);
    const reserved = props('SlackLambdaFunction').ReservedConcurrentExecutions as number;
    expect(reserved).toBeGreaterThan(0);
    // Enough instances for the stage's burst within two cold starts.
    expect(reserved * 2).toBeGreaterThanOrEqual(settings?.ThrottlingBurstLimit ?? Number.POSITIVE_INFINITY);
    // The replay guard's table.
    const env = (props('SlackLambdaFunction').Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(env.CLOUDBELL_TABLE).toEqual({ Ref: 'StateTable' });
  });

  it('runs evidence by async invoke with its own timeout, no retries, a 30-minute event age and its own DLQ', () => {
    const invokeConfig = template.Resources.EvidenceLambdaEvConf;
    expect(invokeConfig?.Properties).toMatchObject({
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 1800,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['EvidenceDlq', 'Arn'] } } },
    });
    expect(props('EvidenceLambdaFunction').Timeout).toBe(config.errors.budgetSeconds * 2 + 30);
    expect(props('EvidenceLambdaFunction').ReservedConcurrentExecutions).toBe(2);
    const notifyEnv = (props('NotifyLambdaFunction').Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(notifyEnv.EVIDENCE_FUNCTION).toBe(props('EvidenceLambdaFunction').FunctionName);
  });

  it('hands failed errors-worker invocations to its dead-letter queue instead of retrying', () => {
    const [[, invokeConfig] = []] = ofType('AWS::Lambda::EventInvokeConfig');
    expect(invokeConfig?.Properties).toMatchObject({
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['WorkerDlq', 'Arn'] } } },
    });
  });
});
