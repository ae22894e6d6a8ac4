/**
 * CLI start-up: wall time of `cloudbell --help` and `cloudbell render <one event>` as a new
 * process (median of 15), against the previous start rebuilt in the same run — the plain `tsc`
 * emit (hundreds of files, zod and yaml unbundled) with every subcommand's module, the AWS SDK
 * included, loaded up front as `main` used to — and through `npx`, which adds npm's own start.
 * Variants run interleaved, so load from other processes falls on all of them alike.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const name = 'CLI start';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'cli', 'bin.js');
const EVENT = join(root, 'samples', 'other', 'ecs-task-stopped.json');
const NO_CACHE = { NODE_DISABLE_COMPILE_CACHE: '1' };

interface Variant {
  readonly key: string;
  readonly command: string;
  readonly args: string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly runs: number;
  readonly times: number[];
}

function variant(
  key: string,
  command: string,
  args: string[],
  runs: number,
  env?: NodeJS.ProcessEnv,
): Variant {
  return { key, command, args, runs, times: [], ...(env ? { env } : {}) };
}

function once(v: Variant): void {
  const start = performance.now();
  const run = spawnSync(v.command, v.args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...v.env },
  });
  v.times.push(performance.now() - start);
  if (run.status !== 0)
    throw new Error(`${v.command} ${v.args.join(' ')}: exit ${run.status}\n${run.stderr}`);
}

const median = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
};

export async function run(): Promise<Record<string, number>> {
  // Benchmark what `npm ci` builds; rebuild only when the sources are newer (scripts/prepare.mjs).
  execFileSync(process.execPath, [join(root, 'scripts', 'prepare.mjs')], { cwd: root, stdio: 'inherit' });
  // The previous build: tsc's emit, inside the package root so node_modules and "type" resolve.
  const previous = mkdtempSync(join(root, '.bench-tsc-'));
  try {
    return measure(previous);
  } finally {
    rmSync(previous, { recursive: true, force: true });
  }
}

function measure(previous: string): Record<string, number> {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      join(previous, 'x'),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const previousBin = join(previous, 'x', 'cli', 'bin.js');
  /** What `main` imported statically before subcommands were loaded on demand. */
  const EAGER = ['render', 'send', 'demo', 'errors'].flatMap((m) => [
    '--import',
    join(previous, 'x', 'cli', `${m}.js`),
  ]);
  const node = process.execPath;
  const variants = [
    variant('cli_node_alone_ms', node, ['-e', '0'], 15),
    variant('cli_help_ms', node, [bin, '--help'], 15),
    variant('cli_help_previous_eager_ms', node, [...EAGER, previousBin, '--help'], 15, NO_CACHE),
    variant('cli_render_one_event_ms', node, [bin, 'render', EVENT], 15),
    variant('cli_render_without_compile_cache_ms', node, [bin, 'render', EVENT], 15, NO_CACHE),
    variant('cli_render_previous_eager_ms', node, [...EAGER, previousBin, 'render', EVENT], 15, NO_CACHE),
    variant('cli_help_via_npx_ms', 'npx', ['--no-install', 'cloudbell', '--help'], 3),
  ];
  // Warm the OS file cache and Node's compile cache, as any second run by a user would be.
  for (const v of variants) once(v);
  for (const v of variants) v.times.length = 0;
  for (let i = 0; i < 15; i += 1) for (const v of variants) if (v.times.length < v.runs) once(v);
  const figures = Object.fromEntries(variants.map((v) => [v.key, median(v.times)]));
  return {
    ...figures,
    cli_help_vs_previous_ratio: (figures.cli_help_ms ?? 0) / (figures.cli_help_previous_eager_ms ?? 1),
    cli_render_vs_previous_ratio:
      (figures.cli_render_one_event_ms ?? 0) / (figures.cli_render_previous_eager_ms ?? 1),
    cli_start_target_ms: 300,
  };
}
