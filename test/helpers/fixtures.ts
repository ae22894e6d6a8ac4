/**
 * The one fixture loader: every test reads its JSON fixtures (test/fixtures/…) through here.
 *
 * Fixtures stay in test/fixtures/<kind>/ (alarms, cloudtrail, dlq, families/<id>, logs, …)
 * rather than beside each test, so the corpus-wide tests (injection, limits, lone surrogates)
 * walk one tree.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The absolute path of test/fixtures/. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * The absolute path of a file under test/fixtures/.
 *
 * @example fixturePath('alarms/alarm-action.json')
 */
export function fixturePath(path: string): string {
  return join(FIXTURES_DIR, path);
}

/**
 * A JSON fixture under test/fixtures/, parsed afresh (callers may change it).
 *
 * @example fixture('dlq/dlq-alarm-eventbridge.json')
 */
export function fixture<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(fixturePath(path), 'utf8')) as T;
}

/** The `.json` file names directly under a folder of test/fixtures/, sorted. */
export function fixtureNames(dir: string): string[] {
  return readdirSync(fixturePath(dir))
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** A fixture of test/fixtures/families/<family>/<name>.json, parsed. */
export function familyFixture(family: string, name: string): Record<string, unknown> {
  return fixture<Record<string, unknown>>(`families/${family}/${name}.json`);
}

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
