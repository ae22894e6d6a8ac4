import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/sources/unwrap.js';
import { sqsBatch } from '../helpers/alarm-events.js';

const ebEvent = {
  version: '0',
  id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
  'detail-type': 'ECS Task State Change',
  source: 'aws.ecs',
  account: '210987654321',
  time: '2026-11-26T14:02:11Z',
  region: 'eu-west-1',
  resources: [],
  detail: { lastStatus: 'STOPPED' },
};
const snsAlarm = {
  AlarmName: 'checkout-api-errors',
  AlarmDescription: null,
  NewStateValue: 'ALARM',
  NewStateReason: 'Threshold Crossed',
  OldStateValue: 'OK',
};

describe('unwrap', () => {
  it('reads an EventBridge event with its id as the delivery id', () => {
    expect(unwrap(ebEvent)).toEqual([{ shape: 'eventbridge', event: ebEvent, deliveryId: ebEvent.id }]);
  });

  it('reads every record of an SQS batch, keeping the SQS message ids', () => {
    const notification = JSON.stringify({
      Type: 'Notification',
      MessageId: 'sns-1',
      TopicArn: 'arn:aws:sns:eu-west-1:210987654321:alarms',
      Subject: 'ALARM: "checkout-api-errors"',
      Timestamp: '2026-11-26T14:02:00.000Z',
      Message: JSON.stringify(snsAlarm),
    });
    const out = unwrap(sqsBatch(JSON.stringify(ebEvent), notification, '{not json'));
    expect(out.map((e) => [e.shape, e.recordId, e.deliveryId])).toEqual([
      ['eventbridge', 'msg-0', ebEvent.id],
      ['sns-alarm', 'msg-1', 'sns-1'],
      ['unknown', 'msg-2', undefined],
    ]);
    expect(out[1]?.event).toEqual(snsAlarm);
    expect(out[1]?.sns?.topicArn).toBe('arn:aws:sns:eu-west-1:210987654321:alarms');
    expect(out[2]?.problem).toMatch(/not JSON/);
    expect(out[2]?.event).toBe('{not json');
  });

  it('reads a Lambda SNS event whose message is an alarm', () => {
    const out = unwrap({
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'arn:aws:sns:eu-west-1:210987654321:alarms:1',
          Sns: {
            Type: 'Notification',
            MessageId: 'sns-2',
            Subject: null,
            Message: JSON.stringify(snsAlarm),
            Timestamp: 'x',
          },
        },
      ],
    });
    expect(out).toMatchObject([{ shape: 'sns-alarm', deliveryId: 'sns-2', event: snsAlarm }]);
  });

  it('keeps a non-JSON SNS message as text for the generic family', () => {
    const out = unwrap({
      Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'sns-3', Message: 'disk full on db-1' } }],
    });
    expect(out).toMatchObject([{ shape: 'sns', event: 'disk full on db-1', deliveryId: 'sns-3' }]);
  });

  it('reads the CloudWatch alarm action that invokes Lambda directly', () => {
    const action = {
      source: 'aws.cloudwatch',
      alarmArn: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
      accountId: '210987654321',
      time: '2026-11-26T14:02:00.000+0000',
      region: 'eu-west-1',
      alarmData: {
        alarmName: 'checkout-api-errors',
        state: { value: 'ALARM' },
        previousState: { value: 'OK' },
      },
    };
    expect(unwrap(action)).toEqual([{ shape: 'alarm-action', event: action }]);
  });

  it('never throws, whatever the input', () => {
    for (const input of [null, undefined, 42, 'text', [], { Records: [] }]) {
      expect(unwrap(input)).toEqual([{ shape: 'unknown', event: input }]);
    }
  });

  it('reads each SQS record on its own: a malformed one never hides the others', () => {
    const good = { messageId: 'm-2', body: '{"a":1}', eventSource: 'aws:sqs' };
    const envelopes = unwrap({ Records: [{ eventSource: 'aws:sqs', messageId: 'm-1' }, good, 7] });
    expect(envelopes).toEqual([
      {
        shape: 'unknown',
        event: { eventSource: 'aws:sqs', messageId: 'm-1' },
        recordId: 'm-1',
        problem: 'not an SQS record with a body',
      },
      { shape: 'unknown', event: { a: 1 }, recordId: 'm-2' },
      { shape: 'unknown', event: 7, problem: 'not an SQS record with a body' },
    ]);
  });
});
