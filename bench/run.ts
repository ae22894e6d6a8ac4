/**
 * `npm run bench`: runs every `bench/*.bench.ts` (each exports `name` and `run()` returning
 * named figures), prints them, and writes all figures as one flat JSON object to
 * bench-results.json. Each benchmark measures its baseline in the same run.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchModule {
  readonly name: string;
  run(): Promise<Record<string, number>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results: Record<string, number> = {};
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  console.log(`\n## ${mod.name}`);
  const figures = await mod.run();
  for (const [key, value] of Object.entries(figures)) {
    results[key] = value;
    console.log(`${key.padEnd(48)} ${Number.isInteger(value) ? value : value.toFixed(3)}`);
  }
}
writeFileSync(join(here, '..', 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench-results.json');
