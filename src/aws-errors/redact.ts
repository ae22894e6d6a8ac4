/**
 * Redaction of secrets before anything leaves AWS. Log lines are written by application code
 * and routinely carry credentials by accident, often wrapped: a stringified object inside a
 * JSON log record, Go's `\u003d`, a URL-encoded query string. So a line is decoded as far as
 * it goes and redacted at every layer:
 *
 * 1. JSON (a whole line, or the JSON tail of a Node `Invoke Error` line) is parsed and walked:
 *    values under secret-named keys are replaced, every string is redacted as text, and a
 *    string holding JSON is parsed and walked in turn; the line is written back as JSON so
 *    the classifier still reads it.
 * 2. Text is redacted, then decoded one step (`\"`, `\\`, `\uXXXX`, `\xHH`, `%XX`) and redacted
 *    again, until nothing decodes further. When a deeper layer hid something, the decoded,
 *    redacted text is returned (its escapes would only hide the secret again).
 *
 * The rendered Slack report, the digest and the CLI table go through {@link redactDeep} once
 * more before they are sent or printed (defence in depth).
 */
import { applySecretRules, isSecretName, mayHoldSecret, REDACTED } from './secret-patterns.js';

/** Whether a field name says its value is a secret (generic messages hide such fields whole). */
export { isSecretName };

export interface RedactOptions {
  /** Also hide e-mail addresses (config `errors.redactEmails`, on by default). */
  readonly emails: boolean;
}

/** Stringified JSON inside JSON inside …: deeper than this is left to the text layers. */
const MAX_JSON_DEPTH = 6;
/** Escape layers undone at most (double-escaped is 2; more is unusual). */
const MAX_DECODE_LAYERS = 6;

const ENCODED = /\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|["\\/bfnrt])|%[0-9A-Fa-f]{2}/;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Undoes one level of JSON/Go/Python string escapes and URL-encoding; tolerant of stray `\` and `%`. */
function decodeOnce(text: string): string {
  let out = text;
  if (out.includes('\\')) {
    out = out.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|["\\/bfnrt])/g, (_m, e: string) =>
      e.length > 1 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e),
    );
  }
  if (out.includes('%')) {
    out = out.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        // Not UTF-8 (a lone %FF): decode byte by byte as Latin-1 so the ASCII parts still show.
        return m.replace(/%([0-9A-Fa-f]{2})/g, (_x, h: string) =>
          String.fromCharCode(Number.parseInt(h, 16)),
        );
      }
    });
  }
  return out;
}

/**
 * Redacts plain text at every decoding layer.
 *
 * @example
 * ```ts
 * redactText('password\\u003dhunter2', { emails: true }); // 'password=[REDACTED]'
 * ```
 */
export function redactText(text: string, options: RedactOptions): string {
  if (!mayHoldSecret(text)) return text;
  const first = applySecretRules(text, options.emails);
  // Only escapes that can hide a secret's characters start the decoding layers.
  if (!ENCODED.test(first)) return first;
  let current = first;
  let deeperHit = false;
  for (let layer = 0; layer < MAX_DECODE_LAYERS; layer += 1) {
    const decoded = decodeOnce(current);
    if (decoded === current) break;
    const redacted = applySecretRules(decoded, options.emails);
    if (redacted !== decoded) deeperHit = true;
    current = redacted;
  }
  return deeperHit ? current : first;
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  return (t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'));
}

/** Walks a parsed JSON value; returns the same reference when nothing changed. */
function walk(value: unknown, options: RedactOptions, depth: number): unknown {
  if (typeof value === 'string') return redactString(value, options, depth);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = walk(item, options, depth);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [rawKey, item] of Object.entries(value)) {
      // A key is text too (`{"AKIA…": …}` happens when a map is keyed by credentials).
      const key = redactText(rawKey, options);
      if (key !== rawKey) changed = true;
      let next: unknown;
      if (
        isSecretName(rawKey) &&
        item !== null &&
        item !== '' &&
        item !== REDACTED &&
        typeof item !== 'boolean'
      ) {
        next = REDACTED;
      } else {
        next = walk(item, options, depth);
      }
      if (next !== item) changed = true;
      out[key] = next;
    }
    return changed ? out : value;
  }
  return value;
}

/** `JSON.parse`, or `undefined` for text that is not JSON. */
function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** A string value: JSON inside it is parsed and walked, anything else is redacted as text. */
function redactString(value: string, options: RedactOptions, depth: number): string {
  const parsed = depth < MAX_JSON_DEPTH && looksLikeJson(value) ? parseJson(value) : undefined;
  if (!parsed) return redactText(value, options);
  // Every string inside is redacted by the walk; re-stringified only when something changed,
  // so untouched lines keep their exact bytes.
  const walked = walk(parsed.value, options, depth + 1);
  return walked === parsed.value ? value : JSON.stringify(walked);
}

/**
 * Hides secrets in one log line (or any text), at every layer; a JSON line stays JSON.
 *
 * @example
 * ```ts
 * redact('connecting to postgres://app:hunter2@db:5432', { emails: true });
 * // 'connecting to postgres://app:[REDACTED]@db:5432'
 * redact('{"message":"{\\"password\\":\\"hunter2\\"}"}', { emails: true });
 * // '{"message":"{\\"password\\":\\"[REDACTED]\\"}"}'
 * ```
 */
export function redact(text: string, options: RedactOptions): string {
  if (!mayHoldSecret(text)) return text;
  if (looksLikeJson(text)) return redactString(text, options, 0);
  // A text line with a JSON tail: Node's `… ERROR\tInvoke Error \t{"errorType":…}`.
  const brace = text.indexOf('{');
  if (brace > 0 && text.trimEnd().endsWith('}')) {
    const tail = parseJson(text.slice(brace));
    if (tail) {
      const walked = walk(tail.value, options, 1);
      const json = walked === tail.value ? text.slice(brace) : JSON.stringify(walked);
      return `${redactText(text.slice(0, brace), options)}${json}`;
    }
  }
  return redactText(text, options);
}

/**
 * Redacts every string inside a value (a Slack message, a report) and returns a copy;
 * object keys are kept and not judged (a Block Kit field or a report's `signature` is not a secret).
 *
 * @example
 * ```ts
 * const safe = redactDeep({ text, blocks }, { emails: true });
 * ```
 */
export function redactDeep<T>(value: T, options: RedactOptions): T {
  if (typeof value === 'string') return redact(value, options) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, options)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, options);
    return out as T;
  }
  return value;
}
