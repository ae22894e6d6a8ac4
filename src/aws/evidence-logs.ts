/**
 * The evidence worker's CloudWatch Logs calls: `DescribeMetricFilters` by the alarm's metric
 * (name + namespace) and `FilterLogEvents` with the filter's own pattern. Lazily imported SDK.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogsPort, MetricFilter } from '../evidence/evidence-ports.js';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';
import { regionalClients } from './regional-clients.js';

/** A CloudWatch Logs client per region/profile; three attempts, as for the graphs. */
const client = regionalClients(
  keyOf,
  (key: ClientKey): Promise<CloudWatchLogsClient> =>
    import('@aws-sdk/client-cloudwatch-logs').then(
      ({ CloudWatchLogsClient }) =>
        new CloudWatchLogsClient(clientConfig(key, { maxAttempts: 3, requestTimeoutMs: 10_000 })),
    ),
);

/** Metric filters that publish one metric: a handful; more pages are not read. */
const MAX_FILTER_PAGES = 3;

/**
 * @example
 * ```ts
 * const [filter] = await awsLogsPort().metricFilters('ErrorCount', 'Checkout', 'eu-west-1');
 * ```
 */
export function awsLogsPort(key: Omit<ClientKey, 'region'> = {}): LogsPort {
  return {
    async metricFilters(metricName, namespace, region) {
      const { DescribeMetricFiltersCommand } = await import('@aws-sdk/client-cloudwatch-logs');
      const logs = await client({ ...key, region });
      const filters: MetricFilter[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_FILTER_PAGES; page++) {
        const out = await logs.send(
          new DescribeMetricFiltersCommand({
            metricName,
            metricNamespace: namespace,
            ...(nextToken ? { nextToken } : {}),
          }),
        );
        for (const f of out.metricFilters ?? []) {
          if (f.logGroupName && f.filterName && typeof f.filterPattern === 'string')
            filters.push({
              filterName: f.filterName,
              logGroupName: f.logGroupName,
              filterPattern: f.filterPattern,
            });
        }
        nextToken = out.nextToken;
        if (!nextToken) break;
      }
      return filters;
    },
    async filterLogEvents({ region, ...input }) {
      const { filterLogEventsPage } = await import('./filter-log-events.js');
      return filterLogEventsPage(await client({ ...key, region }), input);
    },
  };
}
