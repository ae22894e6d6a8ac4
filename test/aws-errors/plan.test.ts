/**
 * The query plan against the real SDK adapters, with aws-sdk-client-mock standing in for AWS:
 * the assertions are on the calls made and their parameters.
 * One file past 300 lines: every test drives runErrorsQuery (metric-targets.ts, log-scan.ts)
 * through the same mocked SDK; one function's scan on its own is scan-function-logs.test.ts.
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FUNCTION_NAME_LABEL } from '../../src/aws/cloudwatch.js';
import { awsErrorsPort } from '../../src/aws/errors-port.js';
import { ERROR_PATTERN } from '../../src/aws-errors/log-filter-pattern.js';
import { type PlanOptions, runErrorsQuery } from '../../src/aws-errors/plan.js';
import { ErrorsQueryError } from '../../src/aws-errors/query-error.js';
import { coverageNotes, summaryLine } from '../../src/aws-errors/report.js';

const cw = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);
const lambda = mockClient(LambdaClient);

const END = Date.parse('2025-11-18T11:00:00Z');
const REQ = '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b';

function nodeError(type: string, message: string): string {
  return `2025-11-18T10:30:00.000Z\t${REQ}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: type, errorMessage: message, stack: [] })}`;
}

function series(name: string, ...values: number[]) {
  return {
    Id: 'errors',
    Label: name,
    Values: values,
    Timestamps: values.map(() => new Date(END)),
    StatusCode: 'Complete' as const,
  };
}

function options(overrides: Partial<PlanOptions> = {}): PlanOptions {
  return {
    query: { target: { kind: 'all' }, sinceSeconds: 3600 },
    region: 'eu-west-1',
    budgetMs: 20_000,
    redactEmails: true,
    end: END,
    sleep: async () => {},
    ...overrides,
  };
}

const port = () => awsErrorsPort({ region: 'eu-west-1' });
const throttle = () =>
  new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
const filterCalls = () =>
  logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input as FilterLogEventsCommandInput);

beforeEach(() => {
  cw.reset();
  logs.reset();
  lambda.reset();
  logs.on(FilterLogEventsCommand).resolves({ events: [] });
});

afterAll(() => {
  cw.restore();
  logs.restore();
  lambda.restore();
});

describe('runErrorsQuery — metrics first', () => {
  it('asks GetMetricData once with a SEARCH over AWS/Lambda Errors, then reads only the failing functions', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [series('checkout-api', 7), series('quiet-fn', 0), series('billing', 2)],
    });
    logs.on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/checkout-api' }).resolves({
      events: [{ timestamp: END - 60_000, message: nodeError('TypeError', 'x is undefined') }],
    });

    const report = await runErrorsQuery(port(), options({ logGroups: { billing: '/custom/billing' } }));

    const metricCalls = cw.commandCalls(GetMetricDataCommand);
    expect(metricCalls).toHaveLength(1);
    const input = metricCalls[0]?.args[0].input;
    expect(input?.MetricDataQueries?.[0]?.Expression).toBe(
      `SEARCH('{AWS/Lambda,FunctionName} MetricName="Errors"', 'Sum', 3600)`,
    );
    expect(input?.MetricDataQueries?.[0]?.Label).toBe(FUNCTION_NAME_LABEL);
    expect(FUNCTION_NAME_LABEL).toBe(['$', "{PROP('Dim.FunctionName')}"].join(''));
    expect(input?.StartTime).toEqual(new Date(END - 3_600_000));
    expect(input?.EndTime).toEqual(new Date(END));

    // Only the two functions with errors, most errors first; the configured custom log group is
    // used, one pattern covers both log formats, and no function's configuration is read.
    expect(lambda.calls()).toHaveLength(0);
    expect(filterCalls()).toEqual([
      {
        logGroupName: '/aws/lambda/checkout-api',
        startTime: END - 3_600_000,
        endTime: END,
        filterPattern: ERROR_PATTERN,
      },
      {
        logGroupName: '/custom/billing',
        startTime: END - 3_600_000,
        endTime: END,
        filterPattern: ERROR_PATTERN,
      },
    ]);
    expect(report).toMatchObject({
      metricErrorCount: 9,
      functionsWithErrors: 2,
      scanned: 2,
      toScan: 2,
      withoutErrorLines: ['billing'],
    });
    expect(report.calls).toEqual({ getMetricData: 1, filterLogEvents: 2 });
    expect(summaryLine(report)).toBe('9 errors in 2 functions over the last hour · eu-west-1');
  });

  it('follows GetMetricData pages and adds up each function across them', async () => {
    cw.on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [series('a', 1, 2)], NextToken: 'page-2' })
      .resolvesOnce({ MetricDataResults: [series('a', 3), series('b', 1)] });
    const report = await runErrorsQuery(port(), options());
    const calls = cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input.NextToken);
    expect(calls).toEqual([undefined, 'page-2']);
    expect(report.metricErrorCount).toBe(7);
    expect(filterCalls().map((c) => c.logGroupName)).toEqual(['/aws/lambda/a', '/aws/lambda/b']);
  });

  it("says when the search hit CloudWatch's 500-series cap", async () => {
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: Array.from({ length: 300 }, (_, i) => series(`fn-${i}`, 0)),
        NextToken: 'p2',
      })
      .resolvesOnce({
        MetricDataResults: Array.from({ length: 200 }, (_, i) => series(`fn-${300 + i}`, i === 0 ? 1 : 0)),
      });
    const report = await runErrorsQuery(port(), options());
    expect(report.metricSeriesCapped).toBe(true);
    expect(coverageNotes(report).join(' ')).toContain('CloudWatch returned 500 functions');
    cw.reset();
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: Array.from({ length: 499 }, (_, i) => series(`fn-${i}`, 1)),
    });
    expect((await runErrorsQuery(port(), options({ budgetMs: 1 }))).metricSeriesCapped).toBe(false);
  });

  it('keeps only names starting with the prefix', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [series('checkout-api', 1), series('billing', 5), series('checkout-worker', 2)],
    });
    const report = await runErrorsQuery(
      port(),
      options({ query: { target: { kind: 'prefix', prefix: 'checkout-' }, sinceSeconds: 3600 } }),
    );
    expect(filterCalls().map((c) => c.logGroupName)).toEqual([
      '/aws/lambda/checkout-worker',
      '/aws/lambda/checkout-api',
    ]);
    expect(report.metricErrorCount).toBe(3);
  });

  it('reads nothing else when no function had errors, and says so with window and region', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [series('a', 0, 0)] });
    const report = await runErrorsQuery(
      port(),
      options({ query: { target: { kind: 'all' }, sinceSeconds: 900 } }),
    );
    expect(filterCalls()).toHaveLength(0);
    expect(summaryLine(report)).toBe('No Lambda errors in eu-west-1 over the last 15 minutes.');
  });

  it('skips metrics for one named function and goes straight to its logs', async () => {
    logs
      .on(FilterLogEventsCommand)
      .resolves({ events: [{ timestamp: END - 1000, message: nodeError('Error', 'boom') }] });
    const report = await runErrorsQuery(
      port(),
      options({ query: { target: { kind: 'function', name: 'checkout-api' }, sinceSeconds: 3600 } }),
    );
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    expect(filterCalls()).toHaveLength(1);
    expect(summaryLine(report)).toBe('1 error line in checkout-api over the last hour · eu-west-1');
  });

  it('never calls a scan that could read nothing "no errors"', async () => {
    logs
      .on(FilterLogEventsCommand)
      .rejects(Object.assign(new Error('no credentials'), { name: 'CredentialsProviderError' }));
    const report = await runErrorsQuery(
      port(),
      options({ query: { target: { kind: 'function', name: 'checkout-api' }, sinceSeconds: 3600 } }),
    );
    expect(summaryLine(report)).toBe(
      'Could not read the logs of checkout-api in eu-west-1: no answer over the last hour.',
    );
    // The code and a message that says what to do (issue 9: name the AWS error code and message).
    expect(coverageNotes(report).join(' ')).toContain(
      'checkout-api (CredentialsProviderError: no AWS credentials found: set AWS_PROFILE or pass --profile',
    );
  });

  it('reports a named function without a log group as not found, reading nothing else', async () => {
    logs
      .on(FilterLogEventsCommand)
      .rejects(
        new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }),
      );
    const report = await runErrorsQuery(
      port(),
      options({ query: { target: { kind: 'function', name: 'nope' }, sinceSeconds: 3600 } }),
    );
    expect(filterCalls()).toHaveLength(1);
    expect(lambda.calls()).toHaveLength(0);
    expect(summaryLine(report)).toBe('No function named nope in eu-west-1 (no log group /aws/lambda/nope).');
    expect(coverageNotes(report)).toEqual([]);
  });

  it('reads only functions under the configured name prefixes (errors.functions)', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [series('checkout-api', 1), series('payroll', 5), series('billing-run', 2)],
    });
    const report = await runErrorsQuery(port(), options({ functions: ['checkout-', 'billing-'] }));
    expect(filterCalls().map((c) => c.logGroupName)).toEqual([
      '/aws/lambda/billing-run',
      '/aws/lambda/checkout-api',
    ]);
    expect(report.metricErrorCount).toBe(3);
    // The report says what it left out.
    expect(coverageNotes(report)).toContain(
      'Only functions starting with checkout-, billing- are read (errors.functions).',
    );
    const named = await runErrorsQuery(
      port(),
      options({
        functions: ['checkout-'],
        query: { target: { kind: 'function', name: 'payroll' }, sinceSeconds: 3600 },
      }),
    );
    expect(named.toScan).toBe(0);
    expect(filterCalls()).toHaveLength(2);
  });

  it('fails the whole query when the metrics cannot be read', async () => {
    cw.on(GetMetricDataCommand).rejects(
      Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }),
    );
    await expect(runErrorsQuery(port(), options())).rejects.toMatchObject({
      reason: 'AccessDeniedException',
    });
    await expect(runErrorsQuery(port(), options())).rejects.toBeInstanceOf(ErrorsQueryError);
  });
});

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
