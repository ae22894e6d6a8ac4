/**
 * The evidence worker's CloudWatch calls: `GetMetricWidgetImage` (the graph) and
 * `DescribeAlarms` (a composite alarm's children). The SDK client is imported lazily: only the
 * evidence worker and `cloudbell graph` load it, and only when they draw.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudbellError } from '../core/errors.js';
import type { DescribedMetricAlarm } from '../evidence/children.js';
import type { GraphPort } from '../evidence/evidence-ports.js';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';
import { regionalClients } from './regional-clients.js';

/**
 * A CloudWatch client per region/profile. Three attempts: GetMetricWidgetImage allows 20 calls
 * a second per account, and the SDK's backoff is the right answer to its throttling here.
 */
const client = regionalClients(
  keyOf,
  (key: ClientKey): Promise<CloudWatchClient> =>
    import('@aws-sdk/client-cloudwatch').then(
      ({ CloudWatchClient }) =>
        new CloudWatchClient(clientConfig(key, { maxAttempts: 3, requestTimeoutMs: 10_000 })),
    ),
);

/**
 * @example
 * ```ts
 * const png = await awsGraphPort({ profile: 'prod' }).widgetImage(metricWidget(subject, { now }), 'eu-west-1');
 * ```
 */
export function awsGraphPort(key: Omit<ClientKey, 'region'> = {}): GraphPort {
  return {
    async widgetImage(widget, region) {
      const { GetMetricWidgetImageCommand } = await import('@aws-sdk/client-cloudwatch');
      const cw = await client({ ...key, region });
      const out = await cw.send(
        new GetMetricWidgetImageCommand({ MetricWidget: JSON.stringify(widget), OutputFormat: 'png' }),
      );
      if (!out.MetricWidgetImage || out.MetricWidgetImage.length === 0)
        throw new CloudbellError('GetMetricWidgetImage returned no image');
      return out.MetricWidgetImage;
    },
    async describeAlarms(names, region) {
      if (names.length === 0) return [];
      const { DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
      const cw = await client({ ...key, region });
      // At most 100 names per call; a composite's children graphed here are a handful.
      const out = await cw.send(
        new DescribeAlarmsCommand({ AlarmNames: names.slice(0, 100), AlarmTypes: ['MetricAlarm'] }),
      );
      return (out.MetricAlarms ?? []) as DescribedMetricAlarm[];
    },
  };
}
