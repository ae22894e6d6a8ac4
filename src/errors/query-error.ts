import { CloudbellError } from '../errors.js';

/**
 * The query could not run at all (the metrics step failed, e.g. AccessDenied or throttled
 * past the budget). `reason` is the AWS error name, safe to show in Slack.
 */
export class ErrorsQueryError extends CloudbellError {
  constructor(
    message: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
