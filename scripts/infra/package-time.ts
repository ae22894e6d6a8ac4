/**
 * Everything `osls package` needs that depends on the config file and the security catalogue,
 * computed once per run. Loaded by scripts/sls/cloudbell.cjs (the osls variable source) through
 * tsx, so the TypeScript sources are the single definition.
 */
import { resolve } from 'node:path';
import type { Config } from '../../src/core/config.js';
import { loadConfigFile } from '../../src/core/config-file.js';
import { FAMILY_DEFINITIONS } from '../../src/families/registry.js';
import { SECURITY_RULES } from '../../src/families/security/catalogue.js';
import { evidenceFunctionName, evidenceTimeoutSeconds } from './evidence.js';
import { type Fragment, generatedFragment, workerTimeoutSeconds } from './resources.js';

export interface PackageTimeInput {
  /** Config file path, relative to the service directory (`param:config`). */
  readonly configFile: string;
  readonly serviceDir: string;
  readonly prefix: string;
  readonly orgId?: string;
  /** Comma-separated account ids (`param:memberAccounts`). */
  readonly memberAccounts?: string;
}

export interface PackageTime {
  readonly config: Config;
  readonly fragment: Fragment;
  readonly workerTimeout: number;
  /**
   * osls `events` of errors-worker: the digest schedule when `errors.digest.enabled`, and the
   * one-minute escalation sweep when `escalation.steps` is set.
   */
  readonly workerEvents: ReadonlyArray<{ schedule: { rate: string[]; input?: Record<string, string> } }>;
  readonly evidenceTimeout: number;
  /** notify's EVIDENCE_FUNCTION: the function's name, or '' when evidence is off everywhere. */
  readonly evidenceFunction: string;
}

/**
 * Loads and validates the config, then generates the config-dependent resources.
 *
 * @throws {ConfigError} naming the file and the bad key, so packaging fails on a bad config
 * @example
 * ```ts
 * const { fragment } = packageTime({ configFile: 'cloudbell.config.yml', serviceDir: '.', prefix: 'cloudbell-dev' });
 * ```
 */
export function packageTime(input: PackageTimeInput): PackageTime {
  const config = loadConfigFile(resolve(input.serviceDir, input.configFile));
  const accounts = (input.memberAccounts ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const fragment = generatedFragment({
    config,
    catalogue: SECURITY_RULES,
    families: FAMILY_DEFINITIONS,
    prefix: input.prefix,
    ...(input.orgId ? { orgId: input.orgId } : {}),
    accounts,
  });
  const digest = config.errors.digest;
  return {
    config,
    fragment,
    workerTimeout: workerTimeoutSeconds(config),
    workerEvents: [
      ...(digest.enabled ? [{ schedule: { rate: [digest.schedule] } }] : []),
      ...(config.escalation.steps.length > 0
        ? [{ schedule: { rate: ['rate(1 minute)'], input: { kind: 'escalation-sweep' } } }]
        : []),
    ],
    evidenceTimeout: evidenceTimeoutSeconds(config),
    evidenceFunction: evidenceFunctionName(config, input.prefix),
  };
}
