/**
 * IAM for the Redrive button (src/actions/redrive.ts), generated because the queues it may
 * touch come from the config: names cloudbell treats as dead-letter queues (the `-dlq`,
 * `-dead-letter` and `DLQ` conventions, `.fifo` too, and `config.dlqs`), in the stack's region
 * (a DLQ alarm forwarded from another region shows the button; its redrive is refused by IAM
 * and says so in the thread). The slack function only reads (the confirmation modal); the worker moves.
 * `sqs:SendMessage` goes to the destination — the DLQ's source queues, unknown at deploy time,
 * so any queue of this account in this region: StartMessageMoveTask sends as the caller.
 */
import type { Config } from '../../src/core/config.js';
import type { CfnResources } from './cfn.js';
import { ref } from './cfn.js';

const PATTERNS = ['*-dlq', '*-DLQ', '*-dead-letter', '*DLQ'];

function queueArns(config: Config): Array<{ 'Fn::Sub': string }> {
  const names = [...new Set([...PATTERNS, ...config.dlqs])].flatMap((n) => [n, `${n}.fifo`]);
  return names.map((n) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:${n}`,
  }));
}

/**
 * @example
 * ```ts
 * redrivePolicies(config); // { RedriveReadPolicy: …, RedriveMovePolicy: … }
 * ```
 */
export function redrivePolicies(config: Config): CfnResources {
  const dlqs = queueArns(config);
  return {
    RedriveReadPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'redrive-confirmation',
        Roles: [ref('SlackRole')],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DescribeDeadLetterQueues',
              Effect: 'Allow',
              Action: ['sqs:GetQueueAttributes', 'sqs:ListDeadLetterSourceQueues'],
              Resource: dlqs,
            },
          ],
        },
      },
    },
    RedriveMovePolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'redrive-move',
        Roles: [ref('WorkerRole')],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'MoveOutOfDeadLetterQueues',
              Effect: 'Allow',
              Action: [
                'sqs:StartMessageMoveTask',
                'sqs:ListMessageMoveTasks',
                'sqs:ReceiveMessage',
                'sqs:DeleteMessage',
                'sqs:GetQueueAttributes',
              ],
              Resource: dlqs,
            },
            {
              Sid: 'BackToSourceQueues',
              Effect: 'Allow',
              Action: 'sqs:SendMessage',
              Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:*` },
            },
          ],
        },
      },
    },
  };
}
