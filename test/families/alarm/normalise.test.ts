import { describe, expect, it } from 'vitest';
import type { AlarmChange } from '../../../src/families/alarm/model.js';
import { readAlarm } from '../../../src/families/alarm/normalise.js';
import type { Envelope } from '../../../src/sources/envelope.js';
import { envelopeOf, fixture } from './load.js';

function change(envelope: Envelope): AlarmChange {
  const read = readAlarm(envelope);
  if (read?.kind !== 'change') throw new Error('not an alarm change');
  return read.change;
}

/** The SNS alarm message of a Lambda SNS event fixture, parsed, for building variants. */
function snsMessage(path: string): Record<string, unknown> {
  const event = fixture(path) as { Records: Array<{ Sns: { Message: string } }> };
  return JSON.parse(event.Records[0]?.Sns.Message ?? '{}');
}

describe('readAlarm', () => {
  it('reads an EventBridge metric alarm change into the model', () => {
    const c = change(envelopeOf('alarms/metric-alarm.json'));
    expect(c).toMatchObject({
      via: 'eventbridge',
      kind: 'metric',
      name: 'checkout-api-errors',
      arn: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
      account: '210987654321',
      region: 'eu-west-1',
      description: 'Checkout API returns errors to customers.',
      state: { value: 'ALARM', timestamp: '2026-11-26T14:02:10.123Z' },
      previous: { value: 'OK', timestamp: '2026-11-26T09:15:10.335Z' },
      comparison: 'GreaterThanThreshold',
      threshold: 5,
    });
    expect(c.metrics[0]?.metric).toEqual({
      namespace: 'AWS/Lambda',
      name: 'Errors',
      dimensions: [['FunctionName', 'checkout-api']],
    });
    expect(c.datapoints.map((p) => p.value)).toEqual([7, 12]);
  });

  it('reads the same change from SNS into the same alarm, state, time and datapoints', () => {
    const eb = change(envelopeOf('alarms/metric-alarm.json'));
    const sns = change(envelopeOf('alarms/sns-null-description.json'));
    expect(sns.via).toBe('sns');
    for (const key of ['name', 'arn', 'account', 'region', 'kind', 'threshold', 'comparison'] as const) {
      expect(sns[key], key).toEqual(eb[key]);
    }
    expect(sns.state.value).toBe(eb.state.value);
    expect(sns.state.timestamp).toBe(eb.state.timestamp);
    expect(sns.datapoints.map((p) => p.value)).toEqual(eb.datapoints.map((p) => p.value));
    expect(sns.metrics[0]).toMatchObject({ stat: 'Sum', period: 60 });
    expect(sns.description).toBeUndefined();
  });

  it('reads an SNS notification delivered to SQS without raw delivery', () => {
    const envelope = envelopeOf('alarms/sns-in-sqs.json');
    expect(envelope.shape).toBe('sns-alarm');
    const c = change(envelope);
    expect(c.name).toBe('orders-api-5xx');
    expect(c.metrics[0]?.metric?.dimensions).toEqual([
      ['ApiName', 'orders-api'],
      ['Stage', 'prod'],
    ]);
    expect(c.treatMissingData).toBe('missing');
  });

  it('keeps only the value of the oddly formatted TreatMissingData', () => {
    expect(change(envelopeOf('alarms/aws-us-gov.json')).treatMissingData).toBe('notBreaching');
  });

  it('reads the direct Lambda alarm action', () => {
    const c = change(envelopeOf('alarms/alarm-action.json'));
    expect(c).toMatchObject({
      via: 'alarm-action',
      name: 'inventory-sync-throttles',
      account: '210987654321',
      region: 'eu-west-1',
      eventTime: '2026-11-26T13:48:15.490Z',
    });
    expect(c.datapoints).toEqual([{ value: 14, timestamp: '2026-11-26T13:47:00.000Z' }]);
  });

  it('classifies metric math, anomaly detection and composite alarms', () => {
    expect(change(envelopeOf('alarms/metric-math.json')).kind).toBe('math');
    expect(change(envelopeOf('alarms/sns-metric-math.json')).kind).toBe('math');
    expect(change(envelopeOf('alarms/anomaly.json')).kind).toBe('anomaly');
    expect(change(envelopeOf('alarms/composite.json')).kind).toBe('composite');
    expect(change(envelopeOf('alarms/sns-composite.json')).kind).toBe('composite');
  });

  it('reads the anomaly band and no static threshold', () => {
    const c = change(envelopeOf('alarms/anomaly.json'));
    expect(c.band).toEqual({ lower: 120.5, upper: 480.2 });
    expect(c.threshold).toBeUndefined();
  });

  it('reads a composite rule, its suppressor and triggering children from either shape', () => {
    const eb = change(envelopeOf('alarms/composite.json'));
    expect(eb.rule).toBe('ALARM(checkout-api-errors) OR ALARM(checkout-api-latency)');
    expect(eb.suppressor).toEqual({ alarm: 'checkout-maintenance', waitPeriod: 120, extensionPeriod: 180 });
    expect(eb.state.actionsSuppressedBy).toBe('WaitPeriod');
    const sns = change(envelopeOf('alarms/sns-composite.json'));
    for (const c of [eb, sns]) {
      expect(c.triggeringAlarms).toEqual([
        {
          arn: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
          name: 'checkout-api-errors',
          state: 'ALARM',
          timestamp: '2026-11-26T14:02:10.123Z',
        },
      ]);
    }
  });

  it('reads alarm tags, in the map and the key/value list form', () => {
    expect(change(envelopeOf('alarms/tagged.json')).tags).toEqual({ severity: 'critical', team: 'payments' });
    const message = {
      ...snsMessage('alarms/sns-null-description.json'),
      AlarmTags: [{ Key: 'severity', Value: 'medium' }],
    };
    expect(change({ shape: 'sns-alarm', event: message }).tags).toEqual({ severity: 'medium' });
  });

  it('maps the SNS long region name when the alarm ARN does not say', () => {
    const { AlarmArn: _arn, ...message } = snsMessage('alarms/aws-us-gov.json');
    const c = change({ shape: 'sns-alarm', event: message });
    expect(c.region).toBe('us-gov-west-1');
    expect(c.arn).toBe('arn:aws-us-gov:cloudwatch:us-gov-west-1:345678901234:alarm:gov-ingest-errors');
  });

  it('reads an anomaly band from the reason of an SNS notification', () => {
    const message = {
      ...snsMessage('alarms/sns-metric-math.json'),
      NewStateReason:
        'Thresholds Crossed: 1 out of the last 1 datapoints [812.4 (26/11/26 13:55:00)] was greater than the upper thresholds [480.2] (minimum 1 datapoint for OK -> ALARM transition).',
      Trigger: {
        Period: 300,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanUpperThreshold',
        ThresholdMetricId: 'ad1',
        TreatMissingData: 'missing',
        Metrics: [
          {
            Expression: 'ANOMALY_DETECTION_BAND(m1, 2)',
            Id: 'ad1',
            Label: 'Latency (expected)',
            ReturnData: true,
          },
          {
            Id: 'm1',
            MetricStat: {
              Metric: {
                Dimensions: [{ value: 'orders-api', name: 'ApiName' }],
                MetricName: 'Latency',
                Namespace: 'AWS/ApiGateway',
              },
              Period: 300,
              Stat: 'Average',
            },
            ReturnData: true,
          },
        ],
      },
    };
    const c = change({ shape: 'sns-alarm', event: message });
    expect(c.kind).toBe('anomaly');
    expect(c.band).toEqual({ upper: 480.2 });
    expect(c.comparison).toBe('GreaterThanUpperThreshold');
    expect(c.datapoints).toEqual([{ value: 812.4, timestamp: '2026-11-26T13:55:00.000Z' }]);
  });

  it('ignores an alarm configuration change', () => {
    expect(readAlarm(envelopeOf('alarms/configuration-change.json'))).toEqual({
      kind: 'ignored',
      why: 'an alarm configuration change is not a state change',
    });
  });

  it('does not claim other EventBridge events or a state it does not know', () => {
    const batch = fixture('alarms/sqs-batch-mixed.json') as { Records: Array<{ body: string }> };
    const ecs = JSON.parse(batch.Records[2]?.body ?? '{}');
    expect(readAlarm({ shape: 'eventbridge', event: ecs })).toBeUndefined();
    const bogus = structuredClone(fixture('alarms/metric-alarm.json')) as {
      detail: { state: { value: string } };
    };
    bogus.detail.state.value = 'ON_FIRE';
    expect(readAlarm({ shape: 'eventbridge', event: bogus })).toBeUndefined();
  });

  it('drops a descriptive field of the wrong type instead of rejecting the change', () => {
    const odd = structuredClone(fixture('alarms/metric-alarm.json')) as {
      detail: { configuration: { description: unknown } };
    };
    odd.detail.configuration.description = { text: 'not a string' };
    const c = change({ shape: 'eventbridge', event: odd });
    expect(c.name).toBe('checkout-api-errors');
    expect(c.description).toBeUndefined();
  });
});
