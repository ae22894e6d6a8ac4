/**
 * The evidence feature's config-dependent IAM: grants are added only for what the config turns
 * on (`evidence.graphs` / `evidence.logs`, globally or on any route), as separate policies on
 * the static EvidenceRole (infra/iam.yml), and notify may invoke the evidence function only when
 * something is on. With both off, the function exists but can read nothing and is never called.
 */
import type { Config } from '../../src/core/config.js';
import { evidenceEnabled } from '../../src/evidence/settings.js';
import type { CfnResources } from './cfn.js';
import { ref } from './cfn.js';

const sub = (text: string) => ({ 'Fn::Sub': text });
/** `arn:${Partition}:<service>:*:${AccountId}:<resource>` — CloudFormation's `${…}`, not a JS template. */
const accountArn = (service: string, resource: string) =>
  sub(`arn:\${AWS::Partition}:${service}:*:\${AWS::AccountId}:${resource}`);

/** The evidence function's name (notify's EVIDENCE_FUNCTION), or '' when nothing is enabled. */
export function evidenceFunctionName(config: Config, prefix: string): string {
  return evidenceEnabled(config, 'graphs') || evidenceEnabled(config, 'logs') ? `${prefix}-evidence` : '';
}

/**
 * Timeout of the evidence function: a log scan may use the /aws-errors budget for each of two
 * functions or filters, plus drawing and uploading three graphs, within Lambda's 900 s.
 *
 * @example
 * ```ts
 * evidenceTimeoutSeconds(config); // 70 for the default 20 s budget
 * ```
 */
export function evidenceTimeoutSeconds(config: Config): number {
  return Math.min(900, Math.ceil(config.errors.budgetSeconds) * 2 + 30);
}

/**
 * @example
 * ```ts
 * Object.keys(evidenceResources(config, 'cloudbell-prod')); // ['EvidenceGraphsPolicy', 'EvidenceLogsPolicy', 'NotifyEvidenceHandOffPolicy']
 * ```
 */
export function evidenceResources(config: Config, prefix: string): CfnResources {
  const resources: CfnResources = {};
  const graphs = evidenceEnabled(config, 'graphs');
  const logs = evidenceEnabled(config, 'logs');
  const policy = (name: string, role: string, statements: unknown[]) => ({
    Type: 'AWS::IAM::Policy',
    Properties: {
      PolicyName: name,
      Roles: [ref(role)],
      PolicyDocument: { Version: '2012-10-17', Statement: statements },
    },
  });
  if (graphs) {
    resources.EvidenceGraphsPolicy = policy('evidence-graphs', 'EvidenceRole', [
      {
        Sid: 'DrawGraphs',
        Effect: 'Allow',
        // GetMetricWidgetImage has no resource-level permissions: "*" is the only valid Resource.
        Action: 'cloudwatch:GetMetricWidgetImage',
        Resource: '*',
      },
      {
        Sid: 'CompositeChildren',
        Effect: 'Allow',
        // A composite alarm's children: their metrics are not in the event.
        Action: 'cloudwatch:DescribeAlarms',
        Resource: accountArn('cloudwatch', 'alarm:*'),
      },
    ]);
  }
  if (logs) {
    resources.EvidenceLogsPolicy = policy('evidence-logs', 'EvidenceRole', [
      {
        Sid: 'MetricFilterLines',
        Effect: 'Allow',
        // A metric filter may sit on any log group of the account, so reads are not narrower
        // than log-group:*; DescribeMetricFilters is asked by metric, not by log group.
        Action: ['logs:DescribeMetricFilters', 'logs:FilterLogEvents'],
        Resource: accountArn('logs', 'log-group:*'),
      },
      // No lambda:GetFunctionConfiguration: it returns every function's environment variables.
      // A function's log group is its default one or the one config errors.logGroups names.
    ]);
  }
  if (graphs || logs) {
    resources.NotifyEvidenceHandOffPolicy = policy('notify-evidence-hand-off', 'NotifyRole', [
      {
        Sid: 'HandOffToEvidence',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: sub(
          `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${prefix}-evidence`,
        ),
      },
    ]);
  }
  return resources;
}
