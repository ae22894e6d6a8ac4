/**
 * The worker's side of `/aws-errors`: checks the job the slack handler handed over (again: the
 * worker trusts no job it did not check), runs the query and answers on the job's response_url,
 * in place of the "Looking…" message or, for `public`, in the channel. Never throws: a job
 * Lambda retried would run and post twice.
 */
import type { Config } from '../core/config.js';
import { type ErrorsReportMessage, renderErrorsReport } from '../slack/errors-report.js';
import { postToResponseUrl } from '../slack/response-url.js';
import { type ErrorsQueryDeps, queryFailureMessage, runConfiguredQuery } from './configured-query.js';
import { type ErrorsJob, errorsJobSchema } from './errors-job.js';
import { allowedRegions, functionInScope } from './scope.js';

/** response_url stops accepting posts after 30 minutes. */
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export interface AnswerCommandDeps extends ErrorsQueryDeps {
  /** The stack's region: the default of errors.regions. */
  readonly region: string;
}

/**
 * Answers one /aws-errors job (an invoke payload, checked here); a job it refuses is logged
 * and dropped.
 *
 * @example
 * ```ts
 * await answerErrorsCommand(event, deps.config(), deps);
 * ```
 */
export async function answerErrorsCommand(
  event: unknown,
  config: Config,
  deps: AnswerCommandDeps,
): Promise<void> {
  const { logger } = deps;
  const parsed = errorsJobSchema.safeParse(event);
  if (!parsed.success) {
    // Not retryable: Lambda's async retries would only repeat the refusal.
    logger.error('ignored an invalid errors job', { issues: parsed.error.issues.length });
    return;
  }
  // A job queued longer than its response_url lives is not worth running.
  const age = deps.now() - Date.parse(parsed.data.requestedAt);
  if (!(age < RESPONSE_URL_LIFETIME_MS)) {
    logger.warn('dropped an errors job older than its response_url', {
      ageSeconds: Math.round(age / 1000),
    });
    return;
  }
  // Checked again here: the slack handler refuses these, but the worker trusts no job it did not check.
  if (!allowedRegions(config.errors, deps.region).includes(parsed.data.query.region)) {
    logger.warn('ignored an errors job for a region outside errors.regions', {
      region: parsed.data.query.region,
    });
    return;
  }
  const target = parsed.data.query.target;
  const named =
    target.kind === 'function' ? target.name : target.kind === 'prefix' ? target.prefix : undefined;
  if (named !== undefined && !functionInScope(named, config.errors.functions)) {
    // Answering "no errors" for a function it may not read would mislead: refuse instead.
    logger.warn('ignored an errors job for functions outside errors.functions');
    return;
  }
  try {
    await runCommand(parsed.data, config, deps);
  } catch (error) {
    // The query ran; a retry by Lambda would run it again and post twice. Log and stop.
    logger.error('cannot post the errors report', { error: (error as Error).message });
  }
}

/** Runs one checked /aws-errors command and answers on its response_url. */
async function runCommand(job: ErrorsJob, config: Config, deps: ErrorsQueryDeps): Promise<void> {
  const { query: q } = job;
  const { logger } = deps;
  let message: ErrorsReportMessage;
  try {
    const report = await runConfiguredQuery(deps, config, q.target, q.sinceSeconds, q.region);
    message = renderErrorsReport(report, new Date(deps.now()), { redactEmails: config.errors.redactEmails });
    logger.info('errors query done', {
      region: q.region,
      calls: report.calls,
      groups: report.groups.length,
      scanned: report.scanned,
      toScan: report.toScan,
    });
  } catch (error) {
    logger.error('errors query failed', { region: q.region, error: (error as Error).name });
    message = queryFailureMessage(error, q.region, config);
  }
  if (q.public) {
    // An ephemeral "Looking…" cannot become a channel message: remove it, then post in the channel.
    await postToResponseUrl(job.responseUrl, { delete_original: true }).catch((error: unknown) =>
      logger.warn('cannot delete the "Looking…" message', { error: (error as Error).message }),
    );
    await postToResponseUrl(job.responseUrl, {
      response_type: 'in_channel',
      replace_original: false,
      ...message,
    });
  } else {
    await postToResponseUrl(job.responseUrl, {
      response_type: 'ephemeral',
      replace_original: true,
      ...message,
    });
  }
}
