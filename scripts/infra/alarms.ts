/**
 * Dead-letter-queue depth alarms. `ApproximateNumberOfMessagesVisible` (Maximum, 60 s, > 0) sees
 * messages moved in by a redrive policy, which `NumberOfMessagesSent` misses. Missing data is not
 * breaching: SQS stops publishing metrics for an idle queue.
 */
import type { CfnResource } from './cfn.js';

/**
 * A depth alarm on one queue.
 *
 * @param alarmName - a name starting with the bot's own alarm prefix, so the alarm rule sees it
 * @param queueName - the queue name, or a CloudFormation expression resolving to it
 * @example
 * ```ts
 * queueDepthAlarm('cloudbell-prod-dlq-orders-failed', 'orders-failed', 'orders-failed has messages');
 * ```
 */
export function queueDepthAlarm(alarmName: unknown, queueName: unknown, description: string): CfnResource {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: alarmName,
      AlarmDescription: description,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: queueName }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    },
  };
}
