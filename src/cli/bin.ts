#!/usr/bin/env node
import module from 'node:module';

// Node ≥ 22.1 keeps compiled code in a disk cache (in the OS temp dir): later runs skip
// parsing zod, yaml and the pipeline again. `main.js` is imported after it so it is covered.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import('./main.js');

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
