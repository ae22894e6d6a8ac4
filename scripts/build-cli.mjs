#!/usr/bin/env node
// `npm run build`: the CLI as ES modules in dist/cli/, bundled by esbuild (<1 s instead of a
// ~30 s tsc emit). zod, yaml and our own modules go into a few files, so a start reads a
// handful of files instead of hundreds; each subcommand stays its own entry (dist/cli/render-command.js…)
// loaded on demand, and the Slack/AWS SDKs stay external, loaded only by the commands that
// call them. Type-checking is `npm run typecheck`'s job.
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `node scripts/build-cli.mjs DIR` builds into DIR/cli instead (tests inspect a build there).
const out = resolve(root, process.argv[2] ?? 'dist');
rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [
    'src/cli/bin.ts',
    'src/cli/main.ts',
    ...['render', 'send', 'demo', 'errors', 'doctor', 'init', 'preview', 'graph', 'snooze', 'redrive'].map(
      (name) => `src/cli/commands/${name}-command.ts`,
    ),
  ],
  outdir: join(out, 'cli'),
  metafile: false,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@slack/*', '@aws-sdk/*', '@aws-lambda-powertools/*', '@middy/*', '@smithy/*'],
  // Bundled CommonJS (yaml's Node entry) calls require(); ES modules have none of their own.
  banner: {
    js: "import { createRequire as __cloudbellRequire } from 'node:module'; const require = __cloudbellRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
