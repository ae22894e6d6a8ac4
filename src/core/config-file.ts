/**
 * Reads `cloudbell.config.yml` (or `CLOUDBELL_CONFIG`) from disk. Used by the CLI, tests and
 * packaging; Lambda bundles receive the parsed config at package time instead.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { type Config, parseConfig } from './config.js';
import { ConfigError } from './errors.js';

export const DEFAULT_CONFIG_PATH = 'cloudbell.config.yml';

/** The config path: `CLOUDBELL_CONFIG` when set, else `cloudbell.config.yml` in the working directory. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CLOUDBELL_CONFIG || DEFAULT_CONFIG_PATH);
}

/**
 * Loads and validates a config file.
 *
 * @throws {ConfigError} when the file is missing, is not YAML, or fails validation
 * @example
 * ```ts
 * const config = loadConfigFile(configPath());
 * ```
 */
export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(
      `${path}: cannot read the config file (${(cause as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        cause,
      },
    );
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (cause) {
    throw new ConfigError(`${path}: not valid YAML (${(cause as Error).message.split('\n')[0]})`, { cause });
  }
  return parseConfig(raw, path);
}
