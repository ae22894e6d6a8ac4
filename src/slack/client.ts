/**
 * The Slack Web API client: a bounded retry policy and a request timeout, because web-api's
 * default (10 retries over ~30 minutes) outlives any Lambda. `SLACK_API_URL` points it at a
 * stand-in for tests.
 */
import { LogLevel, WebClient } from '@slack/web-api';

export interface SlackClientOptions {
  readonly token: string;
  /** Base URL ending in `/api/`; defaults to `SLACK_API_URL` or Slack's. */
  readonly apiUrl?: string;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
  /** Retries inside one call for network errors and 5xx (429s are handled by the caller's deadline). */
  readonly retries?: number;
}

/**
 * @example
 * ```ts
 * const client = createSlackClient({ token: secret.botToken });
 * await client.chat.postMessage(message);
 * ```
 */
export function createSlackClient(options: SlackClientOptions): WebClient {
  const apiUrl = options.apiUrl ?? process.env.SLACK_API_URL;
  return new WebClient(options.token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    timeout: options.timeoutMs ?? 5_000,
    retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
    // The caller decides what to do with a 429 within its own deadline.
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
  });
}
