import { describe, expect, it } from 'vitest';
import { type DescribedMetricAlarm, subjectOfDescribedAlarm } from '../../src/evidence/children.js';
import { childrenInAlarm, type GraphSubject, subjectOfChange } from '../../src/evidence/subject.js';
import { graphWindow, type MetricWidget, metricWidget } from '../../src/evidence/widget.js';
import { alarmChangeOf, fixtureJson } from '../helpers/alarm-change.js';

const at = (iso: string) => Date.parse(iso);

function subject(path: string): GraphSubject {
  const s = subjectOfChange(alarmChangeOf(path));
  if (!s) throw new Error(`no subject for ${path}`);
  return s;
}

/** Checks the documented MetricWidget structure every kind shares. */
function expectWellFormed(w: MetricWidget): void {
  expect(JSON.stringify(w).length).toBeLessThan(100_000);
  expect(w.width).toBeGreaterThanOrEqual(1);
  expect(w.width).toBeLessThanOrEqual(2000);
  expect(w.height).toBeGreaterThanOrEqual(1);
  expect(w.height).toBeLessThanOrEqual(2000);
  expect(w.timezone).toBe('+0000');
  expect(w.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(w.end).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(Date.parse(w.start)).toBeLessThan(Date.parse(w.end));
  expect(w.metrics.length).toBeGreaterThanOrEqual(1);
  expect(w.metrics.length).toBeLessThanOrEqual(100);
  const ids = new Set<string>();
  for (const entry of w.metrics) {
    const options = entry.at(-1);
    expect(typeof options).toBe('object');
    const id = (options as { id?: string }).id;
    expect(id).toMatch(/^[a-z][A-Za-z0-9_]*$/);
    expect(ids.has(id as string)).toBe(false);
    ids.add(id as string);
    if (entry.length > 1) {
      // [Namespace, MetricName, DimName, DimValue, …, options]
      expect(typeof entry[0]).toBe('string');
      expect(typeof entry[1]).toBe('string');
      expect((entry.length - 3) % 2).toBe(0);
    } else expect((options as { expression?: string }).expression).toBeTruthy();
  }
  for (const v of w.annotations.vertical) {
    const first = Array.isArray(v) ? v[0] : v;
    expect(Number.isNaN(Date.parse((first as { value: string }).value))).toBe(false);
  }
}

describe('metric widget definitions, one per alarm kind', () => {
  it('metric alarm: its metric with its stat and period, the threshold shaded on the breaching side, the change marked', () => {
    const s = subject('alarms/metric-alarm.json');
    const w = metricWidget(s, { now: at(s.changedAt) + 5_000 });
    expectWellFormed(w);
    const change = alarmChangeOf('alarms/metric-alarm.json');
    const q = change.metrics[0];
    expect(w.metrics).toHaveLength(1);
    expect(w.metrics[0]?.slice(0, 2)).toEqual([q?.metric?.namespace, q?.metric?.name]);
    expect(w.metrics[0]).toContain(q?.metric?.dimensions[0]?.[1]);
    expect(w.metrics[0]?.at(-1)).toMatchObject({ stat: q?.stat, period: q?.period });
    expect(w.period).toBe(q?.period);
    expect(w.annotations.horizontal).toEqual([
      expect.objectContaining({ value: change.threshold, fill: 'above', color: '#E01E5A' }),
    ]);
    const line = w.annotations.vertical.find((v) => !Array.isArray(v)) as { value: string; label: string };
    expect(Date.parse(line.value)).toBe(Math.floor(at(s.changedAt) / 1000) * 1000);
    expect(line.label).toMatch(/^ALARM \d\d:\d\d UTC$/);
    expect(w.title).toContain(change.name);
  });

  it('metric math: the expression shown, the metrics it reads drawn only as its inputs', () => {
    const s = subject('alarms/metric-math.json');
    const w = metricWidget(s, { now: at(s.changedAt) });
    expectWellFormed(w);
    const expression = w.metrics.find((e) => e.length === 1)?.[0] as { expression: string; id: string };
    expect(expression).toMatchObject({
      expression: '100 * errors / invocations',
      id: 'e1',
      label: 'Error rate (%)',
    });
    const inputs = w.metrics.filter((e) => e.length > 1);
    expect(inputs.map((e) => (e.at(-1) as { id: string }).id).sort()).toEqual(['errors', 'invocations']);
    for (const e of inputs) expect(e.at(-1)).toMatchObject({ visible: false, stat: 'Sum', period: 300 });
    expect(w.annotations.horizontal?.[0]).toMatchObject({ value: 5, fill: 'above' });
  });

  it('anomaly detection: the band expression drawn with its metric, no static threshold', () => {
    const s = subject('alarms/anomaly.json');
    const w = metricWidget(s, { now: at(s.changedAt) });
    expectWellFormed(w);
    expect(w.metrics.find((e) => e.length === 1)?.[0]).toMatchObject({
      expression: 'ANOMALY_DETECTION_BAND(m1, 2)',
      id: 'ad1',
    });
    expect(w.metrics.find((e) => e.length > 1)?.slice(0, 4)).toEqual([
      'AWS/ApiGateway',
      'Latency',
      'ApiName',
      'orders-api',
    ]);
    expect(w.annotations.horizontal).toBeUndefined();
    expect(s.thresholdMetricId).toBe('ad1');
  });

  it('composite: no graph of its own; one per child in ALARM, from DescribeAlarms', () => {
    const change = alarmChangeOf('alarms/composite.json');
    expect(subjectOfChange(change)).toBeUndefined();
    expect(childrenInAlarm(change)).toEqual(['checkout-api-errors']);
    const described = (
      fixtureJson('evidence/describe-alarms-children.json') as { MetricAlarms: DescribedMetricAlarm[] }
    ).MetricAlarms;
    const child = subjectOfDescribedAlarm(described[0] as DescribedMetricAlarm, 'eu-west-1');
    if (!child) throw new Error('no child subject');
    const w = metricWidget(child, { now: at(child.changedAt) + 60_000 });
    expectWellFormed(w);
    expect(w.metrics).toEqual([
      [
        'AWS/Lambda',
        'Errors',
        'FunctionName',
        'checkout-api',
        expect.objectContaining({ stat: 'Sum', period: 60 }),
      ],
    ]);
    expect(w.annotations.horizontal?.[0]).toMatchObject({ value: 5, label: 'threshold > 5', fill: 'above' });
    expect(w.title).toMatch(/^checkout-api-errors · ALARM at 14:02 UTC$/);
  });

  it('SNS classic alarm: the Trigger metric and its comparison', () => {
    const s = subject('alarms/sns-in-sqs.json');
    const w = metricWidget(s, { now: at(s.changedAt) });
    expectWellFormed(w);
    expect(w.metrics).toHaveLength(1);
  });

  it('an OK change is marked green, and the evaluated datapoints are a shaded band ending at the change', () => {
    const s = subject('alarms/metric-ok.json');
    const w = metricWidget(s, { now: at(s.changedAt) });
    const line = w.annotations.vertical.find((v) => !Array.isArray(v)) as { color: string; label: string };
    expect(line.color).toBe('#2EB67D');
    expect(line.label).toMatch(/^OK /);
    const band = w.annotations.vertical.find((v) => Array.isArray(v)) as unknown as Array<{ value: string }>;
    expect(Date.parse(band[1]?.value ?? '')).toBe(Math.floor(at(s.changedAt) / 1000) * 1000);
    expect(Date.parse(band[0]?.value ?? '')).toBeLessThan(Date.parse(band[1]?.value ?? ''));
  });
});

describe('graph window', () => {
  const changedAt = '2026-11-26T14:00:00Z';
  it('shows at least an hour before the change and stops near now', () => {
    const w = graphWindow({ changedAt, period: 60 }, at(changedAt) + 10_000);
    expect(at(changedAt) - w.start).toBe(3_600_000);
    expect(w.end).toBe(at(changedAt) + 10_000 + 60_000);
  });
  it('shows 36 periods before and up to two periods after for long periods', () => {
    const w = graphWindow({ changedAt, period: 3600, evaluationPeriods: 3 }, at(changedAt) + 86_400_000);
    expect(at(changedAt) - w.start).toBe(36 * 3_600_000);
    expect(w.end - at(changedAt)).toBe(2 * 3_600_000);
    expect(at(changedAt) - w.evaluatedFrom).toBe(3 * 3_600_000);
  });
  it('never looks back more than 15 days', () => {
    const w = graphWindow({ changedAt, period: 86_400 }, at(changedAt));
    expect(at(changedAt) - w.start).toBe(15 * 86_400_000);
  });
});

describe('metric ids', () => {
  it('renames ids a widget refuses, in the expressions that use them too', () => {
    const w = metricWidget(
      {
        name: 'x',
        kind: 'math',
        state: 'ALARM',
        changedAt: '2026-11-26T14:00:00Z',
        metrics: [
          { id: 'e1', expression: 'a-b_1 * 2 + m1', returnData: true },
          {
            id: 'a-b_1',
            metric: { namespace: 'N', name: 'A', dimensions: [] },
            period: 60,
            returnData: false,
          },
          { id: 'm1', metric: { namespace: 'N', name: 'B', dimensions: [] }, period: 60, returnData: false },
        ],
      },
      { now: at('2026-11-26T14:00:00Z') },
    );
    expect(w.metrics[0]?.[0]).toMatchObject({ expression: 'm2 * 2 + m1' });
    expect(w.metrics[1]?.at(-1)).toMatchObject({ id: 'm2' });
    expect(w.metrics[2]?.at(-1)).toMatchObject({ id: 'm1' });
  });
});

describe('the committed example (docs/evidence)', () => {
  it.each(['metric-alarm', 'metric-math', 'anomaly', 'composite'])(
    '%s.widget.json is what `cloudbell render --graph` prints for the fixture',
    async (name) => {
      const { graphDefinitions } = await import('../../src/cli/alarm-graphs.js');
      const { readFileSync } = await import('node:fs');
      const committed = JSON.parse(
        readFileSync(new URL(`../../docs/evidence/${name}.widget.json`, import.meta.url), 'utf8'),
      );
      expect(
        graphDefinitions(fixtureJson(`alarms/${name}.json`), Date.parse('2027-01-01T00:00:00Z')),
      ).toEqual(committed);
    },
  );
});
