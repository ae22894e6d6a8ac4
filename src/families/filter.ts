/**
 * The noise controls every family shares: its on/off switch, its minimum severity and its
 * ignore lists (finding types, resources, accounts). Applied after the alert is built so the
 * reason is logged, and before routing, dedupe and storm digests.
 */
import { type Alert, SEVERITY_ORDER } from '../alerts/alert.js';
import type { Config } from '../core/config.js';
import { DEFAULT_MIN_SEVERITY, isFamilyId, minSeverityOf, settingsOf } from './family-switches.js';

function matchesAny(patterns: readonly string[], value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return patterns.find((p) => (p.endsWith('*') ? value.startsWith(p.slice(0, -1)) : value === p));
}

/**
 * Why a family alert is not posted, or `undefined`. A closing message (a Config rule back to
 * COMPLIANT, a Health event closed) carries the severity of the message it closes, so it is
 * held back exactly when that one was: a thread is never closed without having been opened.
 *
 * @example
 * ```ts
 * familyIgnoredBecause(lowGuardDutyAlert, config); // 'guardduty severity low is below minSeverity medium'
 * ```
 */
export function familyIgnoredBecause(
  alert: Alert,
  config: Partial<Pick<Config, 'families'>>,
): string | undefined {
  const id = alert.family;
  if (!isFamilyId(id)) return undefined;
  const settings = settingsOf(config.families, id);
  if (!settings.enabled) return `family ${id} is disabled`;
  const min = minSeverityOf(settings, DEFAULT_MIN_SEVERITY[id]);
  if (SEVERITY_ORDER.indexOf(alert.severity) > SEVERITY_ORDER.indexOf(min))
    return `${id} severity ${alert.severity} is below minSeverity ${min}`;
  const { types, resources, accounts } = settings.ignore;
  if (alert.account && accounts.includes(alert.account)) return `${id} account ${alert.account} is ignored`;
  const type = matchesAny(types, alert.route.findingType);
  if (type) return `${id} type ${alert.route.findingType} is ignored (${type})`;
  for (const resource of alert.route.resources ?? []) {
    const hit = matchesAny(resources, resource);
    if (hit) return `${id} resource ${resource} is ignored (${hit})`;
  }
  return undefined;
}
