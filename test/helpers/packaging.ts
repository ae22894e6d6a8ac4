/**
 * The esbuild options `npm run package` applies to every Lambda (esbuild.config.cjs, as
 * serverless-esbuild passes them: `exclude` becomes `external`), for benches that build a
 * handler: they measure the bundle that is deployed, AWS SDK included.
 */
import { createRequire } from 'node:module';
import type { BuildOptions } from 'esbuild';

const require = createRequire(import.meta.url);
const lambdaOptions = require('../../esbuild.config.cjs') as (
  serverless: unknown,
) => BuildOptions & { exclude?: string[]; outputFileExtension?: string };

/** esbuild options for a bundle carrying `config` as the packaged Lambdas do. */
export function packagingOptions(config: unknown): BuildOptions {
  const {
    exclude = [],
    outputFileExtension: _ext,
    ...options
  } = lambdaOptions({ service: { custom: { cloudbell: { config } } } });
  return { ...options, external: exclude };
}
