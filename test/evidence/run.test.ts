/**
 * The evidence worker's run (src/evidence/run.ts): graphs, pacing with the alerts, the shapes
 * alarms arrive in, the invocation deadline; its log step is log-step.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { DescribedMetricAlarm } from '../../src/evidence/children.js';
import { runEvidence } from '../../src/evidence/run.js';
import { fixtureJson } from '../helpers/alarm-change.js';
import { jobFor, StandinEvidenceSlack, StandinGraphs } from '../helpers/evidence-standins.js';
import { deps, depsWithLogStep, errorsPortFrom, NOW, silent } from './evidence-deps.js';

describe('evidence worker: graphs', () => {
  it('draws the alarm graph and uploads it into the alarm thread', async () => {
    const { d, graphs, slack } = deps();
    const stats = await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json')), d);
    expect(stats).toMatchObject({ graphsPosted: 1, graphsFailed: 0 });
    expect(graphs.widgets).toHaveLength(1);
    expect(slack.uploads).toEqual([
      expect.objectContaining({
        channelId: 'CAWSALERTS',
        threadTs: '1764165724.000100',
        filename: expect.stringMatching(/^checkout-api-errors-alarm-20261126T1402Z\.png$/),
        altText: expect.stringContaining('AWS/Lambda Errors'),
      }),
    ]);
  });

  it('one run per state change and channel: a repeated job posts nothing', async () => {
    const { d, slack } = deps();
    const job = jobFor(fixtureJson('alarms/metric-alarm.json'));
    await runEvidence(job, d);
    const again = await runEvidence(job, d);
    expect(again.skipped).toBe('duplicate');
    expect(slack.uploads).toHaveLength(1);
    // The same change in another channel is its own job.
    await runEvidence({ ...job, channel: '#oncall', channelId: 'CONCALL' }, d);
    expect(slack.uploads).toHaveLength(2);
  });

  it('stops drawing at graphs.maxPerDay and counts what it skipped', async () => {
    const { d, slack } = deps({ config: { graphs: { maxPerDay: 2 } } });
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push(
        await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json'), { dedupeKey: `k${i}` }), d),
      );
    expect(slack.uploads).toHaveLength(2);
    expect(results[2]).toMatchObject({ graphsPosted: 0, graphsCapped: 1 });
  });

  it('stands back in a storm: past storm.threshold jobs in the window, nothing is drawn', async () => {
    const { d, slack, graphs } = deps({ config: { storm: { threshold: 2 } } });
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(
        await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json'), { dedupeKey: `s${i}` }), d),
      );
    expect(results.map((r) => r.skipped)).toEqual([undefined, undefined, 'storm', 'storm']);
    expect(slack.uploads).toHaveLength(2);
    expect(graphs.widgets).toHaveLength(2);
  });

  it('a composite alarm gets the graphs of its children in ALARM, from DescribeAlarms', async () => {
    const alarms = (
      fixtureJson('evidence/describe-alarms-children.json') as { MetricAlarms: DescribedMetricAlarm[] }
    ).MetricAlarms;
    const { d, slack, graphs } = deps({ graphs: new StandinGraphs(alarms) });
    const stats = await runEvidence(jobFor(fixtureJson('alarms/composite.json')), d);
    expect(graphs.described).toEqual([['checkout-api-errors']]);
    expect(stats.graphsPosted).toBe(1);
    expect(slack.uploads[0]?.comment).toContain('Child alarm *checkout-api-errors* (ALARM)');
  });

  it('a failed draw is logged and counted, the job goes on and never throws', async () => {
    const errors: string[] = [];
    const { d, slack } = deps({
      graphs: new StandinGraphs([], Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })),
    });
    const stats = await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json')), {
      ...d,
      log: { ...silent, error: (m) => errors.push(m) },
    });
    expect(stats).toMatchObject({ graphsPosted: 0, graphsFailed: 1 });
    expect(slack.uploads).toEqual([]);
    expect(errors).toEqual(['evidence: could not draw or upload a graph']);
  });

  it('a failed upload is counted too', async () => {
    const { d } = deps({ slack: new StandinEvidenceSlack(true) });
    const stats = await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json')), d);
    expect(stats).toMatchObject({ graphsPosted: 0, graphsFailed: 1 });
  });

  it('an alarm of another account is not drawn from this one', async () => {
    const { d, graphs } = deps();
    const stats = await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json')), {
      ...d,
      account: '111122223333',
    });
    expect(stats.skipped).toBe('other-account');
    expect(graphs.widgets).toEqual([]);
  });

  it('a job without an alarm in it is refused quietly', async () => {
    const { d, slack } = deps();
    const stats = await runEvidence(jobFor({ hello: 'world' }), d);
    expect(stats.skipped).toBe('not-an-alarm');
    expect(slack.uploads).toEqual([]);
  });

  it('graphs off for the job: no widget is requested', async () => {
    const { d, graphs } = deps();
    await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json'), { graphs: false, logs: false }), d);
    expect(graphs.widgets).toEqual([]);
  });
});

describe('evidence worker: pacing with the alerts', () => {
  it('takes the channel post slots notify uses: waits its turn, and skips a post when the channel is busy too long', async () => {
    const { d, slack, ledger } = deps();
    const waits: number[] = [];
    // notify has the channel for the next 3 s.
    ledger.slots.set('#aws-alerts', NOW + 3_000);
    await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json'), { logs: false }), {
      ...d,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(waits).toEqual([3_000]);
    expect(slack.uploads).toHaveLength(1);
    // The next alert's slot comes after the graph's.
    expect(ledger.slots.get('#aws-alerts')).toBe(NOW + 3_000 + 1_100);

    const busy = deps();
    busy.ledger.slots.set('#aws-alerts', NOW + 60_000);
    const stats = await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json'), { logs: false }), {
      ...busy.d,
      sleep: async () => {},
    });
    expect(stats.graphsFailed).toBe(1);
    expect(busy.slack.uploads).toEqual([]);
  });
});

describe('evidence worker: the shapes alarms arrive in', () => {
  it.each([['alarms/sns-in-sqs.json'], ['alarms/alarm-action.json'], ['alarms/eventbridge-in-sqs.json']])(
    'reads the alarm of a job built from %s as notify builds it',
    async (path) => {
      const { unwrap } = await import('../../src/sources/unwrap.js');
      const [envelope] = unwrap(fixtureJson(path));
      if (!envelope) throw new Error('no envelope');
      const { d, slack } = deps();
      const job = jobFor(null, {
        envelope: JSON.parse(
          JSON.stringify({
            shape: envelope.shape,
            event: envelope.event,
            ...(envelope.sns ? { sns: envelope.sns } : {}),
          }),
        ),
      });
      const stats = await runEvidence(job, { ...d, account: undefined });
      expect(stats.skipped).toBeUndefined();
      expect(stats.graphsPosted).toBe(1);
      expect(slack.uploads[0]?.filename).toMatch(/\.png$/);
    },
  );
});

describe('evidence worker: the invocation deadline', () => {
  it('starts no step it cannot finish before the timeout (a timed-out job would end in the DLQ)', async () => {
    const port = errorsPortFrom([]);
    const { d, slack, graphs } = depsWithLogStep({ errors: port });
    const stats = await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json')), {
      ...d,
      deadline: NOW + 5_000,
    });
    expect(graphs.widgets).toEqual([]);
    expect(port.reads).toEqual([]);
    expect(slack.uploads).toEqual([]);
    expect(slack.replies).toEqual([]);
    expect(stats.graphsFailed + stats.logRepliesFailed).toBe(0);
  });

  it('skips a post whose slot would come too close to the deadline', async () => {
    const { d, slack, ledger } = deps();
    ledger.slots.set('#aws-alerts', NOW + 10_000);
    const stats = await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json'), { logs: false }), {
      ...d,
      sleep: async () => {},
      deadline: NOW + 14_000,
    });
    expect(stats.graphsFailed).toBe(1);
    expect(slack.uploads).toEqual([]);
  });
});

describe('evidence worker: hostile strings', () => {
  it('a lone surrogate in a dimension neither throws nor costs the graph its links', async () => {
    const { alarmEvent } = await import('../helpers/alarm-events.js');
    const event = alarmEvent({
      name: 'orders-table-throttles',
      state: 'ALARM',
      at: Date.parse('2026-11-26T14:02:10Z'),
      metric: {
        namespace: 'AWS/DynamoDB',
        name: 'ThrottledRequests',
        dimensions: { TableName: 'orders\ud800' },
      },
    });
    const { d, slack } = deps();
    const stats = await runEvidence(jobFor(event), d);
    expect(stats.graphsPosted).toBe(1);
    expect(slack.uploads[0]?.comment).toContain('orders%EF%BF%BD');
  });
});
