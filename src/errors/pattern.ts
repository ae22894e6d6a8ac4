/**
 * The FilterLogEvents patterns that narrow a scan to likely error lines. They only narrow:
 * `classifyLogLine` decides. Terms are case-sensitive; `?` ORs them.
 */

/** Text log format: Node `ERROR\tInvoke Error`, Python `[ERROR]`, timeouts, crashes, tracebacks. */
export const TEXT_ERROR_PATTERN =
  '?ERROR ?CRITICAL ?"Task timed out" ?"Runtime exited" ?"Runtime.ExitError" ?"Runtime.ImportModuleError" ?Traceback';

/** JSON log format (`LoggingConfig.LogFormat = JSON`): error levels and timed-out or failed invocations. */
export const JSON_ERROR_PATTERN =
  '{ $.level = "ERROR" || $.level = "FATAL" || $.log_level = "ERROR" || $.log_level = "CRITICAL" || $.record.status = "timeout" || $.record.status = "error" || $.record.status = "failure" }';

export type LogFormat = 'Text' | 'JSON';

/**
 * The pattern for a function's log format.
 *
 * @example
 * ```ts
 * errorFilterPattern('JSON'); // '{ $.level = "ERROR" || … }'
 * ```
 */
export function errorFilterPattern(format: LogFormat): string {
  return format === 'JSON' ? JSON_ERROR_PATTERN : TEXT_ERROR_PATTERN;
}
