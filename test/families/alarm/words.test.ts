import { describe, expect, it } from 'vitest';
import { readAlarm } from '../../../src/families/alarm/normalise.js';
import {
  conditionText,
  datapointsText,
  formatNumber,
  formatPeriod,
  primaryMetric,
} from '../../../src/families/alarm/words.js';
import { envelopeOf } from './load.js';

function change(path: string) {
  const read = readAlarm(envelopeOf(path));
  if (read?.kind !== 'change') throw new Error(`${path} is not an alarm change`);
  return read.change;
}

describe('numbers and periods', () => {
  it('shows integers exactly and others to four significant digits', () => {
    expect(formatNumber(45628)).toBe('45,628');
    expect(formatNumber(5)).toBe('5');
    expect(formatNumber(0.020599444741798756)).toBe('0.0206');
    expect(formatNumber(99.50160229693434)).toBe('99.5');
  });

  it('writes periods the way the console does', () => {
    expect(formatPeriod(10)).toBe('10 s');
    expect(formatPeriod(60)).toBe('60 s');
    expect(formatPeriod(300)).toBe('5 min');
    expect(formatPeriod(3600)).toBe('1 h');
    expect(formatPeriod(86_400)).toBe('1 d');
  });

  it('lists the last datapoints, newest last, and marks what it left out', () => {
    expect(datapointsText([{ value: 7 }, { value: 12 }])).toBe('7, 12 (latest last)');
    expect(
      datapointsText(
        [1, 2, 3, 4].map((value) => ({ value })),
        2,
      ),
    ).toBe('…, 3, 4 (latest last)');
    expect(datapointsText([])).toBeUndefined();
  });
});

describe('conditionText', () => {
  it('states a metric alarm as stat over period, operator, threshold', () => {
    expect(conditionText(change('alarms/metric-alarm.json'))).toBe('Sum over 60 s > 5');
  });

  it('uses the operator from the SNS trigger and shows M of N periods', () => {
    expect(conditionText(change('alarms/sns-null-description.json'))).toBe(
      'Sum over 60 s > 5, 2 of 2 periods',
    );
    expect(conditionText(change('alarms/sns-in-sqs.json'))).toBe('Sum over 60 s ≥ 10');
  });

  it('names a math alarm by its expression label', () => {
    expect(conditionText(change('alarms/metric-math.json'))).toBe('Error rate (%) over 5 min > 5');
  });

  it('describes an anomaly alarm against its band, not a threshold', () => {
    expect(conditionText(change('alarms/anomaly.json'))).toBe('Average over 5 min outside the band');
  });

  it('uses an extended statistic such as p99', () => {
    expect(conditionText(change('alarms/insufficient-data.json'))).toBe('p99 over 5 min > 1,500');
  });
});

describe('primaryMetric', () => {
  it('picks the metric an anomaly band models', () => {
    expect(primaryMetric(change('alarms/anomaly.json'))?.metric?.name).toBe('Latency');
  });
});
