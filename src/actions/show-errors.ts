/**
 * Show errors: the /aws-errors engine for one alarm's Lambda function over the alarm's window,
 * answered in the alert's thread (grouped, redacted, within Slack's limits), by the worker.
 */

import { runErrorsQuery } from '../aws-errors/plan.js';
import { ErrorsQueryError } from '../aws-errors/query-error.js';
import type { ErrorsPort } from '../aws-errors/query-port.js';
import type { Config } from '../core/config.js';
import { renderErrorsReport } from '../slack/errors-report.js';
import type { Block } from '../slack/message.js';
import type { ThreadErrorsJob } from './jobs.js';

export interface ThreadPoster {
  post(message: { channel: string; thread_ts: string; text: string; blocks: Block[] }): Promise<void>;
}

/**
 * @example
 * ```ts
 * await showErrors(job, config, awsErrorsPort({ region: job.region }), slack, new Date());
 * ```
 */
export async function showErrors(
  job: ThreadErrorsJob,
  config: Pick<Config, 'errors'>,
  port: ErrorsPort,
  slack: ThreadPoster,
  now: Date,
): Promise<void> {
  let message: { text: string; blocks: Block[] };
  try {
    const report = await runErrorsQuery(port, {
      query: { target: { kind: 'function', name: job.functionName }, sinceSeconds: job.sinceSeconds },
      region: job.region,
      budgetMs: config.errors.budgetSeconds * 1000,
      redactEmails: config.errors.redactEmails,
    });
    // The heading is escaped like all report text; the thread note already says who asked.
    message = renderErrorsReport(report, now, { heading: 'Errors behind this alarm' });
  } catch (error) {
    const reason = error instanceof ErrorsQueryError ? error.reason : 'an internal error';
    const text = `❌ Could not read the errors of ${job.functionName} in ${job.region} (${reason}). The worker's role needs cloudwatch:GetMetricData, logs:FilterLogEvents and lambda:GetFunctionConfiguration.`;
    message = { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  await slack.post({ channel: job.thread.channelId, thread_ts: job.thread.ts, ...message });
}
