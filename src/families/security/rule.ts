import type { Severity } from '../../alerts/alert.js';

/**
 * An EventBridge event pattern, as documented: field names map to arrays of values or
 * operator objects, or to nested patterns; `$or` holds alternative sub-patterns.
 */
export type EventPattern = { readonly [key: string]: unknown };

/** One entry of the security catalogue: data, not code. */
export interface SecurityRule {
  /** Stable id, used in config (`ignore.catalogueIds`, `security.disabled`, routes). */
  readonly id: string;
  readonly title: string;
  readonly severity: Exclude<Severity, 'info'>;
  /** CIS AWS Foundations control, when the rule implements one (e.g. "4.3"). */
  readonly cis?: string;
  /** One line of why this matters. */
  readonly rationale: string;
  /** The EventBridge pattern: deployed as a rule and used to classify events in the Lambda. */
  readonly pattern: EventPattern;
}
