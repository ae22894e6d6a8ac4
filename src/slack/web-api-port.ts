/**
 * The web-api implementation of delivery's `SlackPort`: every failure becomes a
 * `SlackCallError` with Slack's code and whether a retry can help, so delivery decides about
 * retries, fallbacks and deadlines without knowing the SDK.
 */
import {
  type ChatPostMessageArguments,
  type ChatUpdateArguments,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  type WebClient,
} from '@slack/web-api';
import { SlackCallError, type SlackPort } from '../delivery/slack-port.js';

/** Platform errors Slack documents as transient. */
const TRANSIENT: ReadonlySet<string> = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/**
 * Translates a web-api error. Unknown errors are not retried: retrying a bug wastes the
 * deadline that other alerts need.
 *
 * @example
 * ```ts
 * toSlackCallError('chat.postMessage', new WebAPIRateLimitedError(3)).retryAfterSeconds; // 3
 * ```
 */
export function toSlackCallError(method: string, error: unknown): SlackCallError {
  if (error instanceof WebAPIRateLimitedError) {
    return new SlackCallError(`${method}: rate limited for ${error.retryAfter} s`, 'ratelimited', true, {
      cause: error,
      retryAfterSeconds: error.retryAfter,
    });
  }
  if (error instanceof WebAPIPlatformError) {
    const code = String(error.data.error);
    return new SlackCallError(`${method}: ${code}`, code, TRANSIENT.has(code), { cause: error });
  }
  if (error instanceof WebAPIHTTPError) {
    const retryable = error.statusCode >= 500 || error.statusCode === 408;
    return new SlackCallError(`${method}: HTTP ${error.statusCode}`, `http_${error.statusCode}`, retryable, {
      cause: error,
    });
  }
  if (error instanceof WebAPIRequestError) {
    // Timeouts and connection failures: the request may not have reached Slack.
    const code = error.original.name === 'TimeoutError' ? 'timeout' : 'request_error';
    return new SlackCallError(`${method}: ${code} (${error.original.message})`, code, true, { cause: error });
  }
  // A 429 whose Retry-After is missing or unreadable: web-api throws a plain Error (no type to
  // match, only its message). Still a rate limit: wait Slack's documented 1 s and retry, rather
  // than fail the whole batch on a malformed header.
  if (
    error instanceof Error &&
    /^(A rate limit was exceeded|Retry header did not contain a valid timeout)/.test(error.message)
  ) {
    return new SlackCallError(`${method}: rate limited (no usable Retry-After)`, 'ratelimited', true, {
      cause: error,
      retryAfterSeconds: 1,
    });
  }
  return new SlackCallError(`${method}: ${(error as Error)?.message ?? String(error)}`, 'unknown', false, {
    cause: error,
  });
}

/**
 * @example
 * ```ts
 * const slack = webApiPort(createSlackClient({ token, retries: 0 }));
 * const { channel, ts } = await slack.postMessage(message);
 * ```
 */
export function webApiPort(client: WebClient): SlackPort {
  return {
    async postMessage(message) {
      try {
        // The blocks are @slack/types' own; the cast is for web-api's argument union, which ties
        // `reply_broadcast` to `thread_ts` and text/blocks/attachments in ways a message with
        // optional fields cannot be shown to meet without restating the union here.
        const result = await client.chat.postMessage(message as unknown as ChatPostMessageArguments);
        return { channel: String(result.channel ?? message.channel), ts: String(result.ts) };
      } catch (error) {
        throw toSlackCallError('chat.postMessage', error);
      }
    },
    async update(update) {
      try {
        await client.chat.update(update as unknown as ChatUpdateArguments);
      } catch (error) {
        throw toSlackCallError('chat.update', error);
      }
    },
  };
}
