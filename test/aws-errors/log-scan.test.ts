/**
 * The query plan's log reads (src/aws-errors/log-scan.ts) through runErrorsQuery: paging,
 * throttling, missing groups, the time budget, concurrency, redaction and the line cap.
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { FilterLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runErrorsQuery } from '../../src/aws-errors/plan.js';
import { coverageNotes } from '../../src/aws-errors/report.js';
import {
  cw,
  END,
  filterCalls,
  logs,
  mockAwsPerTest,
  nodeError,
  options,
  port,
  series,
  throttle,
} from './plan-harness.js';

mockAwsPerTest();

describe('runErrorsQuery — reading logs', () => {
  beforeEach(() => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [series('checkout-api', 3)] });
  });

  it('follows FilterLogEvents pages, including empty pages that carry a nextToken', async () => {
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({
        events: [{ timestamp: END - 3000, message: nodeError('TypeError', 'a') }],
        nextToken: 't1',
      })
      .resolvesOnce({ events: [], nextToken: 't2' })
      .resolvesOnce({ events: [], nextToken: 't3' })
      .resolvesOnce({ events: [{ timestamp: END - 1000, message: nodeError('TypeError', 'a') }] });
    const report = await runErrorsQuery(port(), options());
    expect(filterCalls().map((c) => c.nextToken)).toEqual([undefined, 't1', 't2', 't3']);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({ count: 2, firstSeen: END - 3000, lastSeen: END - 1000 });
  });

  it('retries a throttled call with backoff and goes on', async () => {
    cw.on(GetMetricDataCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
      .resolves({ MetricDataResults: [series('checkout-api', 3)] });
    logs
      .on(FilterLogEventsCommand)
      .rejectsOnce(throttle())
      .rejectsOnce(throttle())
      .resolves({ events: [{ timestamp: END - 1000, message: nodeError('TypeError', 'a') }] });
    const sleeps: number[] = [];
    // Full jitter draws each wait from [0, base·2^retry): pin the draw near the top.
    const report = await runErrorsQuery(
      port(),
      options({ sleep: async (ms) => void sleeps.push(ms), random: () => 0.99 }),
    );
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(2);
    expect(filterCalls()).toHaveLength(3);
    expect(sleeps).toHaveLength(3);
    // Exponential: the second wait of the same call can be longer than the first can be.
    expect(sleeps[2]).toBeGreaterThan(250);
    expect(report.groups[0]?.count).toBe(1);
    expect(report.failures).toEqual([]);
  });

  it('reports a function still throttled after the retries, and scans the others', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [series('hot', 9), series('cold', 1)] });
    logs.on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/hot' }).rejects(throttle());
    logs
      .on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/cold' })
      .resolves({ events: [{ timestamp: END - 1000, message: nodeError('E', 'x') }] });
    const report = await runErrorsQuery(port(), options({ retries: 2 }));
    expect(filterCalls().filter((c) => c.logGroupName === '/aws/lambda/hot')).toHaveLength(3);
    expect(report.failures).toEqual([
      { functionName: 'hot', logGroup: '/aws/lambda/hot', reason: 'throttled' },
    ]);
    expect(report).toMatchObject({ scanned: 1, toScan: 2 });
    expect(coverageNotes(report)).toContain('1 of 2 functions scanned.');
  });

  it('reports a missing log group and carries on', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [series('never-ran', 4), series('checkout-api', 2)],
    });
    logs
      .on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/never-ran' })
      .rejects(
        new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }),
      );
    logs
      .on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/checkout-api' })
      .resolves({ events: [{ timestamp: END - 1, message: nodeError('E', 'x') }] });
    const report = await runErrorsQuery(port(), options());
    expect(report.missingLogGroups).toEqual([
      { functionName: 'never-ran', logGroup: '/aws/lambda/never-ran', reason: 'no log group' },
    ]);
    expect(report.groups.map((g) => g.functionName)).toEqual(['checkout-api']);
    expect(coverageNotes(report)).toContain('No log group for never-ran (/aws/lambda/never-ran).');
  });

  it('stops at the time budget and says how much was covered', async () => {
    const names = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7'];
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: names.map((n, i) => series(n, 10 - i)) });
    let now = 0;
    logs.on(FilterLogEventsCommand).callsFake(async () => {
      now += 4000; // each call takes 4 s of the 20 s budget
      return { events: [{ timestamp: END - 1, message: nodeError('E', 'x') }] };
    });
    const report = await runErrorsQuery(port(), options({ clock: () => now, concurrency: 1 }));
    expect(filterCalls().map((c) => c.logGroupName)).toEqual([
      '/aws/lambda/f1',
      '/aws/lambda/f2',
      '/aws/lambda/f3',
      '/aws/lambda/f4',
      '/aws/lambda/f5',
    ]);
    expect(report).toMatchObject({ budgetExpired: true, scanned: 5, toScan: 7 });
    expect(coverageNotes(report)[0]).toBe('Time budget ran out: 5 of 7 functions scanned.');
  });

  it('never waits for a retry past the deadline', async () => {
    let now = 0;
    logs.on(FilterLogEventsCommand).rejects(throttle());
    const report = await runErrorsQuery(
      port(),
      options({
        clock: () => now,
        budgetMs: 300,
        sleep: async (ms) => {
          now += ms;
        },
        retries: 10,
      }),
    );
    expect(now).toBeLessThan(300);
    expect(report.failures[0]?.reason).toBe('throttled');
  });

  it('keeps at most `concurrency` log reads in flight', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: Array.from({ length: 12 }, (_, i) => series(`fn-${i}`, 1)),
    });
    let inFlight = 0;
    let peak = 0;
    logs.on(FilterLogEventsCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return { events: [] };
    });
    const report = await runErrorsQuery(port(), options({ concurrency: 3 }));
    expect(peak).toBe(3);
    expect(report.scanned).toBe(12);
  });

  it('redacts lines before they are grouped', async () => {
    logs.on(FilterLogEventsCommand).resolves({
      events: [
        {
          timestamp: END - 1,
          message: nodeError('Error', 'login failed for postgres://app:S3cr3t@db/x as ops@example.com'),
        },
      ],
    });
    const report = await runErrorsQuery(port(), options());
    expect(report.groups[0]?.sample).toBe(
      'login failed for postgres://app:[REDACTED]@db/x as [REDACTED EMAIL]',
    );
  });

  it('caps the lines read per function and says the counts are lower bounds', async () => {
    logs.on(FilterLogEventsCommand).resolves({
      events: Array.from({ length: 5 }, (_, i) => ({ timestamp: END - i, message: nodeError('E', 'x') })),
      nextToken: 'more',
    });
    const report = await runErrorsQuery(port(), options({ maxLinesPerFunction: 3 }));
    expect(filterCalls()).toHaveLength(1);
    expect(report.groups[0]?.count).toBe(3);
    expect(coverageNotes(report).join(' ')).toContain('lower bounds');
  });
});
