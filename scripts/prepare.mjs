#!/usr/bin/env node
// `prepare` (run by `npm ci`, and again by `npx cloudbell` when npm links this directory):
// build the CLI only when dist/ is missing or older than its sources, so `npx cloudbell` does
// not rebuild on every first run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'dist', 'cli', 'bin.js');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const inputs = ['src', 'scripts/build-cli.mjs', 'package.json'].map((p) => join(root, p));
const fresh = existsSync(output) && statSync(output).mtimeMs >= Math.max(...inputs.map(newest));
if (!fresh) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
}
