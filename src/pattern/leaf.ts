/**
 * Leaf matchers: what one entry of a field's value array in a pattern means
 * (`"state": ["running", {"prefix": "stop"}]`), compiled once to a predicate.
 */
import { PatternError } from './error.js';
import { cidrContains, parseCidr, parseIp } from './ip.js';
import { wildcardRegExp } from './wildcard.js';

/** A JSON leaf value of an event. */
export type Leaf = string | number | boolean | null;

/**
 * The leaf values found at one field path, and whether the field exists as a leaf at all
 * (an object is not a leaf; an empty array holds no leaves).
 */
export type FieldTest = (values: readonly Leaf[]) => boolean;

/** Numbers beyond this are rejected by EventBridge's numeric matching. */
const NUMERIC_LIMIT = 5e9;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const lower = (s: string) => s.toLowerCase();

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function requireString(value: unknown, what: string, path: string): string {
  if (typeof value !== 'string')
    throw new PatternError(`${what} needs a string, got ${describe(value)}`, path);
  return value;
}

/** `{"equals-ignore-case": "x"}` nested in prefix/suffix, or a plain string. */
function stringOrIgnoreCase(
  value: unknown,
  what: string,
  path: string,
): { text: string; ignoreCase: boolean } {
  if (typeof value === 'string') return { text: value, ignoreCase: false };
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'equals-ignore-case') {
      return {
        text: requireString(value['equals-ignore-case'], `${what} equals-ignore-case`, path),
        ignoreCase: true,
      };
    }
  }
  throw new PatternError(
    `${what} needs a string or {"equals-ignore-case": string}, got ${describe(value)}`,
    path,
  );
}

function startsWith(value: Leaf, prefix: string, ignoreCase: boolean): boolean {
  if (typeof value !== 'string') return false;
  return ignoreCase ? lower(value).startsWith(lower(prefix)) : value.startsWith(prefix);
}

function endsWith(value: Leaf, suffix: string, ignoreCase: boolean): boolean {
  if (typeof value !== 'string') return false;
  return ignoreCase ? lower(value).endsWith(lower(suffix)) : value.endsWith(suffix);
}

function stringList(value: unknown, what: string, path: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PatternError(`${what} needs at least one value`, path);
  return list.map((v) => requireString(v, what, path));
}

/** The set `anything-but` excludes, as a predicate "is excluded". */
function anythingBut(spec: unknown, path: string): (v: Leaf) => boolean {
  if (typeof spec === 'string' || typeof spec === 'number') return (v) => v === spec;
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw new PatternError('anything-but needs at least one value', path);
    const allStrings = spec.every((s) => typeof s === 'string');
    const allNumbers = spec.every((s) => typeof s === 'number');
    if (!allStrings && !allNumbers) {
      throw new PatternError('anything-but lists must hold only strings or only numbers', path);
    }
    const set = new Set<Leaf>(spec as Leaf[]);
    return (v) => set.has(v);
  }
  if (isPlainObject(spec)) {
    const keys = Object.keys(spec);
    const [op] = keys;
    if (keys.length !== 1 || op === undefined) {
      throw new PatternError(`anything-but takes one operator, got ${describe(spec)}`, path);
    }
    const arg = spec[op];
    switch (op) {
      case 'prefix': {
        const prefix = requireString(arg, 'anything-but prefix', path);
        return (v) => startsWith(v, prefix, false);
      }
      case 'suffix': {
        const suffix = requireString(arg, 'anything-but suffix', path);
        return (v) => endsWith(v, suffix, false);
      }
      case 'equals-ignore-case': {
        const set = new Set(stringList(arg, 'anything-but equals-ignore-case', path).map(lower));
        return (v) => typeof v === 'string' && set.has(lower(v));
      }
      case 'wildcard': {
        const regexps = stringList(arg, 'anything-but wildcard', path).map((w) => wildcardRegExp(w, path));
        return (v) => typeof v === 'string' && regexps.some((r) => r.test(v));
      }
      default:
        throw new PatternError(`unsupported anything-but operator "${op}"`, path);
    }
  }
  throw new PatternError(
    `anything-but needs a string, a number, a list or an operator, got ${describe(spec)}`,
    path,
  );
}

const LOWER_OPS = new Set(['>', '>=']);
const UPPER_OPS = new Set(['<', '<=']);

function numericBound(op: unknown, n: unknown, path: string): { op: string; n: number } {
  if (typeof op !== 'string' || !['<', '<=', '=', '>', '>='].includes(op)) {
    throw new PatternError(`numeric operator must be one of < <= = > >=, got ${describe(op)}`, path);
  }
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new PatternError(`numeric ${op} needs a number`, path);
  if (Math.abs(n) > NUMERIC_LIMIT) throw new PatternError(`numeric value ${n} is outside ±5e9`, path);
  return { op, n };
}

function compare(v: number, { op, n }: { op: string; n: number }): boolean {
  switch (op) {
    case '<':
      return v < n;
    case '<=':
      return v <= n;
    case '>':
      return v > n;
    case '>=':
      return v >= n;
    default:
      return v === n;
  }
}

function numeric(spec: unknown, path: string): (v: Leaf) => boolean {
  if (!Array.isArray(spec) || (spec.length !== 2 && spec.length !== 4)) {
    throw new PatternError(`numeric needs [op, n] or [op, n, op, n], got ${describe(spec)}`, path);
  }
  const bounds = [numericBound(spec[0], spec[1], path)];
  if (spec.length === 4) {
    bounds.push(numericBound(spec[2], spec[3], path));
    const lowerBound = bounds.find((b) => LOWER_OPS.has(b.op));
    const upperBound = bounds.find((b) => UPPER_OPS.has(b.op));
    if (!lowerBound || !upperBound) {
      throw new PatternError('a numeric range needs one lower (> or >=) and one upper (< or <=) bound', path);
    }
    if (lowerBound.n > upperBound.n)
      throw new PatternError('numeric range: the lower bound is above the upper', path);
  }
  return (v) => typeof v === 'number' && bounds.every((b) => compare(v, b));
}

function cidr(spec: unknown, path: string): (v: Leaf) => boolean {
  const text = requireString(spec, 'cidr', path);
  const block = parseCidr(text);
  if (!block) throw new PatternError(`"${text}" is not an IPv4 or IPv6 CIDR block`, path);
  return (v) => {
    if (typeof v !== 'string') return false;
    const ip = parseIp(v);
    return ip !== undefined && cidrContains(block, ip);
  };
}

type Compiled = { kind: 'exists'; present: boolean } | { kind: 'value'; test: (v: Leaf) => boolean };

function compileOne(entry: unknown, path: string): Compiled {
  if (
    entry === null ||
    typeof entry === 'string' ||
    typeof entry === 'number' ||
    typeof entry === 'boolean'
  ) {
    return { kind: 'value', test: (v) => v === entry };
  }
  if (Array.isArray(entry)) throw new PatternError('a value list cannot contain another list', path);
  if (!isPlainObject(entry)) throw new PatternError(`unsupported value ${describe(entry)}`, path);
  const keys = Object.keys(entry);
  const [op] = keys;
  if (keys.length !== 1 || op === undefined) {
    throw new PatternError(`each matcher object takes exactly one operator, got ${describe(entry)}`, path);
  }
  const arg = entry[op];
  switch (op) {
    case 'exists':
      if (typeof arg !== 'boolean') throw new PatternError('exists needs true or false', path);
      return { kind: 'exists', present: arg };
    case 'prefix': {
      const { text, ignoreCase } = stringOrIgnoreCase(arg, 'prefix', path);
      return { kind: 'value', test: (v) => startsWith(v, text, ignoreCase) };
    }
    case 'suffix': {
      const { text, ignoreCase } = stringOrIgnoreCase(arg, 'suffix', path);
      return { kind: 'value', test: (v) => endsWith(v, text, ignoreCase) };
    }
    case 'equals-ignore-case': {
      const text = lower(requireString(arg, 'equals-ignore-case', path));
      return { kind: 'value', test: (v) => typeof v === 'string' && lower(v) === text };
    }
    case 'wildcard': {
      const regexp = wildcardRegExp(requireString(arg, 'wildcard', path), path);
      return { kind: 'value', test: (v) => typeof v === 'string' && regexp.test(v) };
    }
    case 'anything-but': {
      const excluded = anythingBut(arg, path);
      return { kind: 'value', test: (v) => !excluded(v) };
    }
    case 'numeric':
      return { kind: 'value', test: numeric(arg, path) };
    case 'cidr':
      return { kind: 'value', test: cidr(arg, path) };
    default:
      throw new PatternError(
        `unsupported operator "${op}" (supported: prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, cidr, exists)`,
        path,
      );
  }
}

/**
 * Compiles a field's value array. The field matches when any entry matches: an exact value
 * or operator matches when any of the field's leaf values satisfies it; `exists` looks only
 * at whether the field has a leaf value.
 *
 * @example
 * ```ts
 * const test = compileField([{ prefix: 'us-' }, 'eu-west-1'], 'region');
 * test(['us-east-1']); // true
 * ```
 */
export function compileField(entries: unknown, path: string): FieldTest {
  if (!Array.isArray(entries))
    throw new PatternError(`a field's values must be a list, got ${describe(entries)}`, path);
  if (entries.length === 0) throw new PatternError('a field needs at least one value to match', path);
  const compiled = entries.map((e) => compileOne(e, path));
  return (values) =>
    compiled.some((c) =>
      c.kind === 'exists' ? c.present === values.length > 0 : values.some((v) => c.test(v)),
    );
}
