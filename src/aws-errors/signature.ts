/**
 * Error signatures: the same failure with different ids, numbers or values must land in one
 * group, so the variable parts of a message are replaced by placeholders.
 */

const MAX_SIGNATURE_MESSAGE = 300;

/** Ordered: the most specific shapes first, so a UUID is not eaten digit by digit. */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // ISO-8601 and "2024-05-14 10:21:33,456" (Python logging) timestamps.
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  // X-Ray trace ids.
  [/\b1-[0-9a-f]{8}-[0-9a-f]{24}\b/gi, '<id>'],
  // "RequestId: …", "request id abc123": whatever the id looks like.
  [/\b(request[ _-]?id)(["']?\s*[:=]?\s*["']?)[A-Za-z0-9-]{6,}/gi, '$1$2<id>'],
  // Quoted values: 'user_id', "ord-123".
  [/'[^'\n]{0,200}'/g, "'<str>'"],
  [/"[^"\n]{0,200}"/g, '"<str>"'],
  // Hex runs (hashes, object ids, addresses), 0x-prefixed or 8+ hex digits with at least one digit.
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<hex>'],
  // Long upper-case alphanumeric ids (S3/DynamoDB request ids) with at least one digit.
  [/\b(?=[A-Z0-9]*\d)[A-Z0-9]{16,}\b/g, '<id>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<ip>'],
  // Numbers last: counts, durations, ports.
  [/\b\d+(?:\.\d+)?\b/g, '<n>'],
];

/**
 * Replaces timestamps, UUIDs, request ids, quoted values, hex and numbers by placeholders,
 * collapses whitespace and keeps the first 300 characters.
 *
 * @example
 * ```ts
 * normaliseMessage("Task timed out after 3.00 seconds"); // 'Task timed out after <n> seconds'
 * normaliseMessage("KeyError: 'user_id'"); // "KeyError: '<str>'"
 * ```
 */
export function normaliseMessage(message: string): string {
  let out = message;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, ' ').trim().slice(0, MAX_SIGNATURE_MESSAGE);
}

/**
 * The grouping key: function, error type and normalised message.
 *
 * @example
 * ```ts
 * errorSignature('checkout-api', 'TypeError', "Cannot read properties of undefined (reading 'id')");
 * ```
 */
export function errorSignature(functionName: string, type: string, message: string): string {
  return `${functionName}\u0000${type}\u0000${normaliseMessage(message)}`;
}
