/**
 * The /aws-errors query plan, metrics first, in named steps:
 * 1. {@link findTargets} (metric-targets.ts): unless one function is named, one GetMetricData
 *    SEARCH over `AWS/Lambda Errors` by FunctionName finds the functions with errors;
 * 2. {@link scanFunctionLogs} (log-scan.ts): only their log groups are read with FilterLogEvents
 *    (the default `/aws/lambda/<name>`, or the group config `errors.logGroups` names), bounded
 *    concurrency, throttling retried, a missing log group reported and skipped, every line
 *    redacted before it is classified. No GetFunctionConfiguration: it returns every
 *    environment variable;
 * 3. a time budget: when it runs out the report says how much was covered;
 * 4. {@link summariseScans} and the report: what was read, grouped, and what was not.
 */
import { forEachLimit } from '../core/limit.js';
import { retry } from '../core/retry.js';
import { ErrorGrouper } from './group.js';
import { defaultLogGroup, type FunctionScan, scanFunctionLogs, TimeBudget } from './log-scan.js';
import { findTargets, type Retrying, type Target, type TargetsFound } from './metric-targets.js';
import type { ErrorsQuery } from './query-args.js';
import type { ErrorsPort } from './query-port.js';
import type { ErrorsReport, ScanProblem } from './report.js';
import { isThrottle } from './sdk-errors.js';

export { defaultLogGroup } from './log-scan.js';
export { metricPeriodSeconds, SEARCH_SERIES_LIMIT } from './metric-targets.js';

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

/** Longest backoff between throttled calls (the default 250 ms base reaches 4 s by the fourth retry). */
const RETRY_CAP_MS = 5_000;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What every step of one run shares: its window, budget, retry policy and counters. */
interface QueryRun {
  readonly options: PlanOptions;
  /** Window, epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly budget: TimeBudget;
  readonly retrying: Retrying;
  /** Function name prefixes in scope (config `errors.functions`; empty: all). */
  readonly prefixes: readonly string[];
  /** AWS calls made, by API (every attempt counts). */
  readonly calls: { getMetricData: number; filterLogEvents: number };
  readonly grouper: ErrorGrouper;
}

/** A function's scan as it ended, in the order the scans ended. */
type ScanOutcome = readonly [Target, FunctionScan];

/** The report's account of the log reads. */
interface ScanSummary {
  readonly scanned: number;
  readonly capped: string[];
  readonly missingLogGroups: ScanProblem[];
  readonly failures: ScanProblem[];
  readonly withoutErrorLines: string[];
  readonly functionNotFound: boolean;
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
  const run = startRun(options);
  const found = await findTargets(port, {
    target: options.query.target,
    prefixes: run.prefixes,
    region: options.region,
    start: run.start,
    end: run.end,
    windowSeconds: options.query.sinceSeconds,
    retrying: run.retrying,
    calls: run.calls,
  });
  const outcomes = await scanWithinBudget(port, run, found.targets);
  return buildReport(run, found, summariseScans(outcomes, options.query.target.kind === 'function'));
}

/** The window (ending now unless `options.end`), the deadline and the throttling retries. */
function startRun(options: PlanOptions): QueryRun {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const startedAt = clock();
  const deadline = startedAt + options.budgetMs;
  const end = options.end ?? startedAt;
  const retries = options.retries ?? 4;
  const retryBaseMs = options.retryBaseMs ?? 250;
  const retrying: Retrying = (call) =>
    retry(call, {
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
  return {
    options,
    start: end - options.query.sinceSeconds * 1000,
    end,
    budget: new TimeBudget(deadline, clock),
    retrying,
    prefixes: options.functions ?? [],
    calls: { getMetricData: 0, filterLogEvents: 0 },
    grouper: new ErrorGrouper(),
  };
}

/** Reads the targets' log groups a few at a time; the outcomes come in the order scans ended. */
async function scanWithinBudget(
  port: ErrorsPort,
  run: QueryRun,
  targets: readonly Target[],
): Promise<ScanOutcome[]> {
  const { options } = run;
  const outcomes: ScanOutcome[] = [];
  await forEachLimit(targets, options.concurrency ?? 4, async (target) => {
    const scan = await scanFunctionLogs(port, target, {
      logGroup: options.logGroups?.[target.name] ?? defaultLogGroup(target.name),
      start: run.start,
      end: run.end,
      maxLines: options.maxLinesPerFunction ?? 10_000,
      redactOptions: { emails: options.redactEmails },
      budget: run.budget,
      retrying: run.retrying,
      calls: run.calls,
      grouper: run.grouper,
    });
    outcomes.push([target, scan]);
    options.onProgress?.({ done: outcomes.length, total: targets.length, functionName: target.name });
  });
  return outcomes;
}

/**
 * What the scans covered and what they could not read. One named function without a log group
 * has never logged here: most likely no such function.
 */
function summariseScans(outcomes: readonly ScanOutcome[], namedFunction: boolean): ScanSummary {
  const summary = {
    scanned: 0,
    capped: [] as string[],
    missingLogGroups: [] as ScanProblem[],
    failures: [] as ScanProblem[],
    withoutErrorLines: [] as string[],
    functionNotFound: false,
  };
  for (const [target, scan] of outcomes) {
    switch (scan.kind) {
      case 'budget-expired':
        break;
      case 'missing-log-group':
        if (namedFunction) summary.functionNotFound = true;
        summary.missingLogGroups.push({
          functionName: target.name,
          logGroup: scan.logGroup,
          reason: 'no log group',
        });
        break;
      case 'failed':
        summary.failures.push({ functionName: target.name, logGroup: scan.logGroup, reason: scan.reason });
        break;
      case 'capped':
        summary.capped.push(target.name);
        summary.scanned += 1;
        break;
      case 'complete':
        summary.scanned += 1;
        if (scan.lines === 0 && target.metricErrors > 0) summary.withoutErrorLines.push(target.name);
        break;
    }
  }
  return summary;
}

/** The report: the targets, the groups and the coverage of the reads. */
function buildReport(run: QueryRun, found: TargetsFound, scans: ScanSummary): ErrorsReport {
  const { options, grouper } = run;
  const target = options.query.target;
  const groups = grouper.groups();
  const functionsWithErrors = target.kind === 'function' ? (groups.length > 0 ? 1 : 0) : found.targets.length;
  return {
    target,
    region: options.region,
    start: run.start,
    end: run.end,
    windowSeconds: options.query.sinceSeconds,
    metricsUsed: target.kind !== 'function',
    metricErrorCount: found.metricErrorCount,
    metricSeriesCapped: found.metricSeriesCapped,
    functionsWithErrors,
    errorLineCount: grouper.lineCount,
    groups,
    toScan: scans.functionNotFound ? 0 : found.targets.length,
    scanned: scans.scanned,
    budgetExpired: run.budget.spent,
    capped: scans.capped,
    missingLogGroups: scans.missingLogGroups,
    failures: scans.failures,
    withoutErrorLines: scans.withoutErrorLines,
    functionNotFound: scans.functionNotFound,
    ...(run.prefixes.length > 0 ? { functionPrefixes: [...run.prefixes] } : {}),
    calls: run.calls,
  };
}
