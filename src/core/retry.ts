/**
 * The one retry loop: exponential backoff with full jitter, Retry-After honoured, and never a
 * wait that would end past the caller's deadline. Every retrying call site (Slack posts, AWS
 * JSON calls, throttled CloudWatch reads, DynamoDB batch remainders) goes through it, so the
 * policy is written, tested and documented once.
 */

/** Time as the retry loop sees it; injected so tests run minutes of backoff in no real time. */
export interface RetryClock {
  /** Milliseconds since the epoch (or any origin shared with `deadline`). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const systemRetryClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** What `onRetry` is told before each wait. */
export interface RetryAttempt {
  /** The error that failed the attempt. */
  readonly error: unknown;
  /** Failed attempts so far (1 after the first failure). */
  readonly attempt: number;
  /** How long the loop waits before the next attempt. */
  readonly delayMs: number;
  /** True when the wait is the server's Retry-After rather than backoff. */
  readonly retryAfter: boolean;
}

export interface RetryOptions {
  /** Attempts in all, the first included (1 means no retry). */
  readonly maxAttempts: number;
  /** Backoff base: the n-th retry (0-based) waits `random(0, min(maxDelayMs, baseDelayMs·2^n))`. */
  readonly baseDelayMs: number;
  /** Backoff cap. */
  readonly maxDelayMs: number;
  /** Whether an error is worth another attempt; anything else is thrown at once. */
  readonly retryable: (error: unknown) => boolean;
  /** The server's own wait (Slack's 429 `Retry-After`) in ms, used instead of backoff. */
  readonly retryAfterMs?: (error: unknown) => number | undefined;
  /** Epoch ms (on `clock`) by which the last attempt must be able to finish. */
  readonly deadline?: number;
  /** Time one attempt needs: a retry is made only if `now + delay + reserveMs <= deadline`. */
  readonly reserveMs?: number;
  /** The error to throw when the deadline forbids a retry; the last error by default. */
  readonly onDeadline?: (error: unknown) => unknown;
  /** Told before each wait (for logs, counters, progress lines). */
  readonly onRetry?: (retry: RetryAttempt) => void;
  /**
   * How to wait; `clock.sleep` by default. Delivery passes a channel hold here instead, so a
   * 429 holds the whole channel and the pacer does the waiting before the next attempt.
   */
  readonly wait?: (ms: number) => Promise<void> | void;
  readonly clock?: RetryClock;
  /** Uniform in [0, 1); `Math.random` by default. */
  readonly random?: () => number;
}

/**
 * Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"; the AWS SDKs' standard
 * retry mode): `random(0, min(cap, base·2^retry))`, `retry` counted from 0. Spreading waits
 * over the whole range keeps concurrent invocations from retrying in lockstep.
 *
 * @example
 * ```ts
 * fullJitterDelay(2, 100, 2_000); // somewhere in [0, 400)
 * ```
 */
export function fullJitterDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  return random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
}

/**
 * Calls `call` until it succeeds, the error is not retryable, the attempts run out or the
 * deadline leaves no room for another wait and attempt.
 *
 * @throws the last error (or `onDeadline`'s) when it gives up
 * @example
 * ```ts
 * const item = await retry(() => ddb.call('GetItem', input), {
 *   maxAttempts: 3,
 *   baseDelayMs: 100,
 *   maxDelayMs: 2_000,
 *   retryable: (e) => e instanceof AwsCallError && e.retryable,
 *   deadline: Date.now() + 5_000,
 * });
 * ```
 */
export async function retry<T>(call: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const clock = options.clock ?? systemRetryClock;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!options.retryable(error) || attempt >= options.maxAttempts) throw error;
      const serverWait = options.retryAfterMs?.(error);
      const delayMs =
        serverWait !== undefined
          ? Math.max(0, serverWait)
          : fullJitterDelay(attempt - 1, options.baseDelayMs, options.maxDelayMs, random);
      if (
        options.deadline !== undefined &&
        clock.now() + delayMs + (options.reserveMs ?? 0) > options.deadline
      ) {
        throw options.onDeadline ? options.onDeadline(error) : error;
      }
      options.onRetry?.({ error, attempt, delayMs, retryAfter: serverWait !== undefined });
      await (options.wait ? options.wait(delayMs) : clock.sleep(delayMs));
    }
  }
}
