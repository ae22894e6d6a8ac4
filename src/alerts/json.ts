/**
 * Compact JSON text and hashes of any JSON value, without recursion.
 *
 * `JSON.parse` builds arrays nested 500,000 deep from a 1 MB body without complaint, but
 * `JSON.stringify`, `structuredClone` and every recursive walk overflow the stack past a few
 * thousand levels (`RangeError: Maximum call stack size exceeded`). Events are untrusted, so
 * everything that walks one goes through this explicit-stack walker: showing is bounded in depth
 * and size, hashing is bounded by the input alone.
 */
import { createHash } from 'node:crypto';

/** A container being written: its entries and how far the walk got. */
interface Frame {
  readonly close: ']' | '}';
  /** Array items, or object keys. */
  readonly keys: readonly string[] | null;
  readonly items: readonly unknown[] | Record<string, unknown>;
  index: number;
  wrote: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** What one leaf writes, or `undefined` when it is skipped inside an object (as JSON.stringify does). */
function leaf(value: unknown, inArray: boolean): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return String(value);
    default:
      if (value === null) return 'null';
      // undefined, functions and symbols: dropped from objects, null in arrays.
      return inArray ? 'null' : undefined;
  }
}

/**
 * Writes `value` as compact JSON through `write`, in the same order and spelling as
 * `JSON.stringify` for JSON values, until `write` returns false. Containers deeper than
 * `maxDepth` are written as `[…]` / `{…}`. Returns false when the walk was stopped or cut.
 */
function walk(value: unknown, maxDepth: number, write: (chunk: string) => boolean): boolean {
  const stack: Frame[] = [];
  let complete = true;
  // The value to write next; `pending` says whether there is one.
  let next: unknown = value;
  let pending = true;
  let inArray = false;
  for (;;) {
    if (pending) {
      pending = false;
      if (isRecord(next)) {
        if (stack.length >= maxDepth) {
          complete = false;
          if (!write(Array.isArray(next) ? '[…]' : '{…}')) return false;
        } else if (Array.isArray(next)) {
          if (!write('[')) return false;
          stack.push({ close: ']', keys: null, items: next, index: 0, wrote: false });
        } else {
          if (!write('{')) return false;
          stack.push({ close: '}', keys: Object.keys(next), items: next, index: 0, wrote: false });
        }
      } else {
        const text = leaf(next, inArray) ?? 'null';
        if (!write(text)) return false;
      }
    }
    const frame = stack[stack.length - 1];
    if (!frame) return complete;
    if (frame.keys === null) {
      const items = frame.items as readonly unknown[];
      if (frame.index >= items.length) {
        stack.pop();
        if (!write(']')) return false;
        continue;
      }
      if (frame.wrote && !write(',')) return false;
      frame.wrote = true;
      next = items[frame.index];
      frame.index += 1;
      inArray = true;
      pending = true;
      continue;
    }
    const record = frame.items as Record<string, unknown>;
    // Skip what JSON.stringify skips (undefined, functions, symbols) without writing a key.
    while (frame.index < frame.keys.length) {
      const key = frame.keys[frame.index] as string;
      if (leaf(record[key], false) !== undefined || isRecord(record[key])) break;
      frame.index += 1;
    }
    if (frame.index >= frame.keys.length) {
      stack.pop();
      if (!write('}')) return false;
      continue;
    }
    const key = frame.keys[frame.index] as string;
    frame.index += 1;
    if (!write(`${frame.wrote ? ',' : ''}${JSON.stringify(key)}:`)) return false;
    frame.wrote = true;
    next = record[key];
    inArray = false;
    pending = true;
  }
}

export interface CompactJsonOptions {
  /** Containers deeper than this are shown as `[…]` / `{…}`. */
  readonly maxDepth?: number;
  /** Stop writing past this many characters. */
  readonly maxChars?: number;
}

export interface CompactJson {
  /** Compact JSON, at most `maxChars` long (plus the last token written). */
  readonly text: string;
  /** False when something was left out: a level past `maxDepth`, or text past `maxChars`. */
  readonly complete: boolean;
  /** True when the text stopped at `maxChars`: its full length is unknown. */
  readonly cut: boolean;
}

/**
 * Compact JSON of any value, bounded in depth and size; never throws, never recurses.
 *
 * @example
 * ```ts
 * compactJson(JSON.parse('['.repeat(5000) + ']'.repeat(5000)), { maxDepth: 3 }).text; // '[[[[…]]]]'
 * ```
 */
export function compactJson(value: unknown, options: CompactJsonOptions = {}): CompactJson {
  const maxDepth = options.maxDepth ?? 32;
  const maxChars = options.maxChars ?? 100_000;
  const parts: string[] = [];
  let length = 0;
  let cut = false;
  const complete = walk(value, maxDepth, (chunk) => {
    if (length + chunk.length > maxChars) {
      // Keep what fits of a long string rather than dropping it whole.
      let room = maxChars - length;
      // Never end on the first half of a surrogate pair.
      const last = chunk.charCodeAt(room - 1);
      if (last >= 0xd800 && last <= 0xdbff) room -= 1;
      if (room > 0) parts.push(chunk.slice(0, room));
      length = maxChars;
      cut = true;
      return false;
    }
    parts.push(chunk);
    length += chunk.length;
    return true;
  });
  return { text: parts.join(''), complete: complete && !cut, cut };
}

/**
 * SHA-256 (hex) of the compact JSON of `value`, as `JSON.stringify` would spell it, at any
 * depth: the same event always gets the same hash.
 *
 * @example
 * ```ts
 * jsonHash({ a: 1 }) === createHash('sha256').update('{"a":1}').digest('hex'); // true
 * ```
 */
export function jsonHash(value: unknown): string {
  const hash = createHash('sha256');
  // Many small updates are slow; feed the hash in chunks of about 64 KB.
  let buffer: string[] = [];
  let size = 0;
  walk(value, Number.POSITIVE_INFINITY, (chunk) => {
    buffer.push(chunk);
    size += chunk.length;
    if (size >= 65_536) {
      hash.update(buffer.join(''));
      buffer = [];
      size = 0;
    }
    return true;
  });
  if (size > 0) hash.update(buffer.join(''));
  return hash.digest('hex');
}
