/**
 * Compiles a whole event pattern: fields AND, nested objects, `$or`, and array-consistent
 * matching (fields of one nested pattern must match inside the same array element, as
 * EventBridge does).
 */
import { PatternError } from './error.js';
import { compileField, type Leaf } from './leaf.js';

/** A compiled pattern (or sub-pattern), tested against one JSON node of the event. */
export type NodeTest = (node: unknown) => boolean;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function childOf(node: unknown, key: string): unknown {
  return isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

/** The leaf values of an event field: arrays are flattened; objects are not leaves. */
function leavesOf(value: unknown, out: Leaf[] = []): Leaf[] {
  if (value === undefined) return out;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainObject(item)) leavesOf(item, out);
    return out;
  }
  if (isPlainObject(value)) return out;
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    out.push(value);
  }
  return out;
}

/** Array elements (nested arrays flattened) that a nested pattern is tried against. */
function elementsOf(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) {
    for (const item of value) elementsOf(item, out);
  } else {
    out.push(value);
  }
  return out;
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * Compiles a pattern object.
 *
 * @throws {PatternError} for anything EventBridge would reject or cloudbell cannot evaluate
 * @example
 * ```ts
 * const test = compileObject({ detail: { state: ['running'] } }, '');
 * test({ detail: { state: 'running' } }); // true
 * ```
 */
export function compileObject(pattern: unknown, path: string): NodeTest {
  if (!isPlainObject(pattern))
    throw new PatternError(`a pattern must be a JSON object, got ${describe(pattern)}`, path);
  const keys = Object.keys(pattern);
  if (keys.length === 0) throw new PatternError('an empty pattern object matches nothing', path);
  const tests: NodeTest[] = keys.map((key) => {
    const value = pattern[key];
    const childPath = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isPlainObject)) {
        throw new PatternError('$or needs a list of at least two pattern objects', childPath);
      }
      const alternatives = value.map((alt, i) => compileObject(alt, `${childPath}[${i}]`));
      return (node) => alternatives.some((alt) => alt(node));
    }
    if (Array.isArray(value)) {
      const field = compileField(value, childPath);
      return (node) => field(leavesOf(childOf(node, key)));
    }
    if (isPlainObject(value)) {
      const nested = compileObject(value, childPath);
      return (node) => {
        const elements = elementsOf(childOf(node, key));
        // An empty array has no element, but a nested `exists: false` must still hold.
        return elements.length === 0 ? nested(undefined) : elements.some((el) => nested(el));
      };
    }
    throw new PatternError(`must be a list of values or a nested pattern, got ${describe(value)}`, childPath);
  });
  return (node) => tests.every((test) => test(node));
}
