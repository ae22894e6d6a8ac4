/**
 * Step 1 of the /aws-errors plan: which functions to read. Unless one function is named, one
 * GetMetricData SEARCH over `AWS/Lambda Errors` by FunctionName (paginated) finds the functions
 * with errors in the window, most errors first; only those log groups are read afterwards.
 */

import type { ErrorsTarget } from './query-args.js';
import { ErrorsQueryError } from './query-error.js';
import type { ErrorsPort } from './query-port.js';
import { functionInScope } from './scope.js';
import { describeAwsError, errorName } from './sdk-errors.js';

/** A function whose logs are read, with the errors its metrics counted (0 when not asked). */
export interface Target {
  readonly name: string;
  readonly metricErrors: number;
}

/** What the metrics step found. */
export interface TargetsFound {
  readonly targets: readonly Target[];
  /** Sum of the targets' metric errors (0 without the metrics step). */
  readonly metricErrorCount: number;
  /** The search returned CloudWatch's maximum of series: more functions may have gone unseen. */
  readonly metricSeriesCapped: boolean;
}

/** One port call wrapped in the plan's throttling retries (and counted by the caller). */
export type Retrying = <T>(call: () => Promise<T>) => Promise<T>;

export interface FindTargetsInput {
  readonly target: ErrorsTarget;
  /** Function name prefixes in scope (config `errors.functions`; empty: all). */
  readonly prefixes: readonly string[];
  readonly region: string;
  /** Window, epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly windowSeconds: number;
  readonly retrying: Retrying;
  /** Counted once per GetMetricData attempt. */
  readonly calls: { getMetricData: number };
}

const MAX_METRIC_PAGES = 50;
/** A CloudWatch SEARCH expression returns at most 500 time series; more functions go unseen. */
export const SEARCH_SERIES_LIMIT = 500;

/** GetMetricData periods are multiples of 60 s; one period spanning the window keeps the answer small. */
export function metricPeriodSeconds(windowSeconds: number): number {
  return Math.max(60, Math.ceil(windowSeconds / 60) * 60);
}

/**
 * The functions to read: the named one without asking the metrics (when in scope), otherwise
 * the functions the metrics count errors for.
 *
 * @throws {ErrorsQueryError} when the metrics cannot be read
 * @example
 * ```ts
 * const { targets } = await findTargets(port, { target: { kind: 'all' }, prefixes: [], region, start, end, windowSeconds: 3600, retrying, calls });
 * ```
 */
export async function findTargets(port: ErrorsPort, input: FindTargetsInput): Promise<TargetsFound> {
  const { target, prefixes } = input;
  if (target.kind === 'function') {
    const targets = functionInScope(target.name, prefixes) ? [{ name: target.name, metricErrors: 0 }] : [];
    return { targets, metricErrorCount: 0, metricSeriesCapped: false };
  }
  const totals = await readErrorTotals(port, input);
  const targets = rankTargets(totals, target, prefixes);
  return {
    targets,
    metricErrorCount: targets.reduce((a, t) => a + t.metricErrors, 0),
    metricSeriesCapped: totals.size >= SEARCH_SERIES_LIMIT,
  };
}

/** Errors per function over the window, summed across every page (at most 50 pages). */
async function readErrorTotals(port: ErrorsPort, input: FindTargetsInput): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const token = nextToken;
    try {
      const page = await input.retrying(() => {
        input.calls.getMetricData += 1;
        return port.errorMetrics({
          start: new Date(input.start),
          end: new Date(input.end),
          periodSeconds: metricPeriodSeconds(input.windowSeconds),
          ...(token ? { nextToken: token } : {}),
        });
      });
      for (const series of page.series) {
        const sum = series.values.reduce((a, b) => a + b, 0);
        totals.set(series.functionName, (totals.get(series.functionName) ?? 0) + sum);
      }
      nextToken = page.nextToken;
    } catch (cause) {
      const described = describeAwsError(cause);
      throw new ErrorsQueryError(
        `cannot read Lambda error metrics in ${input.region}: ${described.text}`,
        errorName(cause),
        { cause, detail: described.message },
      );
    }
    pages += 1;
  } while (nextToken && pages < MAX_METRIC_PAGES);
  return totals;
}

/** Functions with errors, in scope and under the asked prefix: most errors first, then by name. */
function rankTargets(
  totals: ReadonlyMap<string, number>,
  target: ErrorsTarget,
  prefixes: readonly string[],
): Target[] {
  return [...totals]
    .filter(
      ([name, count]) =>
        count > 0 &&
        functionInScope(name, prefixes) &&
        (target.kind !== 'prefix' || name.startsWith(target.prefix)),
    )
    .map(([name, count]) => ({ name, metricErrors: Math.round(count) }))
    .sort((a, b) => b.metricErrors - a.metricErrors || a.name.localeCompare(b.name));
}
