/**
 * Console links for /aws-errors: a function's log events over the query window.
 */
import { consoleLogGroupFragment, consoleUrl } from '../alerts/console.js';

/**
 * The CloudWatch Logs console showing `logGroup` between `start` and `end` (epoch ms).
 *
 * @example
 * ```ts
 * logEventsUrl('eu-west-1', '/aws/lambda/checkout-api', 1700000000000, 1700003600000);
 * // 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fcheckout-api/log-events$3Fstart$3D1700000000000$26end$3D1700003600000'
 * ```
 */
export function logEventsUrl(region: string, logGroup: string, start: number, end: number): string {
  // The console's fragment encodes "?", "=" and "&" with "$" in place of "%".
  const query = `$3Fstart$3D${Math.floor(start)}$26end$3D${Math.ceil(end)}`;
  return consoleUrl(
    region,
    'cloudwatch/home',
    `logsV2:log-groups/log-group/${consoleLogGroupFragment(logGroup)}/log-events${query}`,
  );
}
