/**
 * The part of the stack that depends on the config and the security catalogue, generated at
 * package time: EventBridge rules on the default bus and on the central bus, dead-letter-queue
 * depth alarms (the bot's own DLQs and every queue in `dlqs:`), and the central bus policy.
 * Static resources (queues, topic, table, roles, Lambda alarms) live in `infra/*.yml`.
 */
import type { Config } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';
import type { FamilyDefinition } from '../../src/families/definition.js';
import type { SecurityRule } from '../../src/families/security/rule.js';
import { queueDepthAlarm } from './alarms.js';
import { boundedName, type CfnResources, getAtt, logicalId, ref } from './cfn.js';
import { evidenceResources } from './evidence.js';
import { redrivePolicies } from './redrive.js';
import { ruleSpecs, ruleState } from './rules.js';
import { workerReadPolicy } from './worker-read.js';

/** The bot's own dead-letter queues, as declared in infra/queues.yml. */
export const OWN_DLQS = [
  { logicalId: 'AlertsDlq', key: 'alerts-dlq', what: 'alerts that notify failed to post after every retry' },
  {
    logicalId: 'EventsDlq',
    key: 'events-dlq',
    what: 'events EventBridge could not deliver to the alerts queue',
  },
  { logicalId: 'WorkerDlq', key: 'worker-dlq', what: 'failed asynchronous errors-worker invocations' },
  { logicalId: 'EvidenceDlq', key: 'evidence-dlq', what: 'failed asynchronous evidence invocations' },
] as const;

export const ALERTS_QUEUE = 'AlertsQueue';
export const CENTRAL_BUS = 'CentralBus';

export interface StackInput {
  readonly config: Config;
  readonly catalogue: readonly SecurityRule[];
  /** The declarative families whose enabled patterns become rules (src/families/registry.ts). */
  readonly families?: readonly FamilyDefinition[];
  /** `${service}-${stage}`: the prefix of every name the stack creates. */
  readonly prefix: string;
  /** AWS Organization whose accounts may put events on the central bus. */
  readonly orgId?: string;
  /** Account ids that may put events on the central bus. */
  readonly accounts?: readonly string[];
}

/** The generated fragment, merged by osls into `resources`. */
export interface Fragment {
  readonly Resources: CfnResources;
  readonly Outputs: Record<string, { Description: string; Value: unknown }>;
}

function ruleResources(input: StackInput): CfnResources {
  const resources: CfnResources = {};
  for (const spec of ruleSpecs(input.config, input.catalogue, `${input.prefix}-`, input.families)) {
    const properties = {
      Name: boundedName([input.prefix, spec.key], 64),
      Description: spec.description,
      EventPattern: spec.pattern,
      State: ruleState(spec.pattern),
      Targets: [
        {
          Id: 'alerts-queue',
          Arn: getAtt(ALERTS_QUEUE, 'Arn'),
          // An event EventBridge cannot deliver (queue policy, throttling) lands here, not nowhere.
          DeadLetterConfig: { Arn: getAtt('EventsDlq', 'Arn') },
        },
      ],
    };
    resources[logicalId('Rule', spec.key)] = { Type: 'AWS::Events::Rule', Properties: properties };
    resources[logicalId('CentralRule', spec.key)] = {
      Type: 'AWS::Events::Rule',
      Properties: { ...properties, EventBusName: ref(CENTRAL_BUS) },
    };
  }
  return resources;
}

function dlqAlarms(input: StackInput): CfnResources {
  const resources: CfnResources = {};
  for (const dlq of OWN_DLQS) {
    resources[logicalId('DepthAlarm', dlq.key)] = queueDepthAlarm(
      `${input.prefix}-${dlq.key}-depth`,
      getAtt(dlq.logicalId, 'QueueName'),
      `cloudbell's ${dlq.key} has messages: ${dlq.what}. Inspect them, then redrive.`,
    );
  }
  for (const queue of input.config.dlqs) {
    let id = logicalId('DepthAlarmConfig', queue);
    if (resources[id]) id = `${id}${Object.keys(resources).length}`;
    resources[id] = queueDepthAlarm(
      boundedName([input.prefix, 'dlq', queue], 255),
      queue,
      `Dead-letter queue ${queue} has messages (watched because it is listed in the cloudbell config dlqs:).`,
    );
  }
  return resources;
}

function busPolicies(input: StackInput): CfnResources {
  const resources: CfnResources = {};
  const statement = (principal: unknown, condition?: unknown) => ({
    Effect: 'Allow',
    Principal: principal,
    Action: 'events:PutEvents',
    Resource: getAtt(CENTRAL_BUS, 'Arn'),
    ...(condition ? { Condition: condition } : {}),
  });
  if (input.orgId) {
    if (!/^o-[a-z0-9]{10,32}$/.test(input.orgId)) {
      throw new ConfigError(
        `param orgId: expected an Organization id such as o-a1b2c3d4e5, got "${input.orgId}"`,
      );
    }
    resources.CentralBusOrgPolicy = {
      Type: 'AWS::Events::EventBusPolicy',
      Properties: {
        EventBusName: ref(CENTRAL_BUS),
        StatementId: 'cloudbell-organization',
        // Any principal, but only from inside the one Organization.
        Statement: statement('*', { StringEquals: { 'aws:PrincipalOrgID': input.orgId } }),
      },
    };
  }
  const accounts = input.accounts ?? [];
  if (accounts.length > 0) {
    const bad = accounts.filter((a) => !/^\d{12}$/.test(a));
    if (bad.length > 0)
      throw new ConfigError(`param memberAccounts: not 12-digit account ids: ${bad.join(', ')}`);
    resources.CentralBusAccountsPolicy = {
      Type: 'AWS::Events::EventBusPolicy',
      Properties: {
        EventBusName: ref(CENTRAL_BUS),
        StatementId: 'cloudbell-accounts',
        Statement: statement({
          AWS: accounts.map((a) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::${a}:root` })),
        }),
      },
    };
  }
  return resources;
}

/**
 * The generated CloudFormation fragment for one deployment.
 *
 * @throws {ConfigError} on an unknown `security.disabled` id or a malformed orgId/account id
 * @example
 * ```ts
 * const { Resources } = generatedFragment({ config, catalogue: SECURITY_RULES, prefix: 'cloudbell-prod' });
 * Resources.RuleAlarmState.Properties.EventPattern; // { source: ['aws.cloudwatch'], … }
 * ```
 */
export function generatedFragment(input: StackInput): Fragment {
  return {
    Resources: {
      ...ruleResources(input),
      ...dlqAlarms(input),
      ...busPolicies(input),
      ...workerReadPolicy(input.config),
      ...evidenceResources(input.config, input.prefix),
      ...redrivePolicies(input.config),
    },
    Outputs: {
      CentralBusArn: {
        Description: 'Event bus the forwarder stacks (other accounts, us-east-1) send to',
        Value: getAtt(CENTRAL_BUS, 'Arn'),
      },
    },
  };
}

/**
 * Lambda timeout of errors-worker: the config's query budget plus time to render and post the
 * answer, within Lambda's 900 s maximum.
 *
 * @example
 * ```ts
 * workerTimeoutSeconds(config); // 50 for the default 20 s budget
 * ```
 */
export function workerTimeoutSeconds(config: Config): number {
  return Math.min(900, Math.ceil(config.errors.budgetSeconds) + 30);
}
