/**
 * AWS console deep links, partition-aware: aws (console.aws.amazon.com), aws-cn
 * (console.amazonaws.cn) and aws-us-gov (console.amazonaws-us-gov.com).
 */
import { encodeUriPart } from './well-formed.js';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** The partition a region belongs to. */
export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The console origin for a region, e.g. `https://eu-west-1.console.aws.amazon.com`.
 *
 * @example
 * ```ts
 * consoleOrigin('cn-north-1'); // 'https://cn-north-1.console.amazonaws.cn'
 * ```
 */
export function consoleOrigin(region: string): string {
  const r = encodeUriPart(region);
  switch (partitionOf(region)) {
    case 'aws-cn':
      return `https://${r}.console.amazonaws.cn`;
    case 'aws-us-gov':
      return `https://${r}.console.amazonaws-us-gov.com`;
    default:
      return `https://${r}.console.aws.amazon.com`;
  }
}

/**
 * A console URL for `service` with `?region=` set and an optional `#fragment`.
 *
 * @example
 * ```ts
 * consoleUrl('eu-west-1', 'cloudwatch/home', 'alarmsV2:alarm/checkout-api-errors');
 * ```
 */
export function consoleUrl(region: string, path: string, fragment?: string): string {
  const base = `${consoleOrigin(region)}/${path}?region=${encodeUriPart(region)}`;
  return fragment === undefined ? base : `${base}#${fragment}`;
}

/**
 * Encodes a log group name the way the CloudWatch Logs console expects inside its fragment
 * (`/` → `$252F`: URL-encoded twice, with `%` written as `$25`).
 */
export function consoleLogGroupFragment(logGroup: string): string {
  return encodeUriPart(encodeUriPart(logGroup)).replace(/%/g, '$');
}
