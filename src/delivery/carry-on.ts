/**
 * "Log, count and carry on": the one shape of every failure delivery survives on purpose (a
 * table read, an actions lookup, a cosmetic Slack edit, a hook). The alert matters more than
 * what failed beside it, so the failure is logged (and counted where a metric watches it) and
 * the run goes on with a safe fallback.
 */
import type { DeliveryLog, DeliveryRuntime, DeliveryStats } from './runtime.js';

/** How one survivable failure is reported. */
export interface Survivable {
  /** The log line, saying what happens instead ("…; posting as routed"). */
  readonly message: string;
  /** `error` unless the loss is cosmetic. */
  readonly level?: keyof DeliveryLog & ('error' | 'warn');
  /** Logged after the error's message. */
  readonly fields?: Record<string, unknown>;
  /** The counter (published as a metric) one such failure adds to. */
  readonly count?: keyof DeliveryStats;
}

/**
 * Runs `attempt`; when it throws, logs `{ error: message, ...fields }` at the given level,
 * counts it, and returns `fallback` instead.
 *
 * @example
 * ```ts
 * const recent = await carryOn(rt, { message: 'could not count the storm window; using this batch alone' },
 *   () => store.countInWindow(channel, count, now, windowSeconds, token), count);
 * ```
 */
export async function carryOn<T>(
  rt: Pick<DeliveryRuntime, 'log' | 'stats'>,
  failure: Survivable,
  attempt: () => T | Promise<T>,
  fallback: T,
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (failure.count) rt.stats[failure.count] += 1;
    rt.log[failure.level ?? 'error'](failure.message, {
      error: (error as Error).message,
      ...failure.fields,
    });
    return fallback;
  }
}
