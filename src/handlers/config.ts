/**
 * The config a Lambda runs with. Lambdas never read YAML: the package step (esbuild.config.cjs)
 * loads and validates `CLOUDBELL_CONFIG` and injects the result as `__CLOUDBELL_CONFIG__` with an
 * esbuild `define`. Outside a bundle (tests, tsx, serverless-offline without a build) the config
 * comes from `CLOUDBELL_CONFIG_JSON`, or from `setLambdaConfig()`.
 */
import { type Config, parseConfig } from '../core/config.js';
import { ConfigError } from '../core/errors.js';

/** Replaced at bundle time by the validated config object; undeclared at run time otherwise. */
declare const __CLOUDBELL_CONFIG__: unknown;

let current: Config | undefined;

function injected(): unknown {
  // `typeof` keeps an unbundled run (no define) from throwing a ReferenceError.
  return typeof __CLOUDBELL_CONFIG__ === 'undefined' ? undefined : __CLOUDBELL_CONFIG__;
}

/**
 * The config for this execution environment, validated once and then cached.
 *
 * @throws {ConfigError} when no config was injected at package time and `CLOUDBELL_CONFIG_JSON`
 *   is unset or invalid
 * @example
 * ```ts
 * const { slack } = lambdaConfig();
 * slack.defaultChannel; // '#aws-alerts'
 * ```
 */
export function lambdaConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (current) return current;
  const bundled = injected();
  if (bundled !== undefined) {
    current = parseConfig(bundled, 'the config injected at package time');
    return current;
  }
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
  current = parseConfig(raw, 'CLOUDBELL_CONFIG_JSON');
  return current;
}

/**
 * Replaces the cached config (tests, local runs); `undefined` clears it so the next
 * `lambdaConfig()` reads the injected or environment config again.
 *
 * @example
 * ```ts
 * setLambdaConfig(parseConfig({ slack: { defaultChannel: '#test' } }, 'inline'));
 * ```
 */
export function setLambdaConfig(config: Config | undefined): void {
  current = config;
}
