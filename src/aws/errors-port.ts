/**
 * The /aws-errors port over AWS: GetMetricData and FilterLogEvents with SDK v3 clients for one
 * region (and optionally a named profile, for the CLI).
 */
import type { ErrorsPort } from '../aws-errors/query-port.js';
import type { ClientKey } from './client-options.js';
import { cloudWatchClient, lambdaErrorMetricsPage } from './cloudwatch.js';
import { filterLogEventsPage, logsClient } from './filter-log-events.js';

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
