/**
 * A config validation problem in words. Reads the schema it was checked against to name the
 * keys a section knows, so a typo gets a "did you mean".
 */
import type * as z from 'zod/mini';
import { didYouMean } from './did-you-mean.js';

/** A zod issue parsed with `reportInput`: it carries the value that broke it. */
export type Issue = z.core.$ZodIssue & { input?: unknown };

function pathText(path: readonly PropertyKey[]): string {
  return path.length > 0
    ? path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '(top level)';
}

/** Schema types that only wrap another: defaults (`prefault` parses its default through it) and optionals. */
const WRAPPERS = new Set(['default', 'prefault', 'optional']);

/** The schema inside any defaults and optionals around it. */
function unwrapped(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let inner = schema;
  for (;;) {
    const def = inner?._zod.def as { type?: string; innerType?: z.core.$ZodType } | undefined;
    if (def && WRAPPERS.has(def.type ?? '') && def.innerType) inner = def.innerType;
    else return inner;
  }
}

/** The schema under `path` of `root`, through defaults, optionals, arrays and records. */
function schemaAt(root: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let schema = unwrapped(root);
  for (const key of path) {
    const def = schema?._zod.def as {
      type?: string;
      shape?: Record<string, z.core.$ZodType>;
      element?: z.core.$ZodType;
      valueType?: z.core.$ZodType;
    };
    if (def?.type === 'object') schema = def.shape?.[String(key)];
    else if (def?.type === 'array') schema = def.element;
    else if (def?.type === 'record') schema = def.valueType;
    else return undefined;
    schema = unwrapped(schema);
  }
  return schema;
}

/** The keys an object in the config may have at `path`. */
function knownKeys(root: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const def = schemaAt(root, path)?._zod.def as
    | { type?: string; shape?: Record<string, unknown> }
    | undefined;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a section (indented key: value lines)',
  array: 'a list ([a, b] or - lines)',
  boolean: 'true or false',
  string: 'text',
};

/**
 * One config problem as a sentence: the key's path, the value, and what was expected; an
 * unknown key with its likely meaning, or the keys that section knows.
 *
 * @example
 * ```ts
 * describeIssue(configSchema, issue); // 'storm.threshold: 0 is not a whole number ≥ 1'
 * ```
 */
export function describeIssue(root: z.core.$ZodType, issue: Issue): string {
  const path = pathText(issue.path);
  const hasInput = 'input' in issue && issue.input !== undefined;
  const got = hasInput ? `, got ${shown(issue.input)}` : '';
  const custom = issue.message && issue.message !== 'Invalid input' ? issue.message : undefined;
  // "storm.threshold: 0 is not a whole number ≥ 1": the value, then what it should be.
  if (custom && hasInput && issue.code !== 'unrecognized_keys')
    return `${path}: ${shown(issue.input)} is not ${custom}`;
  switch (issue.code) {
    case 'invalid_type':
      if (!hasInput)
        return `${path}: missing (expected ${custom ?? TYPE_NAMES[issue.expected] ?? issue.expected})`;
      return `${path}: expected ${TYPE_NAMES[issue.expected] ?? issue.expected}${got}`;
    case 'unrecognized_keys': {
      const known = knownKeys(root, issue.path);
      const keys = issue.keys.map((key) => {
        const hint = didYouMean(key, known);
        return hint ? `${key} (did you mean ${hint}?)` : key;
      });
      const where = issue.path.length > 0 ? `${path}: ` : '';
      const valid = keys.some((k) => k.includes('did you mean')) ? '' : ` (known keys: ${known.join(', ')})`;
      return `${where}unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}${valid}`;
    }
    case 'invalid_key': {
      const key = issue.path.length > 0 ? String(issue.path.at(-1)) : '';
      const inner = issue.issues[0]?.message;
      return `${pathText(issue.path.slice(0, -1))}: key ${JSON.stringify(key)} is not ${inner && inner !== 'Invalid input' ? inner : 'a valid key'}`;
    }
    case 'invalid_value':
      return `${path}: expected one of ${issue.values.map(String).join(', ')}${got}`;
    default:
      return `${path}: expected ${custom ?? 'a valid value'}${got}`;
  }
}
