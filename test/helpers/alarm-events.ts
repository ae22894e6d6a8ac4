/**
 * CloudWatch Alarm State Change events (EventBridge) and SQS batches of them, made from the
 * documented shape in test/fixtures/delivery/alarm-state-change.json.
 */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { fixture } from './fixtures.js';

const template = fixture<Record<string, unknown> & { detail: Record<string, Record<string, unknown>> }>(
  'delivery/alarm-state-change.json',
);

type State = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** CloudWatch writes state timestamps as `2026-11-26T10:00:00.000+0000`. */
const cwTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

let ids = 0;

/**
 * @example
 * ```ts
 * alarmEvent({ name: 'orders-5xx', state: 'OK', previous: 'ALARM', at: clock.now() });
 * ```
 */
export function alarmEvent(options: {
  name: string;
  state: State;
  previous?: State;
  at: number;
  id?: string;
  /** Watch this metric instead of the template's Lambda Errors (e.g. a DLQ's depth). */
  metric?: { namespace: string; name: string; dimensions: Record<string, string> };
}) {
  ids += 1;
  const { name, state, at } = options;
  const previous = options.previous ?? (state === 'ALARM' ? 'OK' : 'ALARM');
  const arn = `arn:aws:cloudwatch:eu-west-1:210987654321:alarm:${name}`;
  return {
    ...template,
    id: options.id ?? `0000${ids.toString(16).padStart(4, '0')}-6542-e61b-6ef0-8c4d36933a92`,
    time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    resources: [arn],
    detail: {
      ...template.detail,
      ...(options.metric
        ? {
            configuration: {
              ...template.detail.configuration,
              metrics: [
                {
                  id: 'm1',
                  metricStat: { metric: options.metric, period: 60, stat: 'Maximum' },
                  returnData: true,
                },
              ],
            },
          }
        : {}),
      alarmName: name,
      previousState: { ...template.detail.previousState, value: previous, timestamp: cwTime(at - 60_000) },
      state: { ...template.detail.state, value: state, timestamp: cwTime(at) },
    },
  };
}

let messages = 0;

/** One SQS record carrying `body` as the EventBridge → SQS target delivers it. */
export function sqsRecord(body: unknown, id?: string, receiveCount = 1): SQSRecord {
  messages += 1;
  const messageId = id ?? `msg-${messages}`;
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1764151200000',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1764151200001',
    },
    messageAttributes: {},
    md5OfBody: '0',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:210987654321:cloudbell-alerts',
    awsRegion: 'eu-west-1',
  };
}

export const sqsEvent = (records: SQSRecord[]): SQSEvent => ({ Records: records });

/** An SQS batch of raw bodies with message ids `msg-0`, `msg-1`, … */
export const sqsBatch = (...bodies: string[]): SQSEvent =>
  sqsEvent(bodies.map((body, i) => sqsRecord(body, `msg-${i}`)));

/** A Lambda context whose remaining time follows `now`. */
export function lambdaContext(now: () => number, timeoutMs = 30_000): Context {
  const end = now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'cloudbell-notify',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:210987654321:function:cloudbell-notify',
    memoryLimitInMB: '256',
    awsRequestId: `req-${Math.random().toString(16).slice(2)}`,
    logGroupName: '/aws/lambda/cloudbell-notify',
    logStreamName: '2026/11/26/[$LATEST]0',
    getRemainingTimeInMillis: () => Math.max(0, end - now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

const snsTemplate = JSON.parse(
  fixture<{ Records: Array<{ body: string }> }>('alarms/sns-in-sqs.json').Records[0]?.body ?? '{}',
) as Record<string, unknown> & { Message: string };

/**
 * The same state change as `alarmEvent` with the same options, as the alarm's SNS action
 * delivers it to the queue (the SNS notification, raw delivery off), from
 * test/fixtures/alarms/sns-in-sqs.json.
 *
 * @example
 * ```ts
 * sqsRecord(snsAlarmBody({ name: 'orders-5xx', state: 'OK', at }));
 * ```
 */
export function snsAlarmBody(options: { name: string; state: State; previous?: State; at: number }) {
  const { name, state, at } = options;
  const previous = options.previous ?? (state === 'ALARM' ? 'OK' : 'ALARM');
  const message = JSON.parse(snsTemplate.Message) as Record<string, unknown>;
  ids += 1;
  return {
    ...snsTemplate,
    MessageId: `sns-${ids}`,
    Subject: `${state}: "${name}" in EU (Ireland)`,
    Timestamp: new Date(at + 200).toISOString(),
    Message: JSON.stringify({
      ...message,
      AlarmName: name,
      AlarmArn: `arn:aws:cloudwatch:eu-west-1:210987654321:alarm:${name}`,
      NewStateValue: state,
      OldStateValue: previous,
      StateChangeTime: cwTime(at),
    }),
  };
}
