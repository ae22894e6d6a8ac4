/**
 * Step 2 of the /aws-errors plan: one function's error lines from its log group, with
 * FilterLogEvents and one pattern that narrows both log formats (the format is told apart per
 * line when classifying). Every page is read, including empty ones with a nextToken; the scan
 * stops at the time budget or the line cap. Every line is redacted before it is classified, so
 * nothing unredacted reaches a group.
 */
import { classifyLogLine, type ErrorLine } from './classify.js';
import type { ErrorGrouper } from './group.js';
import { ERROR_PATTERN } from './log-filter-pattern.js';
import type { Retrying, Target } from './metric-targets.js';
import type { ErrorsPort } from './query-port.js';
import { type RedactOptions, redact } from './redact.js';
import { describeAwsError, isNotFound, isThrottle } from './sdk-errors.js';

/** How one function's scan ended. */
export type FunctionScan =
  /** The budget ran out before or during the scan: it counts as not read. */
  | { readonly kind: 'budget-expired' }
  | { readonly kind: 'missing-log-group'; readonly logGroup: string }
  | { readonly kind: 'failed'; readonly logGroup: string; readonly reason: string }
  /** The line cap was reached: the function's counts are lower bounds. */
  | { readonly kind: 'capped' }
  | { readonly kind: 'complete'; readonly lines: number };

/** The time budget of a query: once `expired()` said yes it keeps saying yes. */
export class TimeBudget {
  readonly #deadline: number;
  readonly #clock: () => number;
  #expired = false;

  constructor(deadline: number, clock: () => number) {
    this.#deadline = deadline;
    this.#clock = clock;
  }

  /** Checks the clock against the deadline. */
  expired(): boolean {
    if (this.#clock() >= this.#deadline) this.#expired = true;
    return this.#expired;
  }

  /** Whether a check found the budget spent (without looking at the clock again). */
  get spent(): boolean {
    return this.#expired;
  }
}

export interface LogScanInput {
  readonly logGroup: string;
  /** Window, epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly maxLines: number;
  readonly redactOptions: RedactOptions;
  readonly budget: TimeBudget;
  readonly retrying: Retrying;
  /** Counted once per FilterLogEvents attempt. */
  readonly calls: { filterLogEvents: number };
  /** Where the function's error lines go, as they are read. */
  readonly grouper: ErrorGrouper;
}

/** Default log group of a function without a custom `LoggingConfig.LogGroup`. */
export function defaultLogGroup(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/**
 * A log line as an error line, redacted, or undefined when it is not an error. Classifying
 * decodes once more (the JSON payload of an Invoke Error), so its output is redacted too.
 *
 * @example
 * ```ts
 * redactedErrorLine('2024-05-14T10:21:33.456Z\tabc\tERROR\tInvoke Error\t{…}', { emails: true });
 * ```
 */
export function redactedErrorLine(message: string, options: RedactOptions): ErrorLine | undefined {
  const classified = classifyLogLine(redact(message, options));
  if (!classified) return undefined;
  return {
    ...classified,
    type: redact(classified.type, options),
    message: redact(classified.message, options),
  };
}

/**
 * Reads one function's log group page by page into `input.grouper`; never throws for a missing
 * group or a failed call (the result says which).
 *
 * @example
 * ```ts
 * const scan = await scanFunctionLogs(port, { name: 'checkout-api', metricErrors: 3 }, input);
 * ```
 */
export async function scanFunctionLogs(
  port: ErrorsPort,
  target: Target,
  input: LogScanInput,
): Promise<FunctionScan> {
  if (input.budget.expired()) return { kind: 'budget-expired' };
  const { logGroup } = input;
  let lines = 0;
  let nextToken: string | undefined;
  do {
    if (input.budget.expired()) return { kind: 'budget-expired' };
    const token = nextToken;
    let page: Awaited<ReturnType<ErrorsPort['logEvents']>>;
    try {
      page = await input.retrying(() => {
        input.calls.filterLogEvents += 1;
        return port.logEvents({
          logGroupName: logGroup,
          start: input.start,
          end: input.end,
          filterPattern: ERROR_PATTERN,
          ...(token ? { nextToken: token } : {}),
        });
      });
    } catch (error) {
      if (isNotFound(error)) return { kind: 'missing-log-group', logGroup };
      return {
        kind: 'failed',
        logGroup,
        reason: isThrottle(error) ? 'throttled' : describeAwsError(error).text,
      };
    }
    for (const event of page.events) {
      const line = redactedErrorLine(event.message, input.redactOptions);
      if (!line) continue;
      input.grouper.add(target.name, logGroup, line, event.timestamp);
      lines += 1;
      if (lines >= input.maxLines) return { kind: 'capped' };
    }
    // An empty page with a nextToken is normal: FilterLogEvents stops at 1 MB scanned, not at a match.
    nextToken = page.nextToken;
  } while (nextToken);
  return { kind: 'complete', lines };
}
