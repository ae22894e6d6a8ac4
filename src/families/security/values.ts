/** Small readers for the untyped `requestParameters` / `responseElements` of CloudTrail. */

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string (or number/boolean, as text) at `key`, else undefined. Empty strings count as absent. */
export function text(obj: unknown, key: string): string | undefined {
  if (!isObject(obj)) return undefined;
  const v = obj[key];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** The object at a dotted path, or undefined. */
export function at(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const key of path.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** CloudTrail's EC2 lists: `{ items: [...] }`, sometimes a bare array. */
export function items(value: unknown): Json[] {
  const list = isObject(value) ? value.items : value;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** A list of strings, from an array or a single string. */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/** The last segment of an ARN or path ("MyTrail" for ".../trail/MyTrail"). */
export function nameFromArn(value: string): string {
  const slash = value.lastIndexOf('/');
  return value.startsWith('arn:') && slash >= 0 ? value.slice(slash + 1) : value;
}

/** "a, b and c". */
export function listing(values: readonly string[]): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

/** Compact JSON for a fact value (the renderer truncates it). */
export function compactJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** Joins the present parts with spaces: `words('deleted trail', name)` never leaves a gap. */
export function words(...parts: Array<string | undefined | false>): string {
  return parts.filter((w): w is string => typeof w === 'string' && w !== '').join(' ');
}
