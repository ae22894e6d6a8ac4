/**
 * Routing and ignore rules: which channels (and mentions) an alert goes to, or none.
 */
import type { Config, RouteRule } from '../core/config.js';
import { familyIgnoredBecause } from '../families/filter.js';
import type { Alert } from './alert.js';

export interface Destination {
  readonly channel: string;
  readonly mentions: readonly string[];
}

function anyOf(values: readonly string[] | undefined, actual: string | undefined): boolean {
  return values === undefined || (actual !== undefined && values.includes(actual));
}

/** Whether a route rule matches an alert. */
export function ruleMatches(rule: RouteRule, alert: Alert): boolean {
  const m = rule.match;
  return (
    anyOf(m.family, alert.family) &&
    anyOf(m.severity, alert.severity) &&
    anyOf(m.account, alert.account) &&
    anyOf(m.region, alert.region) &&
    anyOf(m.catalogueId, alert.route.catalogueId) &&
    (m.alarmPrefix === undefined ||
      (alert.route.alarmName !== undefined &&
        m.alarmPrefix.some((p) => alert.route.alarmName?.startsWith(p))))
  );
}

function principalMatches(pattern: string, arn: string): boolean {
  return pattern.endsWith('*') ? arn.startsWith(pattern.slice(0, -1)) : arn === pattern;
}

/**
 * Why an alert is deliberately not posted, or `undefined` when it should be.
 *
 * @example
 * ```ts
 * ignoredBecause(alert, config); // 'principal arn:aws:iam::1:role/ci is ignored'
 * ```
 */
export function ignoredBecause(
  alert: Alert,
  config: Pick<Config, 'ignore'> & Partial<Pick<Config, 'families'>>,
): string | undefined {
  const { principals, alarmPrefixes, catalogueIds } = config.ignore;
  const { principalArn, alarmName, catalogueId } = alert.route;
  if (principalArn && principals.some((p) => principalMatches(p, principalArn)))
    return `principal ${principalArn} is ignored`;
  if (alarmName && alarmPrefixes.some((p) => alarmName.startsWith(p))) return `alarm ${alarmName} is ignored`;
  if (catalogueId && catalogueIds.includes(catalogueId)) return `rule ${catalogueId} is ignored`;
  return familyIgnoredBecause(alert, config);
}

/**
 * Every channel a matching route names, each with the union of its mentions; the default
 * channel when no route matches.
 *
 * @example
 * ```ts
 * routeAlert(alert, config); // [{ channel: '#oncall', mentions: ['S0ONCALL'] }]
 * ```
 */
export function routeAlert(alert: Alert, config: Pick<Config, 'routes' | 'slack'>): Destination[] {
  const byChannel = new Map<string, Set<string>>();
  for (const rule of config.routes) {
    if (!ruleMatches(rule, alert)) continue;
    const channels = rule.channels.length > 0 ? rule.channels : [config.slack.defaultChannel];
    for (const channel of channels) {
      const set = byChannel.get(channel) ?? new Set<string>();
      for (const m of rule.mentions) set.add(m);
      byChannel.set(channel, set);
    }
  }
  if (byChannel.size === 0) return [{ channel: config.slack.defaultChannel, mentions: [] }];
  return [...byChannel].map(([channel, mentions]) => ({ channel, mentions: [...mentions] }));
}
