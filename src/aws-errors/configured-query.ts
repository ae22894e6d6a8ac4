/**
 * One /aws-errors query run the way the worker runs it — under the config's time budget,
 * redaction, log groups and function scope — and the message that says why a query failed.
 * Shared by the command's answer (answer-command.ts) and the scheduled digest
 * (scheduled-digest.ts).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../core/config.js';
import { type ErrorsReportMessage, redactMessage } from '../slack/errors-report.js';
import { safeText } from '../slack/text.js';
import type { ErrorsJob } from './errors-job.js';
import { runErrorsQuery } from './plan.js';
import { ErrorsQueryError } from './query-error.js';
import type { ErrorsPort } from './query-port.js';
import type { ErrorsReport } from './report.js';
import { describeAwsError } from './sdk-errors.js';

/** What running a query takes: the reads in a region, the function's Logger, a clock. */
export interface ErrorsQueryDeps {
  /** The /aws-errors reads in one region. */
  readonly errorsPort: (region: string) => ErrorsPort;
  readonly logger: Logger;
  readonly now: () => number;
}

/**
 * @example
 * ```ts
 * const report = await runConfiguredQuery(deps, config, { kind: 'all' }, 3600, 'eu-west-1');
 * ```
 */
export function runConfiguredQuery(
  deps: Pick<ErrorsQueryDeps, 'errorsPort'>,
  config: Config,
  target: ErrorsJob['query']['target'],
  sinceSeconds: number,
  region: string,
): Promise<ErrorsReport> {
  return runErrorsQuery(deps.errorsPort(region), {
    query: { target, sinceSeconds },
    region,
    budgetMs: config.errors.budgetSeconds * 1000,
    redactEmails: config.errors.redactEmails,
    logGroups: config.errors.logGroups,
    functions: config.errors.functions,
  });
}

/** The answer when a query failed: what AWS said (escaped, truncated, redacted) and the role it needs. */
export function queryFailureMessage(error: unknown, region: string, config: Config): ErrorsReportMessage {
  // The AWS error code and its message (AWS's words may quote ARNs and input: escaped, truncated
  // and redacted like any other text from AWS); an unexpected error is named by code only.
  const reason =
    error instanceof ErrorsQueryError
      ? `${error.reason}${error.detail ? `: ${error.detail}` : ''}`
      : `an internal error: ${describeAwsError(error).code}`;
  const text = `❌ Could not read Lambda errors in ${region} (${reason}). The worker's role needs cloudwatch:GetMetricData and logs:FilterLogEvents on the function log groups.`;
  return redactMessage(
    {
      text: safeText(text, 700),
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: safeText(text, 700) } }],
    },
    config.errors.redactEmails,
  );
}
