/**
 * An EventBridge event-pattern matcher, so the Lambda classifies CloudTrail events with the
 * very patterns deployed as EventBridge rules. Implements the documented semantics: fields
 * AND, values in a list OR, array event values match when any element matches, nested
 * objects, exact strings/numbers/booleans/null, `prefix`, `suffix` (both with an
 * `equals-ignore-case` form), `equals-ignore-case`, `wildcard`, `anything-but` (value, list,
 * `prefix`, `suffix`, `equals-ignore-case`, `wildcard`), `numeric`, `cidr` (IPv4 and IPv6),
 * `exists` and `$or`.
 */
import { compileObject, type NodeTest } from './compile.js';

export type { NodeTest } from './compile.js';
export { PatternError } from './error.js';

/** Compiled patterns, keyed by the pattern object itself (catalogue patterns live forever). */
const cache = new WeakMap<object, NodeTest>();

/**
 * Compiles and validates a pattern once; the returned function tests events.
 *
 * @throws {PatternError} naming the field path and the unsupported or malformed part
 * @example
 * ```ts
 * const isRunning = compilePattern({ detail: { state: ['running'] } });
 * isRunning({ detail: { state: 'running' } }); // true
 * ```
 */
export function compilePattern(pattern: unknown): NodeTest {
  if (typeof pattern === 'object' && pattern !== null) {
    const hit = cache.get(pattern);
    if (hit) return hit;
    const compiled = compileObject(pattern, '');
    cache.set(pattern, compiled);
    return compiled;
  }
  return compileObject(pattern, '');
}

/**
 * Throws a clear error when the pattern uses an operator or shape EventBridge does not
 * accept (or this matcher does not implement).
 *
 * @throws {PatternError}
 * @example
 * ```ts
 * validatePattern({ detail: { state: [{ contains: 'run' }] } });
 * // PatternError: detail.state: unsupported operator "contains" (…)
 * ```
 */
export function validatePattern(pattern: unknown): void {
  compilePattern(pattern);
}

/**
 * Whether `event` matches `pattern` the way EventBridge decides it.
 *
 * @throws {PatternError} when the pattern itself is invalid
 * @example
 * ```ts
 * matchesPattern({ source: ['aws.signin'], detail: { eventName: ['ConsoleLogin'] } }, event); // true
 * ```
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern)(event);
}
