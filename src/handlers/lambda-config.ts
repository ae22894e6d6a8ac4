/**
 * The config a Lambda runs with. Lambdas never read YAML: the package step (esbuild.config.cjs)
 * loads and validates `CLOUDBELL_CONFIG` and injects the result as `__CLOUDBELL_CONFIG__` with an
 * esbuild `define`. Outside a bundle (tests, tsx, serverless-offline without a build) the config
 * comes from `CLOUDBELL_CONFIG_JSON`. Handlers get it as a `() => Config` dependency
 * (`lambdaConfigSource`), so a test passes its own config instead of setting a global.
 */
import { type Config, parseConfig } from '../core/config.js';
import { ConfigError } from '../core/errors.js';

/** Replaced at bundle time by the validated config object; undeclared at run time otherwise. */
declare const __CLOUDBELL_CONFIG__: unknown;

function injected(): unknown {
  // `typeof` keeps an unbundled run (no define) from throwing a ReferenceError.
  return typeof __CLOUDBELL_CONFIG__ === 'undefined' ? undefined : __CLOUDBELL_CONFIG__;
}

/**
 * Reads and validates the config: the one injected at package time, else `CLOUDBELL_CONFIG_JSON`.
 *
 * @throws {ConfigError} when no config was injected at package time and `CLOUDBELL_CONFIG_JSON`
 *   is unset or invalid
 * @example
 * ```ts
 * readLambdaConfig({ CLOUDBELL_CONFIG_JSON: '{"slack":{"defaultChannel":"#ops"}}' }).slack.defaultChannel; // '#ops'
 * ```
 */
export function readLambdaConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const bundled = injected();
  if (bundled !== undefined) return parseConfig(bundled, 'the config injected at package time');
  const json = env.CLOUDBELL_CONFIG_JSON;
  if (!json) {
    throw new ConfigError(
      'no cloudbell config: package the function with `npm run package` (it injects CLOUDBELL_CONFIG) or set CLOUDBELL_CONFIG_JSON',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new ConfigError(`CLOUDBELL_CONFIG_JSON: not valid JSON (${(cause as Error).message})`, { cause });
  }
  return parseConfig(raw, 'CLOUDBELL_CONFIG_JSON');
}

/**
 * The config for one execution environment: read and validated on first use, then kept (a
 * failed read is not kept, so the next invocation says why again). Built once by each
 * handler's default dependencies.
 *
 * @example
 * ```ts
 * const config = lambdaConfigSource(process.env);
 * config().slack.defaultChannel; // '#aws-alerts'
 * ```
 */
export function lambdaConfigSource(env: NodeJS.ProcessEnv = process.env): () => Config {
  let current: Config | undefined;
  return () => {
    current ??= readLambdaConfig(env);
    return current;
  };
}
