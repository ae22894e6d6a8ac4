/**
 * The log lines behind an alarm, posted in its thread:
 * - an alarm on a Lambda function's `AWS/Lambda` Errors, Throttles or Duration (with
 *   `FunctionName`) gets the function's errors over the alarm's evaluation window, grouped and
 *   redacted by the /aws-errors engine (same budget, same coverage lines);
 * - an alarm on a log metric filter's metric (`DescribeMetricFilters` by metric name and
 *   namespace) gets the lines the filter's own pattern matches in its log group over the window,
 *   grouped, counted, redacted, the newest few in full;
 * - other services get console links (src/evidence/service-links.ts) when no graph carried them.
 * Only for ALARM: an OK has no failing lines to show.
 */

import { runErrorsQuery } from '../aws-errors/plan.js';
import type { ErrorsPort } from '../aws-errors/query-port.js';
import type { Config } from '../core/config.js';
import { lambdaFunctions } from '../families/alarm/alarm-links.js';
import type { AlarmChange } from '../families/alarm/model.js';
import { primaryMetric } from '../families/alarm/words.js';
import { renderErrorsReport } from '../slack/errors-report.js';
import { renderFilterLines, renderServiceLinks } from '../slack/evidence-log-blocks.js';
import type { EvidenceJob } from './evidence-job.js';
import type { EvidenceSlack, LogLine, LogsPort, MetricFilter } from './evidence-ports.js';
import { groupLines } from './lines.js';
import type { EvidenceLog, EvidenceStats, LogStep } from './run.js';
import { serviceLinks } from './service-links.js';
import { subjectOfChange, subjectPeriod } from './subject.js';

/** The Lambda metrics whose alarms are explained by the function's errors. */
const LAMBDA_METRICS = new Set(['Errors', 'Throttles', 'Duration']);
const MAX_FUNCTIONS = 2;
const MAX_FILTERS = 2;
/** FilterLogEvents pages and lines read per filter before the scan stops (the reply says so). */
export const MAX_FILTER_PAGES = 20;
export const MAX_FILTER_LINES = 1000;
/** The window is at least this long, so a one-minute alarm still shows some context. */
const MIN_WINDOW_MS = 5 * 60_000;

export interface LogStepDeps {
  readonly config: Pick<Config, 'errors'>;
  readonly logs: LogsPort;
  readonly errors: (region: string) => ErrorsPort;
  readonly clock: () => number;
  readonly log: EvidenceLog;
}

export type LogPlan =
  | { readonly kind: 'lambda'; readonly functions: readonly string[] }
  | { readonly kind: 'metric-filter'; readonly metricName: string; readonly namespace: string }
  | { readonly kind: 'links' }
  | { readonly kind: 'none' };

/**
 * What to read for an alarm.
 *
 * @example
 * ```ts
 * logPlan(change); // { kind: 'lambda', functions: ['checkout-api'] }
 * ```
 */
export function logPlan(change: AlarmChange): LogPlan {
  const lambda = change.metrics.some(
    (q) => q.metric?.namespace === 'AWS/Lambda' && LAMBDA_METRICS.has(q.metric.name),
  );
  const functions = lambda ? lambdaFunctions(change) : [];
  if (functions.length > 0) return { kind: 'lambda', functions: functions.slice(0, MAX_FUNCTIONS) };
  const metric = primaryMetric(change)?.metric;
  // Metric filters publish to namespaces of the user's choosing, never to AWS/… ones.
  if (metric && !metric.namespace.startsWith('AWS/'))
    return { kind: 'metric-filter', metricName: metric.name, namespace: metric.namespace };
  if (serviceLinks(change).length > 0) return { kind: 'links' };
  return { kind: 'none' };
}

/**
 * The alarm's evaluation window: the evaluated periods before the change, plus one period for
 * CloudWatch's publishing delay, at least five minutes.
 */
export function evaluationWindow(change: AlarmChange): { start: number; end: number } | undefined {
  const subject = subjectOfChange(change);
  if (!subject) return undefined;
  const end = Date.parse(subject.changedAt);
  const periodMs = subjectPeriod(subject) * 1000;
  const span = Math.max(MIN_WINDOW_MS, periodMs * (Math.max(1, subject.evaluationPeriods ?? 1) + 1));
  return { start: end - span, end };
}

/** Time kept after a log scan for rendering and the paced reply. */
const REPLY_MARGIN_MS = 10_000;

/** The scan budget: the /aws-errors budget, or what the invocation has left, whichever is less. */
function scanBudgetMs(deps: LogStepDeps, deadline: number): number {
  return Math.min(deps.config.errors.budgetSeconds * 1000, deadline - REPLY_MARGIN_MS - deps.clock());
}

async function readFilter(
  filter: MetricFilter,
  window: { start: number; end: number },
  region: string,
  deps: LogStepDeps,
  budgetMs: number,
): Promise<{ lines: LogLine[]; complete: boolean; pages: number }> {
  const deadline = deps.clock() + budgetMs;
  const lines: LogLine[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  // Pages may be empty while nextToken continues: keep reading until it ends or a budget does.
  do {
    const page = await deps.logs.filterLogEvents({
      region,
      logGroupName: filter.logGroupName,
      filterPattern: filter.filterPattern,
      start: window.start,
      end: window.end,
      ...(nextToken ? { nextToken } : {}),
    });
    pages += 1;
    lines.push(...page.events);
    nextToken = page.nextToken;
  } while (
    nextToken &&
    pages < MAX_FILTER_PAGES &&
    lines.length < MAX_FILTER_LINES &&
    deps.clock() < deadline
  );
  return {
    lines: lines.slice(0, MAX_FILTER_LINES),
    complete: !nextToken && lines.length <= MAX_FILTER_LINES,
    pages,
  };
}

async function reply(
  deps: LogStepDeps,
  slack: EvidenceSlack,
  job: EvidenceJob,
  stats: EvidenceStats,
  message: { text: string; blocks: readonly unknown[] },
  what: Record<string, unknown>,
): Promise<void> {
  try {
    await slack.reply({ channelId: job.channelId, threadTs: job.threadTs, ...message });
    stats.logRepliesPosted += 1;
  } catch (error) {
    stats.logRepliesFailed += 1;
    deps.log.error('evidence: could not post the log lines', {
      ...what,
      error: (error as Error).name,
      code: (error as { data?: { error?: string } }).data?.error,
    });
  }
}

/**
 * The log step the worker runs after the graphs.
 *
 * @example
 * ```ts
 * runEvidence(job, { …, logStep: logStep({ config, logs: awsLogsPort(), errors: (r) => awsErrorsPort({ region: r }), clock: Date.now, log }) });
 * ```
 */
export function logStep(deps: LogStepDeps): LogStep {
  return async (change, job, region, stats, slack, deadline) => {
    if (change.state.value !== 'ALARM') return;
    const plan = logPlan(change);
    const window = evaluationWindow(change);
    const now = new Date(deps.clock());
    if (plan.kind === 'links') {
      // With a graph, the links went with it as its comment.
      if (job.graphs) return;
      const message = renderServiceLinks(change.name, serviceLinks(change));
      await reply(deps, slack, job, stats, message, { alarm: change.name, plan: plan.kind });
      return;
    }
    if (plan.kind === 'none' || !window) return;
    if (plan.kind === 'lambda') {
      for (const name of plan.functions) {
        const budgetMs = scanBudgetMs(deps, deadline);
        if (budgetMs < 1_000) {
          deps.log.warn('evidence: no time left to read function errors', { function: name });
          return;
        }
        let message: { text: string; blocks: readonly unknown[] };
        try {
          const report = await runErrorsQuery(deps.errors(region), {
            query: {
              target: { kind: 'function', name },
              sinceSeconds: Math.round((window.end - window.start) / 1000),
            },
            region,
            end: window.end,
            budgetMs,
            redactEmails: deps.config.errors.redactEmails,
            // The group config names for a function with a custom LoggingConfig.LogGroup.
            logGroups: deps.config.errors.logGroups,
            clock: deps.clock,
          });
          message = renderErrorsReport(report, now, {
            heading: `Errors of ${name} in the alarm's evaluation window`,
          });
        } catch (error) {
          stats.logRepliesFailed += 1;
          deps.log.error('evidence: could not read the function errors', {
            function: name,
            error: (error as Error).name,
          });
          continue;
        }
        await reply(deps, slack, job, stats, message, { alarm: change.name, function: name });
      }
      return;
    }
    let filters: MetricFilter[];
    try {
      filters = await deps.logs.metricFilters(plan.metricName, plan.namespace, region);
    } catch (error) {
      stats.logRepliesFailed += 1;
      deps.log.error('evidence: could not read the metric filters', { error: (error as Error).name });
      return;
    }
    if (filters.length === 0) {
      deps.log.info('evidence: no metric filter publishes this metric', {
        alarm: change.name,
        metric: `${plan.namespace}/${plan.metricName}`,
      });
      return;
    }
    for (const filter of filters.slice(0, MAX_FILTERS)) {
      const budgetMs = scanBudgetMs(deps, deadline);
      if (budgetMs < 1_000) {
        deps.log.warn('evidence: no time left to read the filter log group', {
          logGroup: filter.logGroupName,
        });
        return;
      }
      let message: { text: string; blocks: readonly unknown[] };
      try {
        const read = await readFilter(filter, window, region, deps, budgetMs);
        const grouped = groupLines(read.lines, { emails: deps.config.errors.redactEmails, newest: 3 });
        message = renderFilterLines({
          alarm: change.name,
          filter,
          region,
          window,
          grouped,
          complete: read.complete,
          now,
        });
      } catch (error) {
        stats.logRepliesFailed += 1;
        deps.log.error('evidence: could not read the filter log group', {
          logGroup: filter.logGroupName,
          error: (error as Error).name,
        });
        continue;
      }
      await reply(deps, slack, job, stats, message, { alarm: change.name, logGroup: filter.logGroupName });
    }
  };
}
