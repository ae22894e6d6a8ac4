/**
 * Console links to the logs and traces that matter for an alarm on a service whose logs
 * cloudbell cannot read as lines: API Gateway (X-Ray traces, the API), SQS (the queue), DynamoDB
 * (the table's monitoring and Contributor Insights), ALB (the load balancer, target groups),
 * ECS (the service's logs tab). Lambda and log-metric-filter alarms get their lines instead.
 */
import type { Link } from '../alerts/alert.js';
import { consoleUrl } from '../alerts/console.js';
import { encodeUriPart } from '../alerts/well-formed.js';
import { queueConsoleUrl } from '../families/alarm/alarm-links.js';
import type { AlarmChange, MetricRef } from '../families/alarm/model.js';

const MAX_LINKS = 4;

const dim = (metric: MetricRef, name: string) => metric.dimensions.find(([k]) => k === name)?.[1];

function linksForMetric(metric: MetricRef, region: string, account: string | undefined): Link[] {
  // Lone surrogates in a dimension would make encodeURIComponent throw; they become U+FFFD.
  const e = encodeUriPart;
  switch (metric.namespace) {
    case 'AWS/ApiGateway': {
      const apiId = dim(metric, 'ApiId');
      const apiName = dim(metric, 'ApiName');
      const links: Link[] = [
        { text: 'X-Ray traces', url: consoleUrl(region, 'cloudwatch/home', 'xray:traces/query') },
      ];
      if (apiId)
        links.push({
          text: 'Open API',
          url: `${consoleUrl(region, 'apigateway/main/api-detail')}&api=${e(apiId)}`,
        });
      else if (apiName) links.push({ text: 'APIs', url: consoleUrl(region, 'apigateway/main/apis') });
      return links;
    }
    case 'AWS/SQS': {
      const queue = dim(metric, 'QueueName');
      return queue && account ? [{ text: 'Open queue', url: queueConsoleUrl(region, account, queue) }] : [];
    }
    case 'AWS/DynamoDB': {
      const table = dim(metric, 'TableName');
      if (!table) return [];
      return [
        {
          text: 'Table monitoring',
          url: consoleUrl(region, 'dynamodbv2/home', `table?name=${e(table)}&tab=monitoring`),
        },
        {
          text: 'Contributor Insights',
          url: consoleUrl(region, 'dynamodbv2/home', `table?name=${e(table)}&tab=contributor-insights`),
        },
      ];
    }
    case 'AWS/ApplicationELB': {
      // `app/<name>/<id>`: the console searches by name.
      const lb = dim(metric, 'LoadBalancer')?.split('/')[1];
      const tg = dim(metric, 'TargetGroup')?.split('/')[1];
      const links: Link[] = [];
      if (lb)
        links.push({
          text: 'Load balancer',
          url: consoleUrl(region, 'ec2/home', `LoadBalancers:search=${e(lb)}`),
        });
      if (tg)
        links.push({
          text: 'Target group',
          url: consoleUrl(region, 'ec2/home', `TargetGroups:search=${e(tg)}`),
        });
      return links;
    }
    case 'AWS/ECS':
    case 'ECS/ContainerInsights': {
      const cluster = dim(metric, 'ClusterName');
      const service = dim(metric, 'ServiceName');
      if (!cluster) return [];
      if (!service)
        return [{ text: 'Cluster', url: consoleUrl(region, `ecs/v2/clusters/${e(cluster)}/services`) }];
      return [
        {
          text: 'Service logs',
          url: consoleUrl(region, `ecs/v2/clusters/${e(cluster)}/services/${e(service)}/logs`),
        },
        {
          text: 'Service events',
          url: consoleUrl(region, `ecs/v2/clusters/${e(cluster)}/services/${e(service)}/events`),
        },
      ];
    }
    default:
      return [];
  }
}

/**
 * The console links for the services an alarm's metrics belong to (at most four, no repeats).
 *
 * @example
 * ```ts
 * serviceLinks(change).map((l) => l.text); // ['Table monitoring', 'Contributor Insights']
 * ```
 */
export function serviceLinks(change: AlarmChange): Link[] {
  if (!change.region) return [];
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const q of change.metrics) {
    if (!q.metric) continue;
    for (const link of linksForMetric(q.metric, change.region, change.account)) {
      if (seen.has(link.url)) continue;
      seen.add(link.url);
      links.push(link);
    }
  }
  return links.slice(0, MAX_LINKS);
}
