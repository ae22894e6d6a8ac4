/**
 * The `families:` part of the config: one switch per family, declared once here so the
 * config schema, the deployed rules and the Lambda read the same defaults.
 *
 * ```yaml
 * families:
 *   guardduty: { enabled: true, minSeverity: medium, ignore: { types: ['Recon:*'] } }
 *   deploys: { successes: true }
 * ```
 */
import * as z from 'zod/mini';
import type { Severity } from '../alerts/alert.js';

/** Every declarative family, in registry order. */
export const FAMILY_IDS = [
  'guardduty',
  'securityhub',
  'health',
  'config',
  'inspector',
  'accessanalyzer',
  'deploys',
  'ecs',
  'backup',
  'cost',
  'rds',
  'ec2',
] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

const nonEmpty = () => z.string().check(z.minLength(1));
const list = () => z._default(z.array(nonEmpty()), () => []);

const familySettingsSchema = z.strictObject({
  enabled: z._default(z.boolean(), true),
  /** Below this severity nothing is posted (default: medium for findings, low otherwise). */
  minSeverity: z.optional(z.enum(['critical', 'high', 'medium', 'low', 'info'])),
  ignore: z.prefault(
    z.strictObject({
      /** Finding or event types (GuardDuty `Recon:EC2/PortProbeUnprotectedPort`, a control id…); `*` at the end for a prefix. */
      types: list(),
      /** Resource ids or ARNs (instance, bucket, pipeline, rule…); `*` at the end for a prefix. */
      resources: list(),
      /** Account ids. */
      accounts: list(),
    }),
    {},
  ),
  /** Deploys: also post successful pipelines, builds and deployments. */
  successes: z._default(z.boolean(), false),
  /** ECS: also post expected stops (scaling in, deployments, user-stopped tasks, clean exits). */
  allStops: z._default(z.boolean(), false),
  /** EC2: also post instance-state changes (stopped, terminated). */
  instanceState: z._default(z.boolean(), false),
});

export type FamilySettings = z.infer<typeof familySettingsSchema>;

/** A family's settings when the config says nothing about it: the schema's own defaults. */
const defaults = (): FamilySettings => z.parse(familySettingsSchema, {});

export const familiesSchema = z.prefault(
  z.strictObject(
    Object.fromEntries(FAMILY_IDS.map((id) => [id, z.prefault(familySettingsSchema, {})])) as Record<
      FamilyId,
      z.ZodMiniPrefault<typeof familySettingsSchema>
    >,
  ),
  {},
);

export type FamiliesConfig = Record<FamilyId, FamilySettings>;

/** The settings of one family, defaults filled in even for a config built by hand. */
export function settingsOf(families: Partial<FamiliesConfig> | undefined, id: string): FamilySettings {
  return (families as Record<string, FamilySettings> | undefined)?.[id] ?? defaults();
}

/** The effective minimum severity of a family. */
export function minSeverityOf(settings: FamilySettings, fallback: Severity): Severity {
  return settings.minSeverity ?? fallback;
}

/** Where each family's `minSeverity` starts: security findings at medium, the rest at low. */
export const DEFAULT_MIN_SEVERITY: Record<FamilyId, Severity> = {
  guardduty: 'medium',
  securityhub: 'medium',
  health: 'low',
  config: 'medium',
  inspector: 'medium',
  accessanalyzer: 'medium',
  deploys: 'low',
  ecs: 'low',
  backup: 'low',
  cost: 'low',
  rds: 'low',
  ec2: 'low',
};

/** Whether `id` names a declarative family. */
export function isFamilyId(id: string): id is FamilyId {
  return (FAMILY_IDS as readonly string[]).includes(id);
}
