/**
 * The errors-worker's jobs from the buttons (src/actions/jobs.ts): Show errors and Redrive.
 * Wiring only; each job reports in the alert's thread. A job is never retried by Lambda
 * (async retries are off): a failure is reported in the thread and logged.
 */
import { redriveJobSchema, threadErrorsJobSchema, threadNoteJobSchema } from '../actions/jobs.js';
import { runRedrive } from '../actions/redrive.js';
import { showErrors } from '../actions/show-errors.js';
import type { Config } from '../core/config.js';
import { retry } from '../core/retry.js';
import type { WorkerDeps } from './worker-deps.js';

/** How long the worker watches a move task before saying it is still running (its timeout is longer). */
const WATCH_MS = 30_000;

type JobDeps = Pick<WorkerDeps, 'errorsPort' | 'redrivePort' | 'slack' | 'logger' | 'now'>;

function retryAfterSeconds(error: unknown): number | undefined {
  return (error as { retryAfter?: number } | undefined)?.retryAfter;
}

/**
 * Posts a thread note, waiting out Slack's rate limit (Retry-After) up to 5 times: the note is
 * the action's record in the thread.
 */
async function postWithRetry(deps: JobDeps, channel: string, threadTs: string, text: string): Promise<void> {
  let attempts = 1;
  try {
    const client = await deps.slack();
    await retry(
      () =>
        client.chat.postMessage({
          channel,
          thread_ts: threadTs,
          text,
          unfurl_links: false,
          unfurl_media: false,
        }),
      {
        maxAttempts: 5,
        baseDelayMs: 1_000,
        maxDelayMs: 10_000,
        // Only Slack's rate limit is waited out, for its Retry-After (1–10 s).
        retryable: (error) => retryAfterSeconds(error) !== undefined,
        retryAfterMs: (error) => Math.min(10, Math.max(1, retryAfterSeconds(error) ?? 1)) * 1000,
        onRetry: ({ attempt }) => {
          attempts = attempt + 1;
        },
      },
    );
  } catch (error) {
    deps.logger.error('cannot post the thread note', { error: (error as Error).message, attempt: attempts });
  }
}

/**
 * @example
 * ```ts
 * if (isActionJob(event)) await runActionJob(event, config, defaultWorkerDeps());
 * ```
 */
export async function runActionJob(event: unknown, config: Config, deps: JobDeps): Promise<void> {
  const { logger } = deps;
  const errors = threadErrorsJobSchema.safeParse(event);
  if (errors.success) {
    const job = errors.data;
    try {
      const client = await deps.slack();
      await showErrors(
        job,
        config,
        deps.errorsPort(job.region),
        {
          post: async (m) => {
            await client.chat.postMessage({ ...m, unfurl_links: false, unfurl_media: false });
          },
        },
        new Date(deps.now()),
      );
      logger.info('errors shown in thread', { functionName: job.functionName, region: job.region });
    } catch (error) {
      logger.error('cannot post the errors in the thread', { error: (error as Error).message });
    }
    return;
  }
  const noteJob = threadNoteJobSchema.safeParse(event);
  if (noteJob.success) {
    const job = noteJob.data;
    await postWithRetry(deps, job.thread.channelId, job.thread.ts, job.text);
    return;
  }
  const redrive = redriveJobSchema.safeParse(event);
  if (redrive.success) {
    const job = redrive.data;
    try {
      const client = await deps.slack();
      const last = await runRedrive(deps.redrivePort(), {
        queueArn: job.queueArn,
        userId: job.userId,
        post: async (text) => {
          await client.chat.postMessage({
            channel: job.thread.channelId,
            thread_ts: job.thread.ts,
            text,
            unfurl_links: false,
            unfurl_media: false,
          });
        },
        now: deps.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        watchUntil: deps.now() + WATCH_MS,
      });
      logger.info('redrive reported', { queueArn: job.queueArn, status: last?.status ?? 'not started' });
    } catch (error) {
      logger.error('redrive job failed', { queueArn: job.queueArn, error: (error as Error).message });
    }
    return;
  }
  logger.error('ignored an invalid action job', { kind: (event as { kind?: unknown }).kind });
}
