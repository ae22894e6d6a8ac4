/**
 * The /aws-errors query plan, metrics first:
 * 1. unless one function is named, one GetMetricData (SEARCH over `AWS/Lambda Errors` by
 *    FunctionName, paginated) finds the functions with errors, most errors first;
 * 2. only their log groups are read with FilterLogEvents (the default `/aws/lambda/<name>`, or
 *    the group config `errors.logGroups` names), with one pattern that narrows both log formats
 *    (the format is told apart per line when classifying), bounded concurrency, every page
 *    including empty ones with a nextToken, throttling retried, a missing log group reported
 *    and skipped. No GetFunctionConfiguration: it returns every environment variable;
 * 3. a time budget: when it runs out the report says how much was covered.
 * Every line is redacted before it is classified, so nothing unredacted reaches a group.
 */
import { forEachLimit } from '../core/limit.js';
import { retry } from '../core/retry.js';
import { classifyLogLine } from './classify.js';
import { ErrorGrouper } from './group.js';
import { ERROR_PATTERN } from './log-filter-pattern.js';
import type { ErrorsQuery } from './query-args.js';
import { ErrorsQueryError } from './query-error.js';
import type { ErrorsPort } from './query-port.js';
import { redact } from './redact.js';
import type { ErrorsReport, ScanProblem } from './report.js';
import { describeAwsError, errorName, isNotFound, isThrottle } from './sdk-errors.js';

export interface PlanOptions {
  readonly query: Pick<ErrorsQuery, 'target' | 'sinceSeconds'>;
  readonly region: string;
  /** Time budget for the whole query (config `errors.budgetSeconds` × 1000). */
  readonly budgetMs: number;
  readonly redactEmails: boolean;
  /** Custom log groups by function name (config `errors.logGroups`); others use the default group. */
  readonly logGroups?: Readonly<Record<string, string>>;
  /** Only functions whose names start with one of these are read (config `errors.functions`; empty: all). */
  readonly functions?: readonly string[];
  /** Log groups read at once; FilterLogEvents has a low per-account rate quota. */
  readonly concurrency?: number;
  /** Error lines read per function before its scan stops (counts become lower bounds). */
  readonly maxLinesPerFunction?: number;
  /** Throttling retries per call, with exponential backoff and jitter, never past the deadline. */
  readonly retries?: number;
  readonly retryBaseMs?: number;
  /** Uniform in [0, 1) for the retry jitter; `Math.random` by default (tests pin it). */
  readonly random?: () => number;
  /** End of the window; defaults to the clock. */
  readonly end?: number;
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after each function's scan ends (CLI progress line). */
  readonly onProgress?: (progress: {
    readonly done: number;
    readonly total: number;
    readonly functionName: string;
  }) => void;
}

interface Target {
  readonly name: string;
  readonly metricErrors: number;
}

/** Longest backoff between throttled calls (the default 250 ms base reaches 4 s by the fourth retry). */
const RETRY_CAP_MS = 5_000;
const MAX_METRIC_PAGES = 50;
/** A CloudWatch SEARCH expression returns at most 500 time series; more functions go unseen. */
export const SEARCH_SERIES_LIMIT = 500;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Default log group of a function without a custom `LoggingConfig.LogGroup`. */
export function defaultLogGroup(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** GetMetricData periods are multiples of 60 s; one period spanning the window keeps the answer small. */
export function metricPeriodSeconds(windowSeconds: number): number {
  return Math.max(60, Math.ceil(windowSeconds / 60) * 60);
}

/**
 * Runs the query against `port` and returns the report; never throws for a single function's
 * failure, only when the metrics step itself fails ({@link ErrorsQueryError}).
 *
 * @example
 * ```ts
 * const report = await runErrorsQuery(awsErrorsPort('eu-west-1'), {
 *   query: { target: { kind: 'all' }, sinceSeconds: 3600 },
 *   region: 'eu-west-1',
 *   budgetMs: 20_000,
 *   redactEmails: true,
 * });
 * ```
 */
export async function runErrorsQuery(port: ErrorsPort, options: PlanOptions): Promise<ErrorsReport> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const startedAt = clock();
  const deadline = startedAt + options.budgetMs;
  const end = options.end ?? startedAt;
  const start = end - options.query.sinceSeconds * 1000;
  const target = options.query.target;
  const calls = { getMetricData: 0, filterLogEvents: 0 };
  const allowed = options.functions ?? [];
  const inScope = (name: string) => allowed.length === 0 || allowed.some((p) => name.startsWith(p));
  const retries = options.retries ?? 4;
  const retryBaseMs = options.retryBaseMs ?? 250;
  const maxLines = options.maxLinesPerFunction ?? 10_000;

  function withRetry<T>(call: () => Promise<T>): Promise<T> {
    return retry(call, {
      maxAttempts: retries + 1,
      baseDelayMs: retryBaseMs,
      maxDelayMs: RETRY_CAP_MS,
      retryable: isThrottle,
      deadline,
      // A wait ending exactly at the deadline leaves no time for the call itself.
      reserveMs: 1,
      clock: { now: clock, sleep },
      ...(options.random ? { random: options.random } : {}),
    });
  }

  // 1. Which functions failed, from metrics (skipped when one function is named).
  let targets: Target[];
  let metricErrorCount = 0;
  let metricSeriesCapped = false;
  if (target.kind === 'function') {
    targets = inScope(target.name) ? [{ name: target.name, metricErrors: 0 }] : [];
  } else {
    const totals = new Map<string, number>();
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const token = nextToken;
      try {
        const page = await withRetry(() => {
          calls.getMetricData += 1;
          return port.errorMetrics({
            start: new Date(start),
            end: new Date(end),
            periodSeconds: metricPeriodSeconds(options.query.sinceSeconds),
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
          `cannot read Lambda error metrics in ${options.region}: ${described.text}`,
          errorName(cause),
          { cause, detail: described.message },
        );
      }
      pages += 1;
    } while (nextToken && pages < MAX_METRIC_PAGES);
    targets = [...totals]
      .filter(
        ([name, count]) =>
          count > 0 && inScope(name) && (target.kind !== 'prefix' || name.startsWith(target.prefix)),
      )
      .map(([name, count]) => ({ name, metricErrors: Math.round(count) }))
      .sort((a, b) => b.metricErrors - a.metricErrors || a.name.localeCompare(b.name));
    metricErrorCount = targets.reduce((a, t) => a + t.metricErrors, 0);
    metricSeriesCapped = totals.size >= SEARCH_SERIES_LIMIT;
  }

  // 2. Their logs, within the budget.
  const grouper = new ErrorGrouper();
  const missingLogGroups: ScanProblem[] = [];
  const failures: ScanProblem[] = [];
  const capped: string[] = [];
  const withoutErrorLines: string[] = [];
  let scanned = 0;
  let done = 0;
  let budgetExpired = false;
  let functionNotFound = false;
  const redactOptions = { emails: options.redactEmails };

  const expired = () => {
    if (clock() >= deadline) budgetExpired = true;
    return budgetExpired;
  };

  async function scan(t: Target): Promise<void> {
    if (expired()) return;
    const logGroup = options.logGroups?.[t.name] ?? defaultLogGroup(t.name);
    const filterPattern = ERROR_PATTERN;
    let lines = 0;
    let nextToken: string | undefined;
    do {
      if (expired()) return;
      const token = nextToken;
      let page: Awaited<ReturnType<ErrorsPort['logEvents']>>;
      try {
        page = await withRetry(() => {
          calls.filterLogEvents += 1;
          return port.logEvents({
            logGroupName: logGroup,
            start,
            end,
            filterPattern,
            ...(token ? { nextToken: token } : {}),
          });
        });
      } catch (error) {
        if (isNotFound(error)) {
          // One named function without a log group has never logged here: most likely no such function.
          if (target.kind === 'function') functionNotFound = true;
          missingLogGroups.push({ functionName: t.name, logGroup, reason: 'no log group' });
        } else
          failures.push({
            functionName: t.name,
            logGroup,
            reason: isThrottle(error) ? 'throttled' : describeAwsError(error).text,
          });
        return;
      }
      for (const event of page.events) {
        const classified = classifyLogLine(redact(event.message, redactOptions));
        if (!classified) continue;
        // Classifying decodes once more (the JSON payload of an Invoke Error): redact its output too.
        const line = {
          ...classified,
          type: redact(classified.type, redactOptions),
          message: redact(classified.message, redactOptions),
        };
        grouper.add(t.name, logGroup, line, event.timestamp);
        lines += 1;
        if (lines >= maxLines) {
          capped.push(t.name);
          scanned += 1;
          return;
        }
      }
      // An empty page with a nextToken is normal: FilterLogEvents stops at 1 MB scanned, not at a match.
      nextToken = page.nextToken;
    } while (nextToken);
    scanned += 1;
    if (lines === 0 && t.metricErrors > 0) withoutErrorLines.push(t.name);
  }

  await forEachLimit(targets, options.concurrency ?? 4, async (t) => {
    await scan(t);
    done += 1;
    options.onProgress?.({ done, total: targets.length, functionName: t.name });
  });

  const groups = grouper.groups();
  const functionsWithErrors =
    options.query.target.kind === 'function' ? (groups.length > 0 ? 1 : 0) : targets.length;
  return {
    target,
    region: options.region,
    start,
    end,
    windowSeconds: options.query.sinceSeconds,
    metricsUsed: target.kind !== 'function',
    metricErrorCount,
    metricSeriesCapped,
    functionsWithErrors,
    errorLineCount: grouper.lineCount,
    groups,
    toScan: functionNotFound ? 0 : targets.length,
    scanned,
    budgetExpired,
    capped,
    missingLogGroups,
    failures,
    withoutErrorLines,
    functionNotFound,
    ...(allowed.length > 0 ? { functionPrefixes: [...allowed] } : {}),
    calls,
  };
}
