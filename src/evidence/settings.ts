/**
 * Whether an alert posted in a channel gets evidence: the global `evidence` switches, for the
 * families listed, overridden by the routes that sent the alert to that channel (when routes
 * disagree, off wins: quiet is the safe side). An ALARM always qualifies, an OK only with
 * `evidence.onOk`, INSUFFICIENT_DATA never (there is nothing to show).
 */
import type { Alert } from '../alerts/alert.js';
import { ruleMatches } from '../alerts/route.js';
import type { Config } from '../core/config.js';

export interface EvidenceSwitches {
  readonly graphs: boolean;
  readonly logs: boolean;
}

export const NO_EVIDENCE: EvidenceSwitches = { graphs: false, logs: false };

/**
 * @example
 * ```ts
 * evidenceFor(alert, '#oncall', config); // { graphs: true, logs: true }
 * ```
 */
export function evidenceFor(
  alert: Alert,
  channel: string,
  config: Pick<Config, 'evidence' | 'routes' | 'slack'>,
): EvidenceSwitches {
  const { evidence } = config;
  const state = alert.thread?.state;
  if (state !== 'ALARM' && !(state === 'OK' && evidence.onOk)) return NO_EVIDENCE;
  if (alert.family !== 'alarm' && alert.family !== 'dlq') return NO_EVIDENCE;
  let graphs: boolean | undefined;
  let logs: boolean | undefined;
  for (const rule of config.routes) {
    if (!rule.evidence || !ruleMatches(rule, alert)) continue;
    const channels = rule.channels.length > 0 ? rule.channels : [config.slack.defaultChannel];
    if (!channels.includes(channel)) continue;
    if (rule.evidence.graphs !== undefined) graphs = (graphs ?? true) && rule.evidence.graphs;
    if (rule.evidence.logs !== undefined) logs = (logs ?? true) && rule.evidence.logs;
  }
  const family = evidence.families.includes(alert.family);
  return {
    graphs: graphs ?? (family && evidence.graphs),
    logs: logs ?? (family && evidence.logs),
  };
}

/** Whether any route or the global switch turns `kind` on: the package grants IAM only then. */
export function evidenceEnabled(
  config: Pick<Config, 'evidence' | 'routes'>,
  kind: keyof EvidenceSwitches,
): boolean {
  return (
    (config.evidence[kind] && config.evidence.families.length > 0) ||
    config.routes.some((r) => r.evidence?.[kind] === true)
  );
}
