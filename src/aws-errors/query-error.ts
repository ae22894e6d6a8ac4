import { CloudbellError } from '../core/errors.js';

/**
 * The query could not run at all (the metrics step failed, e.g. AccessDenied or throttled
 * past the budget). `reason` is the AWS error name (code), `detail` its message.
 */
export class ErrorsQueryError extends CloudbellError {
  /** The AWS error's own message (first line, truncated), when it gave one. */
  readonly detail: string;

  constructor(
    message: string,
    readonly reason: string,
    options?: ErrorOptions & { detail?: string },
  ) {
    super(message, options);
    this.detail = options?.detail ?? '';
  }
}
