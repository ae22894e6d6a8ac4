import { describe, expect, it } from 'vitest';
import {
  bandFromReason,
  comparisonFromReason,
  datapointsFromReason,
  isoTime,
  parseReasonData,
  thresholdFromReason,
} from '../../../src/families/alarm/reason.js';

describe('isoTime', () => {
  it('reads the +0000 offsets CloudWatch writes', () => {
    expect(isoTime('2019-10-02T17:04:40.989+0000')).toBe('2019-10-02T17:04:40.989Z');
  });
  it('returns undefined for something that is not a time', () => {
    expect(isoTime('yesterday-ish')).toBeUndefined();
  });
});

describe('parseReasonData', () => {
  it('reads datapoints, threshold and evaluated datapoints oldest first', () => {
    const data = parseReasonData(
      JSON.stringify({
        statistic: 'Sum',
        period: 60,
        recentDatapoints: [7, 12],
        threshold: 5,
        evaluatedDatapoints: [
          { timestamp: '2026-11-26T14:01:00.000+0000', value: 12 },
          { timestamp: '2026-11-26T14:00:00.000+0000', value: 7 },
        ],
      }),
    );
    expect(data?.threshold).toBe(5);
    expect(data?.evaluatedDatapoints.map((p) => p.value)).toEqual([7, 12]);
  });

  it('reads the triggering alarms of a composite', () => {
    const data = parseReasonData(
      '{"triggeringAlarms":[{"arn":"arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors","state":{"value":"ALARM","timestamp":"2026-11-26T14:02:10.123+0000"}}]}',
    );
    expect(data?.triggeringAlarms).toEqual([
      {
        arn: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
        name: 'checkout-api-errors',
        state: 'ALARM',
        timestamp: '2026-11-26T14:02:10.123Z',
      },
    ]);
  });

  it('gives undefined for reason data that is not JSON (seen in published samples)', () => {
    expect(parseReasonData('{"version": "1.0", "queryDate: "2023-08-04"}')).toBeUndefined();
  });

  it('keeps the valid parts when one field has an unexpected type', () => {
    expect(parseReasonData('{"threshold":"five","recentDatapoints":[1,2]}')?.recentDatapoints).toEqual([
      1, 2,
    ]);
  });
});

describe('reading the reason sentence', () => {
  const reason =
    'Threshold Crossed: 2 out of the last 2 datapoints [12.0 (26/11/26 14:01:00), 7.0 (26/11/26 14:00:00)] was greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).';

  it('lists the datapoints newest last with their times', () => {
    expect(datapointsFromReason(reason)).toEqual([
      { value: 7, timestamp: '2026-11-26T14:00:00.000Z' },
      { value: 12, timestamp: '2026-11-26T14:01:00.000Z' },
    ]);
  });

  it('reads the threshold and the operator', () => {
    expect(thresholdFromReason(reason)).toBe(5);
    expect(comparisonFromReason(reason)).toBe('GreaterThanThreshold');
  });

  it('reads the operator from an OK sentence ("was not …")', () => {
    expect(comparisonFromReason('… was not less than or equal to the threshold (3.0) …')).toBe(
      'LessThanOrEqualToThreshold',
    );
  });

  it('reads an anomaly band and its operator', () => {
    const band =
      'Thresholds Crossed: 1 out of the last 1 datapoints [0.0 (03/10/19 15:58:00)] was less than the lower thresholds [0.0206] or greater than the upper thresholds [0.3007] (minimum 1 datapoint for OK -> ALARM transition).';
    expect(bandFromReason(band)).toEqual({ lower: 0.0206, upper: 0.3007 });
    expect(comparisonFromReason(band)).toBe('LessThanLowerOrGreaterThanUpperThreshold');
    expect(comparisonFromReason('… was greater than the upper thresholds [225.7] …')).toBe(
      'GreaterThanUpperThreshold',
    );
  });

  it('finds nothing in a reason without datapoints', () => {
    expect(datapointsFromReason('Insufficient Data: 3 datapoints were unknown.')).toEqual([]);
    expect(comparisonFromReason('Unchecked: Initial alarm creation')).toBeUndefined();
  });
});
