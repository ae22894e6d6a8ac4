/**
 * CloudWatch metrics for /aws-errors: which Lambda functions had `Errors` in a window, from one
 * GetMetricData SEARCH over every FunctionName (paginated).
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricPage } from '../aws-errors/query-port.js';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';
import { regionalClients } from './regional-clients.js';

const clients = regionalClients(keyOf, (key: ClientKey) => new CloudWatchClient(clientConfig(key)));

/** The CloudWatch client for a region/profile, created once. */
export function cloudWatchClient(key: ClientKey = {}): CloudWatchClient {
  return clients(key);
}

/**
 * The SEARCH expression over `AWS/Lambda Errors` by FunctionName.
 *
 * @example
 * ```ts
 * lambdaErrorsSearch(3600); // `SEARCH('{AWS/Lambda,FunctionName} MetricName="Errors"', 'Sum', 3600)`
 * ```
 */
export function lambdaErrorsSearch(periodSeconds: number): string {
  return `SEARCH('{AWS/Lambda,FunctionName} MetricName="Errors"', 'Sum', ${periodSeconds})`;
}

/** A dynamic label: each series returned by the search is labelled with its function name. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudWatch's dynamic-label syntax, not a JS template.
export const FUNCTION_NAME_LABEL = "${PROP('Dim.FunctionName')}";

/**
 * One GetMetricData page: the Errors sums of every function, labelled by name.
 *
 * @example
 * ```ts
 * const page = await lambdaErrorMetricsPage(cloudWatchClient({ region }), { start, end, periodSeconds: 3600 });
 * ```
 */
export async function lambdaErrorMetricsPage(
  client: CloudWatchClient,
  input: { start: Date; end: Date; periodSeconds: number; nextToken?: string },
): Promise<MetricPage> {
  const out = await client.send(
    new GetMetricDataCommand({
      StartTime: input.start,
      EndTime: input.end,
      ScanBy: 'TimestampDescending',
      ...(input.nextToken ? { NextToken: input.nextToken } : {}),
      MetricDataQueries: [
        {
          Id: 'errors',
          Expression: lambdaErrorsSearch(input.periodSeconds),
          Label: FUNCTION_NAME_LABEL,
          ReturnData: true,
        },
      ],
    }),
  );
  const series = (out.MetricDataResults ?? [])
    .filter((r) => typeof r.Label === 'string' && r.Label !== '' && !r.Label.includes('${'))
    .map((r) => ({ functionName: r.Label as string, values: r.Values ?? [] }));
  return { series, ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
}
