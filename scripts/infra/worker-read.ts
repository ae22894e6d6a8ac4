/**
 * What errors-worker may read, generated from the config so the grant matches the query's
 * scope exactly: `logs:FilterLogEvents` on the default log groups of the functions in
 * `errors.functions` (every function when empty) and on the custom groups of
 * `errors.logGroups`, in each region of `errors.regions` (the stack's own when empty); and
 * `cloudwatch:GetMetricData`, which has no resource-level permissions, limited to the same
 * regions with `aws:RequestedRegion`. No call that returns a function's configuration.
 */
import type { Config } from '../../src/core/config.js';
import type { CfnResources } from './cfn.js';

export const WORKER_READ_POLICY = 'WorkerReadPolicy';

/** A log group ARN in IAM's form (trailing `:*`), or a prefix of default groups ending in `*`. */
const logGroupArn = (region: string, name: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:logs:${region}:\${AWS::AccountId}:log-group:${name}`,
});

/**
 * @example
 * ```ts
 * workerReadPolicy(config); // { WorkerReadPolicy: { Type: 'AWS::IAM::Policy', … } }
 * ```
 */
export function workerReadPolicy(config: Config, role = 'WorkerRole'): CfnResources {
  const { regions, functions, logGroups } = config.errors;
  const arnRegions = regions.length > 0 ? regions : [`\${AWS::Region}`];
  const prefixes = functions.length > 0 ? functions : [''];
  const inScope = (name: string) => functions.length === 0 || functions.some((p) => name.startsWith(p));
  const custom = [
    ...new Set(
      Object.entries(logGroups)
        .filter(([fn]) => inScope(fn))
        .map(([, group]) => group),
    ),
  ].sort();
  const resources = arnRegions.flatMap((region) => [
    ...prefixes.map((prefix) => logGroupArn(region, `/aws/lambda/${prefix}*`)),
    ...custom.map((group) => logGroupArn(region, `${group}:*`)),
  ]);
  return {
    [WORKER_READ_POLICY]: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'errors-worker-read',
        Roles: [{ Ref: role }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'LambdaLogs', Effect: 'Allow', Action: 'logs:FilterLogEvents', Resource: resources },
            {
              Sid: 'LambdaErrorMetrics',
              Effect: 'Allow',
              // GetMetricData has no resource-level permissions: "*" is the only valid Resource.
              Action: 'cloudwatch:GetMetricData',
              Resource: '*',
              Condition: {
                StringEquals: {
                  'aws:RequestedRegion': regions.length > 0 ? [...regions] : [{ Ref: 'AWS::Region' }],
                },
              },
            },
          ],
        },
      },
    },
  };
}
