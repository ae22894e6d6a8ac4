/**
 * Lambda `errors-worker`: runs the /aws-errors query plan for a command handed over by the
 * slack handler and posts the report to its response_url; on the schedule, runs the digest
 * and posts it with chat.postMessage (quiet when nothing failed unless configured otherwise).
 * It also runs the buttons' slow work (Show errors, Redrive, rate-limited thread notes:
 * action-jobs.ts) and, once a minute when escalation is configured, the reminder sweep.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { isActionJob } from '../actions/jobs.js';
import { type ErrorsJob, errorsJobSchema, isDigestEvent } from '../aws-errors/errors-job.js';
import { runErrorsQuery } from '../aws-errors/plan.js';
import { ErrorsQueryError } from '../aws-errors/query-error.js';
import { type ErrorsReport, hasErrors } from '../aws-errors/report.js';
import { allowedRegions, functionInScope } from '../aws-errors/scope.js';
import { describeAwsError } from '../aws-errors/sdk-errors.js';
import type { Config } from '../core/config.js';
import { parseDuration } from '../core/duration.js';
import { type ErrorsReportMessage, redactMessage, renderErrorsReport } from '../slack/errors-report.js';
import { postToResponseUrl } from '../slack/response-url.js';
import { safeText } from '../slack/text.js';
import { runActionJob } from './action-jobs.js';
import { isSweepEvent, runEscalationSweep } from './escalation-sweep.js';
import { defaultWorkerDeps, type WorkerDeps } from './worker-deps.js';

const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

async function query(
  deps: WorkerDeps,
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

function failureMessage(error: unknown, region: string, config: Config): ErrorsReportMessage {
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

/** Runs one /aws-errors command and answers on its response_url. */
export async function runCommand(job: ErrorsJob, config: Config, deps: WorkerDeps): Promise<void> {
  const { query: q } = job;
  const { logger } = deps;
  let message: ErrorsReportMessage;
  try {
    const report = await query(deps, config, q.target, q.sinceSeconds, q.region);
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
    message = failureMessage(error, q.region, config);
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

/** Runs the scheduled digest; returns whether a message was posted. */
export async function runDigest(config: Config, deps: WorkerDeps): Promise<boolean> {
  const { logger, region } = deps;
  const digest = config.errors.digest;
  if (!digest.enabled) {
    logger.warn('digest event received but errors.digest.enabled is false');
    return false;
  }
  const sinceSeconds = parseDuration(digest.window) ?? 86_400;
  let message: ErrorsReportMessage;
  try {
    const report = await query(deps, config, { kind: 'all' }, sinceSeconds, region);
    if (!hasErrors(report) && !digest.postWhenEmpty) {
      logger.info('digest: no errors, nothing posted', { region });
      return false;
    }
    message = renderErrorsReport(report, new Date(deps.now()), {
      heading: 'Lambda errors digest',
      redactEmails: config.errors.redactEmails,
    });
  } catch (error) {
    logger.error('digest query failed', { region, error: (error as Error).name });
    message = failureMessage(error, region, config);
  }
  const client = await deps.slack();
  await client.chat.postMessage({
    channel: digest.channel ?? config.slack.defaultChannel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  return true;
}

/**
 * Builds the worker; tests pass their own AWS ports, Slack client and clock.
 *
 * @example
 * ```ts
 * const worker = createErrorsWorkerHandler({ ...defaultWorkerDeps(), errorsPort: () => fakePort });
 * await worker({ kind: 'command', query: { … }, responseUrl: 'https://hooks.slack.com/commands/…', … }, context);
 * ```
 */
export function createErrorsWorkerHandler(deps: WorkerDeps) {
  const { logger } = deps;
  const worker = async (event: unknown): Promise<void> => {
    const config = deps.config();
    const region = deps.region;
    if (isSweepEvent(event)) {
      await runEscalationSweep(config, deps);
      return;
    }
    if (isActionJob(event)) {
      await runActionJob(event, config, deps);
      return;
    }
    if (isDigestEvent(event)) {
      await runDigest(config, deps);
      return;
    }
    const parsed = errorsJobSchema.safeParse(event);
    if (!parsed.success) {
      // Not retryable: Lambda's async retries would only repeat the refusal.
      logger.error('ignored an invalid errors job', { issues: parsed.error.issues.length });
      return;
    }
    // response_url stops accepting posts after 30 minutes; a job queued longer is not worth running.
    const age = deps.now() - Date.parse(parsed.data.requestedAt);
    if (!(age < RESPONSE_URL_LIFETIME_MS)) {
      logger.warn('dropped an errors job older than its response_url', {
        ageSeconds: Math.round(age / 1000),
      });
      return;
    }
    // Checked again here: the slack handler refuses these, but the worker trusts no job it did not check.
    if (!allowedRegions(config.errors, region).includes(parsed.data.query.region)) {
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
  };
  return middy(worker).use(injectLambdaContext(logger));
}

/** The deployed worker: its clients are built on first use. */
export const handler = createErrorsWorkerHandler(defaultWorkerDeps());
