/**
 * What /aws-errors may read, from config: the regions (`errors.regions`, default the stack's
 * own) and function name prefixes (`errors.functions`, default all). The worker's IAM role is
 * generated from the same keys, so a request outside them would only fail with AccessDenied;
 * it is refused up front with a sentence naming the setting.
 */
import type { Config } from '../core/config.js';

/**
 * @example
 * ```ts
 * allowedRegions({ regions: [] }, 'eu-west-1'); // ['eu-west-1']
 * ```
 */
export function allowedRegions(errors: Pick<Config['errors'], 'regions'>, stackRegion: string): string[] {
  return errors.regions.length > 0 ? [...errors.regions] : [stackRegion];
}

/**
 * Whether a function name, or a prefix query (every name under it), is in scope: it must
 * start with one of the allowed prefixes ("check*" reaches beyond "checkout-", so it is not).
 *
 * @example
 * ```ts
 * functionInScope('checkout-api', ['checkout-']); // true
 * functionInScope('check', ['checkout-']); // false
 * ```
 */
export function functionInScope(name: string, prefixes: readonly string[]): boolean {
  return prefixes.length === 0 || prefixes.some((p) => name.startsWith(p));
}
