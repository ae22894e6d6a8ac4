/**
 * The query plan's first step (src/aws-errors/metric-targets.ts) through runErrorsQuery: which
 * functions the metrics point at, and what is read after them.
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { FilterLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAME_LABEL } from '../../src/aws/cloudwatch.js';
import { ERROR_PATTERN } from '../../src/aws-errors/log-filter-pattern.js';
import { runErrorsQuery } from '../../src/aws-errors/plan.js';
import { ErrorsQueryError } from '../../src/aws-errors/query-error.js';
import { coverageNotes, summaryLine } from '../../src/aws-errors/report.js';
import {
  cw,
  END,
  filterCalls,
  lambda,
  logs,
  mockAwsPerTest,
  nodeError,
  options,
  port,
  series,
} from './plan-harness.js';

mockAwsPerTest();

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
