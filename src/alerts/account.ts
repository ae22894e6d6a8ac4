import type { Config } from '../core/config.js';

/**
 * "prod (210987654321)" when the account has an alias in config, else the bare id.
 *
 * @example
 * ```ts
 * accountLabel('210987654321', config); // 'prod (210987654321)'
 * ```
 */
export function accountLabel(
  accountId: string | undefined,
  config: Pick<Config, 'accounts'>,
): string | undefined {
  if (!accountId) return undefined;
  const alias = config.accounts[accountId];
  return alias ? `${alias} (${accountId})` : accountId;
}
