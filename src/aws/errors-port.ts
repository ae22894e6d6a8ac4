/**
 * The /aws-errors port over AWS: GetMetricData and FilterLogEvents with SDK v3 clients for one
 * region (and optionally a named profile, for the CLI). One attempt per call: the query plan
 * owns the throttling retries, within its time budget.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ErrorsPort } from '../aws-errors/query-port.js';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';
import { cloudWatchClient, lambdaErrorMetricsPage } from './cloudwatch.js';
import { filterLogEventsPage } from './filter-log-events.js';
import { regionalClients } from './regional-clients.js';

/** The CloudWatch Logs client of /aws-errors for a region/profile, created once. */
const logsClient = regionalClients(keyOf, (key: ClientKey) => new CloudWatchLogsClient(clientConfig(key)));

/**
 * @example
 * ```ts
 * const report = await runErrorsQuery(awsErrorsPort({ region: 'eu-west-1' }), options);
 * ```
 */
export function awsErrorsPort(key: ClientKey): ErrorsPort {
  return {
    errorMetrics: (input) => lambdaErrorMetricsPage(cloudWatchClient(key), input),
    logEvents: (input) => filterLogEventsPage(logsClient(key), input),
  };
}
