/**
 * Posting from the CLI (`send`, `demo`): paced per channel to stay under Slack's
 * ~1 message/second/channel, waiting exactly as long as a 429's `Retry-After` asks, retrying
 * 5xx and timeouts with backoff, and reporting progress — so a demo of fifteen messages
 * arrives whole instead of stopping at the third with "A rate-limit has been reached".
 */

import { CloudbellError } from '../core/errors.js';
import { retry } from '../core/retry.js';
import type { Clock } from '../delivery/clock.js';
import { systemClock } from '../delivery/clock.js';
import { ChannelPacer, DEFAULT_POST_INTERVAL_MS } from '../delivery/pacer.js';
import { SlackCallError, type SlackPort } from '../delivery/slack-port.js';
import type { SlackMessage } from '../slack/message.js';

export interface PosterOptions {
  /** Post everything here instead of each message's routed channel. */
  readonly channel?: string;
  readonly clock?: Clock;
  readonly intervalMs?: number;
  /** Attempts per message for 429s, 5xx and timeouts (default 8). */
  readonly maxAttempts?: number;
  /** A progress line: which message is going out, and every wait Slack asked for. */
  readonly progress?: (line: string, kind: 'posting' | 'waiting') => void;
}

/** What Slack's common refusals mean for someone running the CLI. */
const HINTS: Record<string, string> = {
  not_in_channel: 'invite the bot to the channel (/invite @cloudbell)',
  channel_not_found: 'check the channel id or #name, and invite the bot if it is private',
  invalid_auth: 'SLACK_BOT_TOKEN is not a valid bot token (xoxb-…)',
  not_authed: 'SLACK_BOT_TOKEN is empty',
  missing_scope: 'add the chat:write scope to the Slack app and reinstall it',
  is_archived: 'the channel is archived',
};

/** A post that failed for good; the message says what Slack answered and what to do. */
export class PostError extends CloudbellError {}

/**
 * One poster per CLI run, so pacing carries across every message it posts.
 *
 * @example
 * ```ts
 * const poster = new CliPoster(webApiPort(createSlackClient({ token, retries: 0 })), { progress: (l) => console.error(l) });
 * for (const posted of await poster.postAll(messages)) console.log(posted.channel, posted.ts);
 * ```
 */
export class CliPoster {
  private readonly clock: Clock;
  private readonly pacer: ChannelPacer;
  private readonly maxAttempts: number;

  constructor(
    private readonly slack: SlackPort,
    private readonly options: PosterOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.pacer = new ChannelPacer(this.clock, options.intervalMs ?? DEFAULT_POST_INTERVAL_MS);
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /**
   * Posts `messages` in order; `offset`/`total` only number the progress lines.
   *
   * @throws {PostError} when Slack refuses a message or keeps failing
   */
  async postAll(
    messages: readonly SlackMessage[],
    counter: { offset: number; total: number } = { offset: 0, total: messages.length },
  ): Promise<{ channel: string; ts: string }[]> {
    const out: { channel: string; ts: string }[] = [];
    for (const [i, original] of messages.entries()) {
      const message = this.options.channel ? { ...original, channel: this.options.channel } : original;
      const n = counter.offset + i + 1;
      this.options.progress?.(`posting ${n} of ${counter.total} to ${message.channel}`, 'posting');
      out.push(await this.postOne(message, `${n} of ${counter.total}`));
    }
    return out;
  }

  private async postOne(message: SlackMessage, label: string): Promise<{ channel: string; ts: string }> {
    const pace = message.channel;
    let attempts = 1;
    try {
      return await retry(
        async () => {
          await this.pacer.take(pace);
          return this.slack.postMessage(message);
        },
        {
          maxAttempts: this.maxAttempts,
          baseDelayMs: 500,
          maxDelayMs: 8_000,
          retryable: (error) => error instanceof SlackCallError && error.retryable,
          retryAfterMs: (error) =>
            error instanceof SlackCallError && error.retryAfterSeconds !== undefined
              ? error.retryAfterSeconds * 1000
              : undefined,
          onRetry: ({ error, attempt, delayMs }) => {
            attempts = attempt + 1;
            const failure = error as SlackCallError;
            const why =
              failure.retryAfterSeconds !== undefined
                ? `Slack rate-limited ${pace} (Retry-After: ${failure.retryAfterSeconds} s)`
                : `Slack answered ${failure.code}`;
            this.options.progress?.(
              `${why}; waiting ${Math.ceil(delayMs / 1000)} s before message ${label}`,
              'waiting',
            );
          },
          // The channel is held, not just this message; the next `pacer.take` waits.
          wait: (delayMs) => this.pacer.holdUntil(pace, this.clock.now() + delayMs),
          clock: this.clock,
        },
      );
    } catch (error) {
      if (!(error instanceof SlackCallError)) throw error;
      const hint = HINTS[error.code];
      throw new PostError(
        `message ${label} to ${pace}: Slack answered ${error.code}${hint ? ` — ${hint}` : ''}${error.retryable ? ` (after ${attempts} attempts)` : ''}`,
        { cause: error },
      );
    }
  }
}

/**
 * Writes poster progress to stderr: rewritten in place on a terminal, and only the waits
 * (one line each) when stderr is a file or pipe.
 */
export function progressWriter(stderr: NodeJS.WritableStream): {
  progress: NonNullable<PosterOptions['progress']>;
  done(): void;
} {
  const tty = (stderr as NodeJS.WriteStream).isTTY === true;
  let dirty = false;
  return {
    progress(line, kind) {
      if (tty) {
        stderr.write(`\r\x1b[K${line}`);
        dirty = true;
      } else if (kind === 'waiting') stderr.write(`${line}\n`);
    },
    done() {
      if (dirty) stderr.write('\r\x1b[K');
      dirty = false;
    },
  };
}
