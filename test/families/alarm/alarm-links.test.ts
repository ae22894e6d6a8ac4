import { describe, expect, it } from 'vitest';
import {
  alarmConsoleUrl,
  logGroupConsoleUrl,
  queueConsoleUrl,
  sqsQueueUrl,
} from '../../../src/families/alarm/alarm-links.js';

describe('console links', () => {
  it('opens an alarm in its region, encoding the name', () => {
    expect(alarmConsoleUrl('eu-west-1', 'checkout api errors')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/checkout%20api%20errors',
    );
  });

  it('uses the China and GovCloud consoles for their partitions', () => {
    expect(alarmConsoleUrl('cn-north-1', 'a')).toMatch(
      /^https:\/\/cn-north-1\.console\.amazonaws\.cn\/cloudwatch\/home/,
    );
    expect(alarmConsoleUrl('us-gov-west-1', 'a')).toMatch(
      /^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\/cloudwatch\/home/,
    );
  });

  it('encodes a Lambda log group the way the Logs console expects', () => {
    expect(logGroupConsoleUrl('eu-west-1', '/aws/lambda/checkout-api')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fcheckout-api',
    );
  });

  it('builds the SQS queue URL with the China endpoint suffix where needed', () => {
    expect(sqsQueueUrl('eu-west-1', '210987654321', 'orders-dlq')).toBe(
      'https://sqs.eu-west-1.amazonaws.com/210987654321/orders-dlq',
    );
    expect(sqsQueueUrl('cn-northwest-1', '123456789012', 'orders-dlq')).toBe(
      'https://sqs.cn-northwest-1.amazonaws.com.cn/123456789012/orders-dlq',
    );
    expect(sqsQueueUrl('us-gov-east-1', '345678901234', 'orders-dlq')).toBe(
      'https://sqs.us-gov-east-1.amazonaws.com/345678901234/orders-dlq',
    );
  });

  it('opens a queue in the SQS v3 console by its encoded queue URL', () => {
    expect(queueConsoleUrl('eu-west-1', '210987654321', 'orders-dlq')).toBe(
      'https://eu-west-1.console.aws.amazon.com/sqs/v3/home?region=eu-west-1#/queues/https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F210987654321%2Forders-dlq',
    );
    expect(queueConsoleUrl('cn-north-1', '123456789012', 'q')).toBe(
      'https://cn-north-1.console.amazonaws.cn/sqs/v3/home?region=cn-north-1#/queues/https%3A%2F%2Fsqs.cn-north-1.amazonaws.com.cn%2F123456789012%2Fq',
    );
  });
});
