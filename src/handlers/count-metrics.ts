/**
 * The counts a handler publishes at the end of an invocation, as Powertools `Count` metrics
 * (flushed by the `logMetrics` middleware as one EMF line).
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Adds each count as a `Count` metric, in the order given.
 *
 * @example
 * ```ts
 * addCounts(metrics, { AlertsPosted: 3, SlackErrors: 0 });
 * ```
 */
export function addCounts(metrics: Metrics, counts: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(counts)) metrics.addMetric(name, MetricUnit.Count, value);
}
