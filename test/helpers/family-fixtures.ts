import { readFileSync } from 'node:fs';

/** A fixture of test/fixtures/families/<family>/<name>.json, parsed. */
export function familyFixture(family: string, name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`test/fixtures/families/${family}/${name}.json`, 'utf8')) as Record<
    string,
    unknown
  >;
}
