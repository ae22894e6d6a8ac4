import type { Config } from '../config.js';
import { parseConfig } from '../config.js';
declare const __CLOUDBELL_CONFIG__: unknown; // replaced with the parsed config by esbuild `define` at package time
let cached: Config | undefined;
/** The config, validated once per execution environment. */
export function lambdaConfig(): Config {
  if (cached) return cached;
  const raw = typeof __CLOUDBELL_CONFIG__ === 'undefined' ? JSON.parse(process.env.CLOUDBELL_CONFIG_JSON ?? 'null') : __CLOUDBELL_CONFIG__;
  cached = parseConfig(raw, 'bundled config');
  return cached;
}
/** Tests set the config directly. */
export function setLambdaConfig(config: Config | undefined): void { cached = config; }
