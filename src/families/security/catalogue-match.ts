/**
 * Classifies an EventBridge event with the catalogue's own patterns: the same matcher
 * semantics EventBridge applies to the deployed rules.
 */
import { SEVERITY_ORDER } from '../../alerts/alert.js';
import { compilePattern } from '../../pattern/index.js';
import { SECURITY_RULES } from './catalogue.js';
import type { SecurityRule } from './rule.js';

const rank = (rule: SecurityRule) => SEVERITY_ORDER.indexOf(rule.severity);

/**
 * The rules matching `event`, most severe first; rules of equal severity keep catalogue
 * order (the more specific rule is listed first there).
 *
 * @param event - the whole EventBridge event (source, detail-type, detail…)
 * @param rules - the catalogue; tests and config may pass a subset
 * @example
 * ```ts
 * const [top] = classify(event);
 * top?.id; // 'root-console-sign-in'
 * ```
 */
export function classify(event: unknown, rules: readonly SecurityRule[] = SECURITY_RULES): SecurityRule[] {
  const matched = rules.filter((rule) => compilePattern(rule.pattern)(event));
  // Array.prototype.sort is stable, so ties keep catalogue order.
  return matched.sort((a, b) => rank(a) - rank(b));
}
