/**
 * Console deep links for alarms, Lambda log groups and SQS queues, in the alarm's own
 * region and partition.
 */

import type { Link } from '../../alerts/alert.js';
import { consoleLogGroupFragment, consoleUrl, partitionOf } from '../../alerts/console.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import type { AlarmChange } from './model.js';

/**
 * The alarm's page in the CloudWatch console.
 *
 * @example
 * ```ts
 * alarmConsoleUrl('eu-west-1', 'checkout-api-errors');
 * // 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/checkout-api-errors'
 * ```
 */
export function alarmConsoleUrl(region: string, alarmName: string): string {
  return consoleUrl(region, 'cloudwatch/home', `alarmsV2:alarm/${encodeUriPart(alarmName)}`);
}

/**
 * A log group's page in the CloudWatch Logs console.
 *
 * @example
 * ```ts
 * logGroupConsoleUrl('eu-west-1', '/aws/lambda/checkout-api'); // '…#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fcheckout-api'
 * ```
 */
export function logGroupConsoleUrl(region: string, logGroup: string): string {
  return consoleUrl(
    region,
    'cloudwatch/home',
    `logsV2:log-groups/log-group/${consoleLogGroupFragment(logGroup)}`,
  );
}

/**
 * The queue URL SQS itself uses (`https://sqs.<region>.amazonaws.com/<account>/<name>`; China
 * regions end in `.amazonaws.com.cn`).
 *
 * @example
 * ```ts
 * sqsQueueUrl('cn-north-1', '123456789012', 'orders-dlq'); // 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/orders-dlq'
 * ```
 */
export function sqsQueueUrl(region: string, account: string, queue: string): string {
  const suffix = partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${suffix}/${account}/${encodeUriPart(queue)}`;
}

/**
 * The queue's page in the SQS console (v3 routes on the encoded queue URL).
 *
 * @example
 * ```ts
 * queueConsoleUrl('eu-west-1', '210987654321', 'orders-dlq');
 * // 'https://eu-west-1.console.aws.amazon.com/sqs/v3/home?region=eu-west-1#/queues/https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F210987654321%2Forders-dlq'
 * ```
 */
export function queueConsoleUrl(region: string, account: string, queue: string): string {
  return consoleUrl(region, 'sqs/v3/home', `/queues/${encodeUriPart(sqsQueueUrl(region, account, queue))}`);
}

/**
 * The Lambda functions an alarm watches, from `AWS/Lambda` metrics with a `FunctionName`.
 *
 * @example
 * ```ts
 * lambdaFunctions(change); // ['checkout-api']
 * ```
 */
export function lambdaFunctions(change: AlarmChange): string[] {
  const names = new Set<string>();
  for (const q of change.metrics) {
    if (q.metric?.namespace !== 'AWS/Lambda') continue;
    for (const [k, v] of q.metric.dimensions) if (k === 'FunctionName' && v) names.add(v);
  }
  return [...names];
}

/**
 * The links of an alarm message: the alarm itself, then the logs of each Lambda function it
 * watches (the default `/aws/lambda/<name>` log group).
 *
 * @example
 * ```ts
 * alarmLinks(change).map((l) => l.text); // ['Open alarm', 'Function logs']
 * ```
 */
export function alarmLinks(change: AlarmChange): Link[] {
  const region = change.region;
  if (!region) return [];
  const links: Link[] = [{ text: 'Open alarm', url: alarmConsoleUrl(region, change.name) }];
  const functions = lambdaFunctions(change);
  for (const fn of functions) {
    const text = functions.length === 1 ? 'Function logs' : `Logs: ${fn}`;
    links.push({ text, url: logGroupConsoleUrl(region, `/aws/lambda/${fn}`) });
  }
  return links;
}
