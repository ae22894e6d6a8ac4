/**
 * /aws-errors query cost on a simulated account of 200 functions, 5 of them failing, with
 * 50 ms per AWS call: the metrics-first plan beside the naive plan (FilterLogEvents on every
 * function's log group, same concurrency, same classification), in the same run.
 * Target: the plan makes ≤ 10% of the naive plan's calls.
 */
import { classifyLogLine } from '../src/aws-errors/classify.js';
import { ErrorGrouper } from '../src/aws-errors/group.js';
import { TEXT_ERROR_PATTERN } from '../src/aws-errors/log-filter-pattern.js';
import { runErrorsQuery } from '../src/aws-errors/plan.js';
import { redact } from '../src/aws-errors/redact.js';
import { forEachLimit } from '../src/core/limit.js';
import { simAccount } from './sim-account.js';

export const name = '/aws-errors query cost';

const FUNCTIONS = 200;
const FAILING = 5;
const LATENCY_MS = 50;
const CONCURRENCY = 4;
const END = Date.parse('2025-11-18T11:00:00Z');

async function naive(): Promise<{ calls: number; ms: number; groups: number }> {
  const sim = simAccount({ functions: FUNCTIONS, failing: FAILING, latencyMs: LATENCY_MS, end: END });
  const grouper = new ErrorGrouper();
  const started = performance.now();
  await forEachLimit(sim.functionNames, CONCURRENCY, async (fn) => {
    let nextToken: string | undefined;
    do {
      const page = await sim.port.logEvents({
        logGroupName: `/aws/lambda/${fn}`,
        start: END - 3_600_000,
        end: END,
        filterPattern: TEXT_ERROR_PATTERN,
        ...(nextToken ? { nextToken } : {}),
      });
      for (const e of page.events) {
        const line = classifyLogLine(redact(e.message, { emails: true }));
        if (line) grouper.add(fn, `/aws/lambda/${fn}`, line, e.timestamp);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  });
  const ms = performance.now() - started;
  const c = sim.calls;
  return {
    calls: c.getMetricData + c.filterLogEvents,
    ms,
    groups: grouper.groups().length,
  };
}

async function plan(): Promise<{ calls: number; ms: number; groups: number; filterCalls: number }> {
  const sim = simAccount({ functions: FUNCTIONS, failing: FAILING, latencyMs: LATENCY_MS, end: END });
  const started = performance.now();
  const report = await runErrorsQuery(sim.port, {
    query: { target: { kind: 'all' }, sinceSeconds: 3600 },
    region: 'eu-west-1',
    budgetMs: 60_000,
    redactEmails: true,
    concurrency: CONCURRENCY,
    end: END,
  });
  const ms = performance.now() - started;
  const c = report.calls;
  if (report.scanned !== FAILING) throw new Error(`plan scanned ${report.scanned} of ${FAILING}`);
  return {
    calls: c.getMetricData + c.filterLogEvents,
    ms,
    groups: report.groups.length,
    filterCalls: c.filterLogEvents,
  };
}

export async function run(): Promise<Record<string, number>> {
  const n = await naive();
  const p = await plan();
  if (n.groups !== p.groups)
    throw new Error(`the plans disagree: naive ${n.groups} groups, plan ${p.groups}`);
  return {
    query_functions: FUNCTIONS,
    query_failing_functions: FAILING,
    query_calls_plan: p.calls,
    query_calls_plan_filter_log_events: p.filterCalls,
    query_calls_naive: n.calls,
    query_calls_ratio: p.calls / n.calls,
    query_calls_target_ratio: 0.1,
    query_ms_plan: p.ms,
    query_ms_naive: n.ms,
    query_ms_ratio: p.ms / n.ms,
    query_groups_found: p.groups,
  };
}
