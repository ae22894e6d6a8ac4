/**
 * CONTRIBUTING.md stays true: every repository path it names exists, and the pattern matcher it
 * calls standalone imports nothing outside src/pattern/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const guide = readFileSync(`${root}CONTRIBUTING.md`, 'utf8');

/** Backticked paths under the repository's top-level folders, `<id>` parts cut off. */
function namedPaths(text: string): string[] {
  const paths = [
    ...text.matchAll(/`((?:src|test|scripts|infra|samples|bench|\.ci)\/[^`\s]*|[A-Za-z.-]+\.(?:md|yml))`/g),
  ].map((m) => m[1] as string);
  return [...new Set(paths.map((p) => p.replace(/\/?<[^>]+>.*$/, '')))];
}

describe('CONTRIBUTING.md', () => {
  it('names only paths that exist', () => {
    const paths = namedPaths(guide);
    expect(paths.length).toBeGreaterThan(60);
    expect(paths.filter((p) => !existsSync(`${root}${p}`))).toEqual([]);
  });

  it('names every folder of src/', () => {
    const rooms = readdirSync(`${root}src`, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src/${e.name}/`);
    expect(rooms.filter((room) => !guide.includes(`\`${room}`))).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(readFileSync(`${root}README.md`, 'utf8')).toContain('(CONTRIBUTING.md)');
  });
});

describe('src/pattern', () => {
  it('imports nothing outside its own folder, so it can be used on its own', () => {
    const dir = `${root}src/pattern/`;
    const outside = readdirSync(dir).flatMap((file) =>
      [...readFileSync(`${dir}${file}`, 'utf8').matchAll(/^import[^;]*?from '([^']+)'/gms)]
        .map((m) => m[1] as string)
        .filter((spec) => !spec.startsWith('./'))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(outside).toEqual([]);
  });
});
