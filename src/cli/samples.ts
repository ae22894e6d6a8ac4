/** The sample events shipped in samples/, which `demo`, `preview` and the README's pictures run. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from './package-root.js';

/** samples/ at the package root. */
export const SAMPLES_DIR = packagePath('samples');

/** Every `.json` file under `dir`, sorted, depth first. */
export function sampleFiles(dir: string = SAMPLES_DIR): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sampleFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}
