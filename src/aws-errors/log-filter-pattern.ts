/**
 * The FilterLogEvents patterns that narrow a scan to likely error lines. They only narrow:
 * `classifyLogLine` decides. Terms are case-sensitive; `?` ORs them.
 */

/** Text log format: Node `ERROR\tInvoke Error`, Python `[ERROR]`, timeouts, crashes, tracebacks. */
export const TEXT_ERROR_PATTERN =
  '?ERROR ?CRITICAL ?"Task timed out" ?"Runtime exited" ?"Runtime.ExitError" ?"Runtime.ImportModuleError" ?Traceback';

/**
 * One pattern for both log formats, since the format is no longer read from the function's
 * settings: plain terms match the raw text of JSON lines too (`"level":"ERROR"` contains
 * `ERROR`), and `timeout`/`failure`/`errorType` catch the JSON `platform.report` of a timed-out
 * or crashed invocation. It only narrows; `classifyLogLine` tells the formats apart per line.
 */
export const ERROR_PATTERN = `${TEXT_ERROR_PATTERN} ?FATAL ?timeout ?failure ?errorType`;
