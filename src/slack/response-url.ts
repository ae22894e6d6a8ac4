/**
 * Posting to a slash command's `response_url` (up to 5 posts within 30 minutes). Plain fetch:
 * the worker needs no Slack SDK for this.
 */
import { SlackDeliveryError } from '../core/errors.js';
import { retry } from '../core/retry.js';
import type { Block } from './message.js';

export interface ResponseUrlMessage {
  readonly response_type?: 'ephemeral' | 'in_channel';
  readonly replace_original?: boolean;
  readonly delete_original?: boolean;
  readonly text?: string;
  readonly blocks?: Block[];
}

/**
 * Posts `message` to `url`, retrying once on a network error or a 5xx.
 *
 * @throws {SlackDeliveryError} when Slack refuses it or cannot be reached
 * @example
 * ```ts
 * await postToResponseUrl(job.responseUrl, { replace_original: true, text, blocks });
 * ```
 */
export async function postToResponseUrl(
  url: string,
  message: ResponseUrlMessage,
  timeoutMs = 5_000,
): Promise<void> {
  await retry(
    async () => {
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (cause) {
        throw new SlackDeliveryError(`cannot reach response_url: ${(cause as Error).name}`, 'network', true, {
          cause,
        });
      }
      if (response.ok) return;
      throw new SlackDeliveryError(
        `response_url answered ${response.status} ${text.slice(0, 100)}`,
        String(response.status),
        response.status >= 500,
      );
    },
    {
      maxAttempts: 2,
      baseDelayMs: 200,
      maxDelayMs: 200,
      retryable: (error) => error instanceof SlackDeliveryError && error.retryable,
    },
  );
}
