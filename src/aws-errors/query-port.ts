/**
 * What the query plan needs from AWS, as an interface: the adapters in src/aws implement it
 * with SDK v3 clients, tests and benchmarks with stand-ins. One method is one API call. There
 * is deliberately no call that reads a function's configuration (it carries its environment).
 * What a failed call's error means (throttling, not found, its safe name) is sdk-errors.ts.
 */
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
}
