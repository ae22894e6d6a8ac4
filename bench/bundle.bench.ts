/**
 * The notify Lambda's bundle: size and import time in a fresh Node process, beside a bundle
 * of `@slack/web-api` alone built and timed the same way in the same run.
 * notify carries the pinned DynamoDB client and, loaded on an evidence hand-off, the Lambda
 * client (production runs the SDK the tests ran), so its budget is 1,200 KB
 * (test/infra/bundle.test.ts); import time is reported, not a target: the
 * alert's latency is set by the SQS batching window.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parseConfig } from '../src/core/config.js';
import { packagingOptions } from '../test/helpers/packaging.js';

export const name = 'notify bundle';

const OUT = resolve('.build/bench');
const RUNS = 9;

async function bundle(entry: string, outfile: string): Promise<number> {
  const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'bench');
  // The packaging settings themselves (esbuild.config.cjs, as serverless-esbuild applies them).
  await build({ ...packagingOptions(config), entryPoints: [entry], outfile, logLevel: 'error' });
  return statSync(outfile).size;
}

/** Median import time of `file` in fresh processes, in ms. */
function importMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  const times = Array.from({ length: RUNS }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })),
  ).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] ?? Number.NaN;
}

export async function run(): Promise<Record<string, number>> {
  mkdirSync(OUT, { recursive: true });
  const baselineEntry = join(OUT, 'baseline-entry.mjs');
  writeFileSync(baselineEntry, "export { WebClient } from '@slack/web-api';\n");
  const baselineFile = join(OUT, 'baseline.mjs');
  const notifyFile = join(OUT, 'notify.mjs');
  const baselineBytes = await bundle(baselineEntry, baselineFile);
  const notifyBytes = await bundle(resolve('src/handlers/notify.ts'), notifyFile);
  const baselineMs = importMs(baselineFile);
  const notifyMs = importMs(notifyFile);
  return {
    bundle_notify_kb: Math.round(notifyBytes / 1024),
    bundle_webapi_baseline_kb: Math.round(baselineBytes / 1024),
    bundle_notify_size_ratio: notifyBytes / baselineBytes,
    bundle_notify_import_ms: notifyMs,
    bundle_webapi_baseline_import_ms: baselineMs,
    bundle_notify_import_ratio: notifyMs / baselineMs,
  };
}
