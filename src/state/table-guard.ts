/**
 * The table's share of one invocation. Alerts matter more than dedupe and threads: the table
 * may spend at most a bounded share of the delivery time, each call gets a timeout derived from
 * what is left (as an `AbortSignal`, which stops the SDK's retries too), and once the table has
 * failed like an unavailable one (a timeout, a refused or reset connection, throttling or a 5xx
 * after the SDK's own retry) the guard says so at once for the rest of the invocation instead of
 * letting every later call wait out its own timeout. Delivery then posts without dedupe and
 * threads, logging and counting each such post (`StateUnavailable`).
 */
import { isConditionFailed, StateUnavailableError } from './table-errors.js';

export interface TableGuardOptions {
  /** Real-time milliseconds the table may be waited on in this invocation, in total. */
  readonly budgetMs: number;
  /** The most one call (with its retries) may take. */
  readonly callTimeoutMs: number;
  /** Milliseconds of delivery time left, as the handler's clock sees it. */
  readonly deliveryLeftMs: () => number;
  /** Kept for the posts themselves: a table call never eats into this part of the delivery time. */
  readonly reserveMs: number;
  /** Real time, for the waiting the budget counts (tests may pass a fake). */
  readonly now?: () => number;
}

/** The budget for an invocation with `remainingMs` to go, as notify sets it. */
export function tableGuardFor(remainingMs: number, deliveryLeftMs: () => number): TableGuard {
  return new TableGuard({
    // A third of the invocation, never more than 8 s: with a 30 s Lambda a hung table costs at
    // most ~3 s (one call timeout) and the posts keep the rest.
    budgetMs: Math.min(8_000, remainingMs / 3),
    callTimeoutMs: 3_000,
    deliveryLeftMs,
    reserveMs: 3_000,
  });
}

const UNAVAILABLE_NAMES = new Set([
  'AbortError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'NetworkingError',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True for failures that say "the table is not answering", not "this request was wrong". */
export function looksUnavailable(error: unknown): boolean {
  if (error instanceof StateUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  if (UNAVAILABLE_NAMES.has(e.name)) return true;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  // Without an HTTP status, nothing answered: a transport failure.
  return status === undefined ? !isConditionFailed(error) : status >= 500;
}

/**
 * @example
 * ```ts
 * const guard = tableGuardFor(context.getRemainingTimeInMillis(), () => deadline - clock.now());
 * const { Item } = await guard.run('read thread', (abortSignal) => ddb.call('GetItem', input, { abortSignal }));
 * ```
 */
export class TableGuard {
  private spentMs = 0;
  private inFlight = 0;
  private since = 0;
  private reason: string | undefined;
  private readonly now: () => number;

  constructor(private readonly options: TableGuardOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Why the table was given up on in this invocation, if it was. */
  get unavailable(): string | undefined {
    return this.reason;
  }

  /** Gives up on the table for the rest of the invocation. */
  giveUp(reason: string): void {
    this.reason ??= reason;
  }

  private spent(): number {
    return this.spentMs + (this.inFlight > 0 ? this.now() - this.since : 0);
  }

  /**
   * Runs one table call with its timeout.
   *
   * @throws {StateUnavailableError} when the table is given up on, before or because of this call
   */
  async run<T>(what: string, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.reason) throw new StateUnavailableError(`${what}: table unavailable (${this.reason})`);
    const o = this.options;
    const timeout = Math.min(o.callTimeoutMs, o.budgetMs - this.spent(), o.deliveryLeftMs() - o.reserveMs);
    if (timeout <= 0) {
      this.giveUp('its share of the invocation is spent');
      throw new StateUnavailableError(`${what}: table unavailable (${this.reason})`);
    }
    if (this.inFlight++ === 0) this.since = this.now();
    try {
      return await call(AbortSignal.timeout(Math.ceil(timeout)));
    } catch (error) {
      if (looksUnavailable(error)) {
        this.giveUp(`${what} failed: ${(error as Error).name}`);
        throw new StateUnavailableError(`${what}: table unavailable (${this.reason})`, { cause: error });
      }
      throw error;
    } finally {
      if (--this.inFlight === 0) this.spentMs += this.now() - this.since;
    }
  }
}
