/**
 * Time as delivery sees it. Injected so that tests and the storm benchmark run minutes of
 * Slack outage and rate limiting in milliseconds of real time.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * The real clock.
 *
 * @example
 * ```ts
 * await systemClock.sleep(1_000);
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
