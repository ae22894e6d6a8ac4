/**
 * Which EventBridge rules the stack deploys: one for alarm state changes (optionally limited to
 * alarm-name prefixes) and one per enabled security-catalogue rule. The same list feeds the main
 * stack (default bus and the central bus) and, without config filters, the forwarder template.
 */
import type { Config } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';
import type { FamilyDefinition, FamilyPattern } from '../../src/families/definition.js';
import { settingsOf } from '../../src/families/family-switches.js';
import type { EventPattern, SecurityRule } from '../../src/families/security/rule.js';

/** One rule to deploy: a stable key (part of its name and logical id) and its pattern. */
export interface RuleSpec {
  readonly key: string;
  readonly description: string;
  readonly pattern: EventPattern;
  /** Set for rules generated from the security catalogue. */
  readonly catalogueId?: string;
  /** Set for rules generated from a declarative family (src/families/). */
  readonly familyId?: string;
  /** The family switch an opt-in pattern needs. */
  readonly optIn?: string;
}

export const ALARM_RULE_KEY = 'alarm-state';

const API_CALL = 'AWS API Call via CloudTrail';

/**
 * The state a rule needs to see every event its pattern can match. Read-only management events
 * (Get*, List*, Describe*…) reach EventBridge only for rules in state
 * `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`; a CloudTrail pattern that names its events
 * explicitly lists write calls and stays plain `ENABLED`, one that does not (root usage, access
 * denied) must see read-only calls too.
 *
 * @example
 * ```ts
 * ruleState({ 'detail-type': ['AWS API Call via CloudTrail'], detail: { errorCode: [{ prefix: 'AccessDenied' }] } });
 * // 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'
 * ```
 */
export function ruleState(
  pattern: EventPattern,
): 'ENABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' {
  const types = pattern['detail-type'];
  if (!Array.isArray(types) || !types.includes(API_CALL)) return 'ENABLED';
  const names = (pattern.detail as { eventName?: unknown } | undefined)?.eventName;
  const explicit = Array.isArray(names) && names.length > 0 && names.every((n) => typeof n === 'string');
  return explicit ? 'ENABLED' : 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
}

/** The pattern of CloudWatch alarm state changes (not configuration changes). */
export function alarmStatePattern(namePrefixes: readonly string[]): EventPattern {
  const base = { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'] };
  if (namePrefixes.length === 0) return base;
  const unique = [...new Set(namePrefixes)];
  return { ...base, detail: { alarmName: unique.map((prefix) => ({ prefix })) } };
}

/** The rule key of a catalogue entry: `sec-` and the id in lower-case kebab form. */
export function securityKey(id: string): string {
  return `sec-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** The rule key of a family pattern: `fam-`, the family id and the pattern key. */
export function familyKey(familyId: string, patternKey: string): string {
  return `fam-${familyId}-${patternKey}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Whether a family pattern is deployed: its family is enabled and its opt-in switch, if any, is on. */
export function familyPatternOn(
  config: Config | undefined,
  def: FamilyDefinition,
  pattern: FamilyPattern,
): boolean {
  if (!config) return true;
  const settings = settingsOf(config.families, def.id);
  return settings.enabled && (pattern.optIn === undefined || settings[pattern.optIn]);
}

/**
 * The rules of the declarative families: one per pattern of each enabled family (opt-in
 * patterns only when switched on). Without a config (the forwarder), every pattern; the
 * forwarder puts the opt-in ones behind their own switch.
 *
 * @example
 * ```ts
 * familyRuleSpecs(config, FAMILY_DEFINITIONS).map((r) => r.key); // ['fam-guardduty-finding', …]
 * ```
 */
export function familyRuleSpecs(
  config: Config | undefined,
  families: readonly FamilyDefinition[],
): RuleSpec[] {
  return families.flatMap((def) =>
    def.patterns
      .filter((pattern) => familyPatternOn(config, def, pattern))
      .map(
        (pattern): RuleSpec => ({
          key: familyKey(def.id, pattern.key),
          description: `cloudbell ${def.name}: ${pattern.description}`.slice(0, 512),
          pattern: pattern.pattern,
          familyId: def.id,
          ...(pattern.optIn ? { optIn: pattern.optIn } : {}),
        }),
      ),
  );
}

/**
 * The rules for one deployment.
 *
 * @param config - `alarms.namePrefixes` limits the alarm rule, `security.disabled` drops rules
 * @param catalogue - the security catalogue (SECURITY_RULES)
 * @param ownAlarmPrefix - the prefix of the bot's own alarm names: always matched, so a
 *   `namePrefixes` filter can never hide the bot's DLQ and Lambda alarms from itself
 * @example
 * ```ts
 * ruleSpecs(config, SECURITY_RULES, 'cloudbell-prod-').map((r) => r.key);
 * // ['alarm-state', 'sec-root-usage', …]
 * ```
 */
export function ruleSpecs(
  config: Config,
  catalogue: readonly SecurityRule[],
  ownAlarmPrefix: string,
  families: readonly FamilyDefinition[] = [],
): RuleSpec[] {
  const prefixes = config.alarms.namePrefixes;
  const alarm: RuleSpec = {
    key: ALARM_RULE_KEY,
    description: 'cloudbell: CloudWatch alarm state changes',
    pattern: alarmStatePattern(prefixes.length > 0 ? [...prefixes, ownAlarmPrefix] : []),
  };
  const disabled = new Set(config.security.disabled);
  const unknown = [...disabled].filter((id) => !catalogue.some((rule) => rule.id === id));
  if (unknown.length > 0) {
    throw new ConfigError(
      `security.disabled: unknown catalogue id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`,
    );
  }
  const security = catalogue
    .filter((rule) => !disabled.has(rule.id))
    .map(
      (rule): RuleSpec => ({
        key: securityKey(rule.id),
        description: `cloudbell security rule ${rule.id}: ${rule.title}`.slice(0, 512),
        pattern: rule.pattern,
        catalogueId: rule.id,
      }),
    );
  const all = [alarm, ...security, ...familyRuleSpecs(config, families)];
  const keys = new Set<string>();
  for (const spec of all) {
    if (keys.has(spec.key))
      throw new ConfigError(`two rules share the key ${spec.key}: catalogue ids must differ`);
    keys.add(spec.key);
  }
  return all;
}
