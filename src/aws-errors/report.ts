/**
 * The result of one /aws-errors query and the sentences every renderer (Slack, CLI) shares:
 * the summary line, the coverage note and the "nothing found" answer.
 */

import { describeWindow } from '../core/duration.js';
import type { ErrorGroup } from './group.js';
import { describeTarget, type ErrorsTarget } from './query-args.js';

export interface ScanProblem {
  readonly functionName: string;
  readonly logGroup?: string;
  /** AWS error code and message (redacted when rendered), or a short phrase. */
  readonly reason: string;
}

export interface ErrorsReport {
  readonly target: ErrorsTarget;
  readonly region: string;
  /** Window, epoch milliseconds. */
  readonly start: number;
  readonly end: number;
  readonly windowSeconds: number;
  /** The metrics step ran (every query except a single named function). */
  readonly metricsUsed: boolean;
  /** Sum of `AWS/Lambda Errors` over the window for the functions in scope (metrics step only). */
  readonly metricErrorCount: number;
  /** The metrics search hit CloudWatch's 500-series cap: some functions may not have been seen. */
  readonly metricSeriesCapped: boolean;
  /** Functions with errors: by metrics, or, for one named function, by its log lines. */
  readonly functionsWithErrors: number;
  /** Error lines classified in the logs. */
  readonly errorLineCount: number;
  readonly groups: readonly ErrorGroup[];
  /** Log groups to read, and how many were read to the end. */
  readonly toScan: number;
  readonly scanned: number;
  /** The time budget ran out before every log group was read. */
  readonly budgetExpired: boolean;
  /** Functions whose scan stopped early (event cap reached). */
  readonly capped: readonly string[];
  readonly missingLogGroups: readonly ScanProblem[];
  readonly failures: readonly ScanProblem[];
  /** Functions the metrics count errors for whose logs held no recognisable error line. */
  readonly withoutErrorLines: readonly string[];
  /** The one named function has no log group in the region (never logged there: most likely no such function). */
  readonly functionNotFound: boolean;
  /** Only functions with these name prefixes were read (config `errors.functions`). */
  readonly functionPrefixes?: readonly string[];
  /** AWS calls made, by API. */
  readonly calls: {
    readonly getMetricData: number;
    readonly filterLogEvents: number;
  };
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Nothing could be read at all (every function failed): never to be reported as "no errors". */
export function nothingRead(report: ErrorsReport): boolean {
  return report.toScan > 0 && report.scanned === 0 && report.failures.length > 0 && !report.budgetExpired;
}

/** Whether the report found anything worth posting. */
export function hasErrors(report: ErrorsReport): boolean {
  return report.groups.length > 0 || report.metricErrorCount > 0;
}

/**
 * One line: "37 errors in 3 functions over the last hour · eu-west-1", or the "nothing found"
 * sentence naming the window and region searched.
 *
 * @example
 * ```ts
 * summaryLine(report); // 'No Lambda errors in eu-west-1 over the last hour.'
 * ```
 */
export function summaryLine(report: ErrorsReport): string {
  const window = describeWindow(report.windowSeconds);
  const scope = report.target.kind === 'all' ? '' : ` (${describeTarget(report.target)})`;
  if (report.functionNotFound && report.target.kind === 'function') {
    return `No function named ${report.target.name} in ${report.region} (no log group ${report.missingLogGroups[0]?.logGroup ?? `/aws/lambda/${report.target.name}`}).`;
  }
  if (!hasErrors(report) && nothingRead(report)) {
    return `Could not read the logs of ${describeTarget(report.target)} in ${report.region}: no answer over ${window}.`;
  }
  if (!hasErrors(report)) {
    if (report.target.kind === 'function')
      return `No errors in ${report.target.name} in ${report.region} over ${window}.`;
    return `No Lambda errors in ${report.region} over ${window}${scope}.`;
  }
  if (report.metricsUsed) {
    return `${plural(report.metricErrorCount, 'error')} in ${plural(report.functionsWithErrors, 'function')} over ${window} · ${report.region}${scope}`;
  }
  return `${plural(report.errorLineCount, 'error line')} in ${describeTarget(report.target)} over ${window} · ${report.region}`;
}

/**
 * What was not covered, honestly: the budget, missing log groups, failures, capped scans.
 * Empty when everything was read.
 *
 * @example
 * ```ts
 * coverageNotes(report); // ['Time budget ran out: 5 of 7 functions scanned.']
 * ```
 */
export function coverageNotes(report: ErrorsReport): string[] {
  const notes: string[] = [];
  if (report.functionPrefixes && report.functionPrefixes.length > 0 && report.target.kind !== 'function') {
    notes.push(
      `Only functions starting with ${report.functionPrefixes.join(', ')} are read (errors.functions).`,
    );
  }
  if (report.budgetExpired) {
    notes.push(`Time budget ran out: ${report.scanned} of ${plural(report.toScan, 'function')} scanned.`);
  } else if (report.scanned < report.toScan) {
    notes.push(`${report.scanned} of ${plural(report.toScan, 'function')} scanned.`);
  }
  if (report.metricSeriesCapped) {
    notes.push(
      'CloudWatch returned 500 functions, the most one metrics search gives: failing functions beyond them may be missing. Narrow with PREFIX* or a function name.',
    );
  }
  if (report.missingLogGroups.length > 0 && !report.functionNotFound) {
    notes.push(
      `No log group for ${report.missingLogGroups.map((m) => `${m.functionName} (${m.logGroup ?? '?'})`).join(', ')}.`,
    );
  }
  if (report.failures.length > 0) {
    notes.push(`Could not read ${report.failures.map((f) => `${f.functionName} (${f.reason})`).join(', ')}.`);
  }
  if (report.capped.length > 0) {
    notes.push(
      // "; " not ": ": a name followed by a colon reads as `name: value` to the last redaction pass.
      `Stopped early at the line limit for ${report.capped.join(', ')}; counts there are lower bounds.`,
    );
  }
  if (report.withoutErrorLines.length > 0) {
    notes.push(
      `Errors counted by CloudWatch but no matching log line in ${report.withoutErrorLines.join(', ')}.`,
    );
  }
  return notes;
}
