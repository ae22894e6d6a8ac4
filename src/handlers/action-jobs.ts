/**
 * The errors-worker's jobs from the buttons (src/actions/jobs.ts): Show errors and Redrive.
 * Wiring only; each job reports in the alert's thread. A job is never retried by Lambda
 * (async retries are off): a failure is reported in the thread and logged.
 */
import { redriveJobSchema, threadErrorsJobSchema, threadNoteJobSchema } from '../actions/jobs.js';
import { type RedrivePort, runRedrive } from '../actions/redrive.js';
import { showErrors } from '../actions/show-errors.js';
import { slackSecret } from '../aws/secrets.js';
import { sqsRedrivePort } from '../aws/sqs.js';
import type { ErrorsPort } from '../aws-errors/port.js';
import type { Config } from '../core/config.js';
import { retry } from '../core/retry.js';
import { createSlackClient } from '../slack/client.js';
import type { Block } from '../slack/message.js';

function log(level: 'INFO' | 'WARN' | 'ERROR', message: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level, message, service: 'cloudbell-actions', ...extra }));
}

/** How long the worker watches a move task before saying it is still running (its timeout is longer). */
const WATCH_MS = 30_000;

/** Tests replace SQS. */
let redrivePort: () => RedrivePort = () => sqsRedrivePort({ requestTimeoutMs: 5_000 });
export function setRedrivePortFactory(factory: (() => RedrivePort) | undefined): void {
  redrivePort = factory ?? (() => sqsRedrivePort({ requestTimeoutMs: 5_000 }));
}

async function threadPoster(): Promise<
  (m: { channel: string; thread_ts: string; text: string; blocks?: Block[] }) => Promise<void>
> {
  const { botToken } = await slackSecret(['botToken']);
  const client = createSlackClient({ token: botToken });
  return async (m) => {
    await client.chat.postMessage({ ...m, unfurl_links: false, unfurl_media: false });
  };
}

function retryAfterSeconds(error: unknown): number | undefined {
  return (error as { retryAfter?: number } | undefined)?.retryAfter;
}

/**
 * Posts a thread note, waiting out Slack's rate limit (Retry-After) up to 5 times: the note is
 * the action's record in the thread.
 */
async function postWithRetry(channel: string, threadTs: string, text: string): Promise<void> {
  const { botToken } = await slackSecret(['botToken']);
  const client = createSlackClient({ token: botToken });
  let attempts = 1;
  try {
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
    log('ERROR', 'cannot post the thread note', { error: (error as Error).message, attempt: attempts });
  }
}

/**
 * @example
 * ```ts
 * if (isActionJob(event)) await runActionJob(event, config, (region) => awsErrorsPort({ region }));
 * ```
 */
export async function runActionJob(
  event: unknown,
  config: Config,
  portFor: (region: string) => ErrorsPort,
): Promise<void> {
  const errors = threadErrorsJobSchema.safeParse(event);
  if (errors.success) {
    const job = errors.data;
    const { botToken } = await slackSecret(['botToken']);
    const client = createSlackClient({ token: botToken });
    try {
      await showErrors(
        job,
        config,
        portFor(job.region),
        {
          post: async (m) => {
            await client.chat.postMessage({ ...m, unfurl_links: false, unfurl_media: false });
          },
        },
        new Date(),
      );
      log('INFO', 'errors shown in thread', { functionName: job.functionName, region: job.region });
    } catch (error) {
      log('ERROR', 'cannot post the errors in the thread', { error: (error as Error).message });
    }
    return;
  }
  const noteJob = threadNoteJobSchema.safeParse(event);
  if (noteJob.success) {
    const job = noteJob.data;
    await postWithRetry(job.thread.channelId, job.thread.ts, job.text);
    return;
  }
  const redrive = redriveJobSchema.safeParse(event);
  if (redrive.success) {
    const job = redrive.data;
    try {
      const post = await threadPoster();
      const last = await runRedrive(redrivePort(), {
        queueArn: job.queueArn,
        userId: job.userId,
        post: (text) => post({ channel: job.thread.channelId, thread_ts: job.thread.ts, text }),
        now: Date.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        watchUntil: Date.now() + WATCH_MS,
      });
      log('INFO', 'redrive reported', { queueArn: job.queueArn, status: last?.status ?? 'not started' });
    } catch (error) {
      log('ERROR', 'redrive job failed', { queueArn: job.queueArn, error: (error as Error).message });
    }
    return;
  }
  log('ERROR', 'ignored an invalid action job', { kind: (event as { kind?: unknown }).kind });
}
