import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.json` file under the given folders (recursively), as [relative path, parsed value]. */
export function jsonFiles(...dirs: string[]): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) out.push([path, JSON.parse(readFileSync(path, 'utf8'))]);
    }
  };
  for (const dir of dirs) walk(dir);
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Every variant of `value` in which one string leaf has `payload` appended. Strings that
 * hold JSON (SQS bodies, SNS messages, alarm reasonData) are opened and injected inside too.
 */
export function injectEachString(value: unknown, payload: string): unknown[] {
  const variants: unknown[] = [];
  const visit = (node: Json, rebuild: (replacement: Json) => unknown): void => {
    if (typeof node === 'string') {
      let inner: Json | undefined;
      try {
        const parsed = JSON.parse(node) as Json;
        if (parsed !== null && typeof parsed === 'object') inner = parsed;
      } catch {
        inner = undefined;
      }
      if (inner !== undefined) {
        visit(inner, (r) => rebuild(JSON.stringify(r)));
      } else {
        variants.push(rebuild(`${node}${payload}`));
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, (r) => rebuild(node.map((x, j) => (j === i ? r : x))));
      });
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        visit(node[key] as Json, (r) => rebuild({ ...node, [key]: r }));
      }
    }
  };
  visit(value as Json, (r) => r);
  return variants;
}
