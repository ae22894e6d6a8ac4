/**
 * Client-side classification of Lambda log lines. The FilterLogEvents pattern only narrows
 * the scan ("ERROR" also matches "0 ERRORS found"); this decides what is really an error and
 * what its type and message are, for the Node.js and Python runtimes in text and JSON format.
 */

/** One error found in a log event. */
export interface ErrorLine {
  /** `TypeError`, `Runtime.ExitError`, `Task timed out`, `Logged error`… */
  readonly type: string;
  /** The error message, first line only. */
  readonly message: string;
  readonly requestId?: string;
}

/** Known error types from the runtime, for readers of the report. */
export const ErrorTypes = {
  timeout: 'Task timed out',
  exit: 'Runtime.ExitError',
  logged: 'Logged error',
} as const;

const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z`;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Node.js text format: `time \t requestId \t LEVEL \t message`. */
const NODE_TEXT = new RegExp(String.raw`^(${ISO})\t(${UUID}|undefined)\t([A-Z]+)\t([\s\S]*)$`);
/** Python text format: `[LEVEL] \t time \t requestId \t message`. */
const PYTHON_TEXT = new RegExp(String.raw`^\[([A-Z]+)\]\t(${ISO})\t(${UUID}|\S*)\t([\s\S]*)$`);
/** Python's unhandled-exception line: `[ERROR] KeyError: 'user_id'\nTraceback…`. */
const PYTHON_UNHANDLED = /^\[(ERROR|CRITICAL)\] ([A-Za-z_][\w.]*)(?:: ?([^\n]*))?/;
/** `Task timed out after 3.00 seconds`, with or without the time/requestId prefix. */
const TIMEOUT = new RegExp(String.raw`^(?:${ISO}\s+)?(?:(${UUID})\s+)?(Task timed out after [\d.]+ seconds)`);
const RUNTIME_EXIT = new RegExp(
  String.raw`^(?:${ISO}\s+)?(?:RequestId: (${UUID}) )?(?:${UUID} )?Error: (Runtime exited (?:with error: [^\n]*|without providing a reason))`,
);
/** Runtime bookkeeping lines that mention errors but are not errors themselves. */
const PLATFORM =
  /^(START|END|REPORT|INIT_START|INIT_REPORT|RESTORE_START|RESTORE_REPORT|EXTENSION|TELEMETRY) /;
const ERROR_LEVELS = new Set(['ERROR', 'FATAL', 'CRITICAL']);
/** `2025-11-18 10:01:33 <id> ERROR Handler - msg`, `level=ERROR msg=…`: ERROR as one of the first four tokens. */
const LEVEL_TOKEN =
  /^(?:\S+\s+){0,3}?(?:\[?(?:ERROR|FATAL)\]?|level=(?:ERROR|error|FATAL|fatal))[\s:|-]+(.+)$/;

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.trim();
}

/** "TypeError: boom" → { type: TypeError, message: boom } when the text starts with an error class. */
function splitErrorClass(text: string): { type: string; message: string } | undefined {
  const match = /^([A-Za-z_$][\w$.]*(?:Error|Exception|Exit|Rejection|Fault|Timeout))(?::\s*([^\n]*))?/.exec(
    text.trim(),
  );
  if (!match?.[1]) return undefined;
  return { type: match[1], message: (match[2] ?? '').trim() };
}

/** The last `Type: message` line of a Python traceback. */
function tracebackTail(text: string): { type: string; message: string } | undefined {
  const lines = text.split('\n').map((l) => l.trimEnd());
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] ?? '';
    if (line === '' || /^\s/.test(line) || line.startsWith('Traceback')) continue;
    return splitErrorClass(line) ?? undefined;
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Node.js `Invoke Error`/`Uncaught Exception` payload: `{"errorType","errorMessage","stack"}`. */
function fromErrorJson(text: string, requestId: string | undefined): ErrorLine | undefined {
  const at = text.indexOf('{');
  if (at < 0) return undefined;
  try {
    const payload = asRecord(JSON.parse(text.slice(at)));
    const type = str(payload?.errorType);
    if (!type) return undefined;
    return {
      type,
      message: firstLine(str(payload?.errorMessage) ?? ''),
      ...(requestId ? { requestId } : {}),
    };
  } catch {
    return undefined;
  }
}

function fromJsonLog(record: Record<string, unknown>): ErrorLine | undefined {
  // Lambda's JSON system logs: a timed-out or crashed invocation ends with a platform.report.
  if (record.type === 'platform.report') {
    const r = asRecord(record.record);
    const requestId = str(r?.requestId);
    const extra = requestId ? { requestId } : {};
    if (r?.status === 'timeout') return { type: ErrorTypes.timeout, message: 'Task timed out', ...extra };
    if (r?.status === 'error' || r?.status === 'failure') {
      return {
        type: str(r.errorType) ?? ErrorTypes.exit,
        message: `Invocation ended with status ${String(r.status)}`,
        ...extra,
      };
    }
    return undefined;
  }
  const level = str(record.level) ?? str(record.log_level) ?? str(record.levelname);
  // Java and .NET runtimes log an unhandled exception as a bare {"errorMessage","errorType"} object.
  if (!level && str(record.errorType)) {
    return { type: str(record.errorType) ?? '', message: firstLine(str(record.errorMessage) ?? '') };
  }
  if (!level || !ERROR_LEVELS.has(level.toUpperCase())) return undefined;
  const requestId = str(record.requestId) ?? str(record.AWSRequestId) ?? str(record.aws_request_id);
  const extra = requestId ? { requestId } : {};
  const nested = asRecord(record.message);
  const type = str(record.errorType) ?? str(nested?.errorType);
  const message =
    str(record.errorMessage) ?? str(nested?.errorMessage) ?? str(record.message) ?? str(record.msg);
  if (type) return { type, message: firstLine(message ?? ''), ...extra };
  const text = message ?? JSON.stringify(record.message ?? '');
  const split = splitErrorClass(text);
  return split
    ? { ...split, message: firstLine(split.message), ...extra }
    : { type: ErrorTypes.logged, message: firstLine(text), ...extra };
}

function fromLogged(text: string, rawRequestId: string | undefined): ErrorLine {
  // Errors at init are logged with the literal request id "undefined".
  const requestId = rawRequestId && rawRequestId !== 'undefined' ? rawRequestId : undefined;
  const extra = requestId ? { requestId } : {};
  const invoke = /^(Invoke Error|Uncaught Exception|Unhandled Promise Rejection)\s*\t?/.exec(text);
  if (invoke) {
    const parsed = fromErrorJson(text.slice(invoke[0].length), requestId);
    if (parsed) return { ...parsed, ...extra };
  }
  const tail = text.includes('Traceback (most recent call last)') ? tracebackTail(text) : undefined;
  if (tail) return { type: tail.type, message: firstLine(text), ...extra };
  const split = splitErrorClass(text);
  if (split) return { type: split.type, message: firstLine(split.message), ...extra };
  return { type: ErrorTypes.logged, message: firstLine(text), ...extra };
}

/**
 * Classifies one log event: an {@link ErrorLine} when it records an error, `undefined` for
 * anything else (INFO lines mentioning "ERROR", REPORT lines, warnings).
 *
 * @example
 * ```ts
 * classifyLogLine('2024-05-14T10:21:36.460Z 3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b Task timed out after 3.00 seconds');
 * // { type: 'Task timed out', message: 'Task timed out after 3.00 seconds', requestId: '3f0c8f0e-…' }
 * ```
 */
export function classifyLogLine(raw: string): ErrorLine | undefined {
  const text = raw.replace(/\r?\n$/, '');
  if (PLATFORM.test(text)) return undefined;

  if (text.startsWith('{')) {
    try {
      const record = asRecord(JSON.parse(text));
      if (record) return fromJsonLog(record);
    } catch {
      // Not JSON after all (a cut line): fall through to the text formats.
    }
  }

  const timeout = TIMEOUT.exec(text);
  if (timeout?.[2])
    return {
      type: ErrorTypes.timeout,
      message: timeout[2],
      ...(timeout[1] ? { requestId: timeout[1] } : {}),
    };

  const exit = RUNTIME_EXIT.exec(text);
  if (exit?.[2])
    return { type: ErrorTypes.exit, message: exit[2], ...(exit[1] ? { requestId: exit[1] } : {}) };

  const node = NODE_TEXT.exec(text);
  if (node) {
    const [, , requestId, level = '', message = ''] = node;
    return ERROR_LEVELS.has(level) ? fromLogged(message, requestId) : undefined;
  }

  const python = PYTHON_TEXT.exec(text);
  if (python) {
    const [, level = '', , requestId, message = ''] = python;
    return ERROR_LEVELS.has(level) ? fromLogged(message, requestId || undefined) : undefined;
  }

  const unhandled = PYTHON_UNHANDLED.exec(text);
  if (unhandled?.[2]) return { type: unhandled[2], message: (unhandled[3] ?? '').trim() };

  if (text.startsWith('Traceback (most recent call last)')) {
    const tail = tracebackTail(text);
    return tail ? { type: tail.type, message: firstLine(tail.message) } : { type: 'Traceback', message: '' };
  }

  // Other runtimes' loggers (Java log4j, Go slog, .NET): the level among the first few tokens.
  const generic = LEVEL_TOKEN.exec(firstLine(text));
  if (generic?.[1]) {
    const message = generic[1].trim();
    const split = splitErrorClass(message);
    return split ? { ...split, message: firstLine(split.message) } : { type: ErrorTypes.logged, message };
  }
  return undefined;
}
