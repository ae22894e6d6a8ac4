/**
 * What the query plan needs from AWS, as an interface: the adapters in src/aws implement it
 * with SDK v3 clients, tests and benchmarks with stand-ins. One method is one API call.
 */
import type { LogFormat } from './pattern.js';

export interface MetricSeries {
  readonly functionName: string;
  readonly values: readonly number[];
}

export interface MetricPage {
  readonly series: readonly MetricSeries[];
  readonly nextToken?: string;
}

export interface LogEvent {
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly message: string;
}

export interface LogPage {
  readonly events: readonly LogEvent[];
  readonly nextToken?: string;
}

export interface FunctionLogging {
  readonly logGroup: string;
  readonly logFormat: LogFormat;
}

export interface ErrorsPort {
  /** One GetMetricData page of `AWS/Lambda Errors` by FunctionName (Sum per period). */
  errorMetrics(input: {
    readonly start: Date;
    readonly end: Date;
    readonly periodSeconds: number;
    readonly nextToken?: string;
  }): Promise<MetricPage>;
  /** One FilterLogEvents page. */
  logEvents(input: {
    readonly logGroupName: string;
    readonly start: number;
    readonly end: number;
    readonly filterPattern: string;
    readonly nextToken?: string;
  }): Promise<LogPage>;
  /** GetFunctionConfiguration's LoggingConfig (log group and format). */
  functionLogging(functionName: string): Promise<FunctionLogging>;
}

/** AWS error names meaning "slow down" across CloudWatch, Logs and Lambda. */
const THROTTLE_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
]);

interface AwsLikeError {
  name?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** Whether an error from a port call is throttling (retry later). */
export function isThrottle(error: unknown): boolean {
  const e = (error ?? {}) as AwsLikeError;
  return (
    (typeof e.name === 'string' && THROTTLE_NAMES.has(e.name)) ||
    e.$retryable?.throttling === true ||
    e.$metadata?.httpStatusCode === 429
  );
}

/** Whether an error says the log group or function does not exist. */
export function isNotFound(error: unknown): boolean {
  const e = (error ?? {}) as AwsLikeError;
  return e.name === 'ResourceNotFoundException';
}

/** The error's name for a report ("AccessDeniedException"), never its message (it may quote ARNs or data). */
export function errorName(error: unknown): string {
  const e = (error ?? {}) as AwsLikeError;
  return typeof e.name === 'string' && e.name !== '' ? e.name : 'Error';
}
