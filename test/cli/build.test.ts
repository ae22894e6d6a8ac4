/**
 * The built CLI (what `npm ci` produces and `npx cloudbell` runs): it works, and what each
 * start loads is only what that command needs — `--help` and `render` never load the Slack or
 * AWS SDKs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { messagesOf } from '../../src/cli/event-messages.js';
import { loadConfigFile } from '../../src/core/config-file.js';

const root = resolve(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cloudbell-build-'));
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), join(dir, 'dist')], { cwd: root });
  // Beside the build, as in the package: package.json, samples/ and node_modules.
  for (const name of ['package.json', 'samples', 'node_modules', 'cloudbell.config.yml'])
    symlinkSync(join(root, name), join(dir, name));
}, 60_000);

/** Every module a file loads before its first dynamic import: its static import closure. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  if (!file.startsWith('/')) return seen;
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(/^\s*import\s*(?:[^'"]*?from\s*)?["']([^"']+)["']/gm)) {
    if (!spec) continue;
    staticClosure(spec.startsWith('.') ? join(dirname(file), spec) : spec, seen);
  }
  return seen;
}

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'dist', 'cli', 'bin.js'), ...args], { cwd: dir, encoding: 'utf8' });

describe('the built CLI', () => {
  it('answers --help, --version and render', () => {
    expect(cli('--help').stdout).toMatch(/^Usage: cloudbell <command>/);
    expect(cli('--version').stdout).toBe(
      `cloudbell ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`,
    );
    const render = cli('render', 'samples/other/ecs-task-stopped.json');
    expect(render.status).toBe(0);
    expect(render.stderr).toBe('');
    // The same messages as the pipeline in process.
    const event = JSON.parse(readFileSync(join(root, 'samples/other/ecs-task-stopped.json'), 'utf8'));
    const expected = messagesOf(event, loadConfigFile(join(root, 'cloudbell.config.yml')));
    expect(JSON.parse(render.stdout).map((m: { text: string }) => m.text)).toEqual(
      expected.map((m) => m.text),
    );
  });

  it('loads no SDK, YAML or schema code for --help, and no SDK for render', () => {
    const help = [...staticClosure(join(dir, 'dist', 'cli', 'main.js'))];
    expect(help.filter((m) => !m.startsWith('node:') && !m.startsWith('/'))).toEqual([]);
    const helpText = help
      .filter((m) => m.startsWith('/'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(helpText).not.toMatch(/zod|YAMLParseError/);
    const render = [...staticClosure(join(dir, 'dist', 'cli', 'render-command.js'))];
    expect(render.filter((m) => /^@(slack|aws-sdk|smithy)\//.test(m))).toEqual([]);
    // The same check sees the schema where it is loaded.
    const renderText = render
      .filter((m) => m.startsWith('/'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(renderText).toMatch(/zod/);
    const errors = [...staticClosure(join(dir, 'dist', 'cli', 'errors-command.js'))];
    expect(errors.some((m) => m.startsWith('@aws-sdk/'))).toBe(true);
  });
});
