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

/**
 * Walks `value` with nested arrays flattened (EventBridge matches inside arrays at any depth),
 * with an explicit stack: event arrays can be nested far deeper than the call stack allows.
 */
function flatten(value: unknown, visit: (item: unknown) => void): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      // Reversed onto the stack so items are visited in order.
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    } else {
      visit(item);
    }
  }
}

/** The leaf values of an event field: arrays are flattened; objects are not leaves. */
function leavesOf(value: unknown): Leaf[] {
  const out: Leaf[] = [];
  if (value === undefined) return out;
  flatten(value, (item) => {
    if (item === null || typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      out.push(item);
    }
  });
  return out;
}

/** Array elements (nested arrays flattened) that a nested pattern is tried against. */
function elementsOf(value: unknown): unknown[] {
  const out: unknown[] = [];
  flatten(value, (item) => out.push(item));
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
