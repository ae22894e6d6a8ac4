/**
 * Small CloudFormation helpers shared by the package-time generators. The generators produce
 * plain JSON-able objects; osls merges them into the stack and cfn-lint checks the result.
 */

/** A CloudFormation resource as it appears under `Resources`. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly Condition?: string;
  readonly DependsOn?: string | string[];
}

export type CfnResources = Record<string, CfnResource>;

/** `{ "Fn::GetAtt": [logicalId, attribute] }` */
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

/** `{ Ref: logicalId }` */
export const ref = (logicalId: string) => ({ Ref: logicalId });

/**
 * A CloudFormation logical id from a kebab/snake/space-separated key: alphanumerics only.
 *
 * @example
 * ```ts
 * logicalId('Rule', 'root-usage'); // 'RuleRootUsage'
 * ```
 */
export function logicalId(prefix: string, key: string): string {
  const body = key
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${prefix}${body}`;
}

/** FNV-1a, 32 bit: a short stable suffix that keeps truncated names unique. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0').slice(0, 7);
}

/**
 * Joins name parts with `-` and keeps the result within `max` characters; a name that is too
 * long is cut and ends in a hash of the full name, so two long names stay distinct.
 *
 * @example
 * ```ts
 * boundedName(['cloudbell-prod', 'root-usage'], 64); // 'cloudbell-prod-root-usage'
 * ```
 */
export function boundedName(parts: readonly string[], max: number): string {
  const full = parts.join('-');
  if (full.length <= max) return full;
  const hash = shortHash(full);
  return `${full.slice(0, max - hash.length - 1)}-${hash}`;
}
