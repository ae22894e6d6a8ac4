/**
 * Files shipped at the package root (package.json, samples/, slack/manifest.yml). This module is
 * the one place that finds them from `import.meta.url`: it sits in src/cli, and esbuild puts its
 * code in dist/cli, both two levels below the root — a module under src/cli/commands/ would be
 * three levels down in src but still two in the flat dist/cli.
 */
import { fileURLToPath } from 'node:url';

/**
 * The absolute path of a file or folder at the package root.
 *
 * @example
 * ```ts
 * packagePath('slack', 'manifest.yml'); // '/…/cloudbell/slack/manifest.yml'
 * ```
 */
export function packagePath(...parts: string[]): string {
  return fileURLToPath(new URL(`../../${parts.join('/')}`, import.meta.url));
}
