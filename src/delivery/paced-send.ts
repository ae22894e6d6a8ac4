/**
 * One message to Slack, as reliably as the deadline allows: paced per channel, retried on
 * 5xx, timeouts and 429 (after Retry-After), and degraded rather than lost when Slack
 * refuses the payload or the channel.
 */
import { retry } from '../core/retry.js';
import type { SlackMessage } from '../slack/message.js';
import { redirectedMessage } from '../slack/redirected-message.js';
import type { DeliveryRuntime } from './runtime.js';
import {
  CHANNEL_UNUSABLE,
  type MessageUpdate,
  PAYLOAD_REJECTED,
  type PostedMessage,
  SlackCallError,
} from './slack-port.js';

/** The run's deadline came before Slack answered: the record goes back to the queue. */
export class DeadlineError extends SlackCallError {
  constructor(what: string, cause?: unknown) {
    super(`${what}: no time left before the Lambda deadline`, 'deadline', true, cause ? { cause } : {});
  }
}

/** One Slack call, paced per channel and retried on 5xx, timeouts and 429 within the deadline. */
function paced<T>(rt: DeliveryRuntime, pace: string, method: string, call: () => Promise<T>): Promise<T> {
  const { clock, pacer, retry: policy, stats } = rt;
  return retry(
    async () => {
      const turn = await pacer.take(pace, rt.deadline - policy.attemptBudgetMs, rt.slots);
      if (turn === undefined) throw new DeadlineError(method);
      try {
        return await call();
      } catch (error) {
        stats.slackErrors += 1;
        throw error instanceof SlackCallError
          ? error
          : new SlackCallError(String(error), 'unknown', false, { cause: error });
      }
    },
    {
      maxAttempts: policy.maxAttempts,
      baseDelayMs: policy.baseDelayMs,
      maxDelayMs: policy.maxDelayMs,
      // The pacer's own deadline refusal is final, not another failed attempt.
      retryable: (error) =>
        error instanceof SlackCallError && error.retryable && !(error instanceof DeadlineError),
      retryAfterMs: (error) =>
        error instanceof SlackCallError && error.retryAfterSeconds !== undefined
          ? error.retryAfterSeconds * 1000
          : undefined,
      deadline: rt.deadline,
      reserveMs: policy.attemptBudgetMs,
      onDeadline: (error) => new DeadlineError(method, error),
      onRetry: ({ error, attempt, delayMs }) => {
        rt.log.warn('Slack call failed; retrying', {
          method,
          code: (error as SlackCallError).code,
          attempt,
          delayMs: Math.round(delayMs),
          channel: pace,
        });
        stats.slackRetries += 1;
      },
      // A 429 holds the whole channel back, not just this message; the next attempt's
      // `pacer.take` does the waiting.
      wait: (delayMs) => pacer.holdUntil(pace, clock.now() + delayMs),
      clock,
    },
  );
}

/**
 * Posts with pacing and bounded retries. `pace` is the key the channel is paced under (the
 * configured channel name; Slack's id would split the budget of one channel in two).
 *
 * @throws {SlackCallError} Slack's last error, or a `DeadlineError`
 * @example
 * ```ts
 * const { channel, ts } = await postPaced(runtime, message, '#aws-alerts');
 * ```
 */
export function postPaced(rt: DeliveryRuntime, message: SlackMessage, pace: string): Promise<PostedMessage> {
  return paced(rt, pace, 'chat.postMessage', async () => {
    const posted = await rt.slack.postMessage(message);
    rt.stats.messages += 1;
    return posted;
  });
}

/**
 * `chat.update` of one of cloudbell's messages, paced and retried like a post (a growing
 * storm digest is edited once per batch, and edits share the channel's budget).
 *
 * @example
 * ```ts
 * await updatePaced(runtime, { channel: 'C0ALERTS', ts, text, blocks }, '#aws-alerts');
 * ```
 */
export function updatePaced(rt: DeliveryRuntime, update: MessageUpdate, pace: string): Promise<void> {
  return paced(rt, pace, 'chat.update', () => rt.slack.update(update));
}

/**
 * `updatePaced`, sent again as plain text without blocks or attachments when Slack refuses
 * the payload (`invalid_blocks`, `msg_too_long`…): the edit degrades rather than fails.
 *
 * @example
 * ```ts
 * await updateOrPlain(runtime, { channel: 'C0ALERTS', ts, text, blocks }, '#aws-alerts');
 * ```
 */
export async function updateOrPlain(
  rt: DeliveryRuntime,
  update: MessageUpdate,
  pace: string,
  plainText: string = update.text,
): Promise<void> {
  try {
    await updatePaced(rt, update, pace);
  } catch (error) {
    if (!(error instanceof SlackCallError && PAYLOAD_REJECTED.has(error.code))) throw error;
    await updatePaced(rt, { channel: update.channel, ts: update.ts, text: plainText, blocks: [] }, pace);
  }
}

export interface SendOptions {
  /** The configured channel the message is for (pacing key and the note's subject). */
  readonly channel: string;
  /** Where messages go when `channel` is unusable. */
  readonly defaultChannel: string;
  /** The smallest form of the same message, for when Slack refuses the rich one. */
  readonly minimal: () => SlackMessage;
}

/** Where a message landed and what was actually sent (after any fallback). */
export interface SentMessage extends PostedMessage {
  readonly message: SlackMessage;
}

/**
 * `postPaced` plus the two fallbacks: a refused payload (`invalid_blocks`, `msg_too_long`…)
 * is sent again as the minimal message; an unusable channel (`channel_not_found`,
 * `not_in_channel`) sends it to the default channel with a note naming the missing one
 * (`src/slack/redirected-message.ts`).
 *
 * @example
 * ```ts
 * await send(runtime, message, { channel: '#payments', defaultChannel: '#aws-alerts', minimal: () => minimalMessage(alert, destination) });
 * ```
 */
export async function send(
  rt: DeliveryRuntime,
  message: SlackMessage,
  options: SendOptions,
): Promise<SentMessage> {
  let current = message;
  let pace = options.channel;
  let degraded = false;
  let movedFor: string | undefined;
  const redirect = { channel: options.channel, defaultChannel: options.defaultChannel };
  for (;;) {
    try {
      const posted = await postPaced(rt, current, pace);
      return { ...posted, message: current };
    } catch (error) {
      if (!(error instanceof SlackCallError)) throw error;
      if (PAYLOAD_REJECTED.has(error.code) && !degraded) {
        degraded = true;
        rt.log.warn('Slack refused the message; sending the minimal form', {
          code: error.code,
          channel: pace,
        });
        const minimal = options.minimal();
        current = {
          ...minimal,
          channel: current.channel,
          ...(current.thread_ts ? { thread_ts: current.thread_ts } : {}),
          ...(current.reply_broadcast !== undefined ? { reply_broadcast: current.reply_broadcast } : {}),
        };
        if (movedFor) current = redirectedMessage(current, { ...redirect, code: movedFor });
        continue;
      }
      if (CHANNEL_UNUSABLE.has(error.code) && !movedFor && options.channel !== options.defaultChannel) {
        movedFor = error.code;
        rt.log.warn('channel unusable; posting to the default channel', {
          code: error.code,
          channel: options.channel,
          defaultChannel: options.defaultChannel,
        });
        current = redirectedMessage(current, { ...redirect, code: error.code });
        pace = options.defaultChannel;
        continue;
      }
      throw error;
    }
  }
}
