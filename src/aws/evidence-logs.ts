/**
 * The evidence worker's CloudWatch Logs calls: `DescribeMetricFilters` by the alarm's metric
 * (name + namespace) and `FilterLogEvents` with the filter's own pattern. Lazily imported SDK.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogsPort, MetricFilter } from '../evidence/evidence-ports.js';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';

const clients = new Map<string, Promise<CloudWatchLogsClient>>();

function client(key: ClientKey): Promise<CloudWatchLogsClient> {
  const id = keyOf(key);
  let c = clients.get(id);
  if (!c) {
    c = import('@aws-sdk/client-cloudwatch-logs').then(
      ({ CloudWatchLogsClient }) =>
        new CloudWatchLogsClient(clientConfig(key, { maxAttempts: 3, requestTimeoutMs: 10_000 })),
    );
    clients.set(id, c);
  }
  return c;
}

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
    async filterLogEvents(input) {
      const { FilterLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
      const logs = await client({ ...key, region: input.region });
      const out = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: input.logGroupName,
          startTime: input.start,
          endTime: input.end,
          filterPattern: input.filterPattern,
          ...(input.nextToken ? { nextToken: input.nextToken } : {}),
        }),
      );
      const events = (out.events ?? [])
        .filter((e) => typeof e.message === 'string')
        .map((e) => ({
          timestamp: e.timestamp ?? e.ingestionTime ?? 0,
          message: e.message as string,
          ...(e.logStreamName ? { logStreamName: e.logStreamName } : {}),
        }));
      return { events, ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
    },
  };
}
