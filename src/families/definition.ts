/**
 * A declarative event family: what it catches (EventBridge patterns, or an SNS test), what
 * it is switched by in the config, and how one event becomes an alert. One definition is the
 * deployed rule (scripts/infra/rules.ts), the classifier (`compilePattern`, the same matcher
 * semantics EventBridge applies) and the README table, so the three cannot drift.
 */
import type { Alert, Severity } from '../alerts/alert.js';
import type { Envelope } from '../sources/envelope.js';
import type { EventBridgeEvent } from '../sources/unwrap.js';
import type { FamilyContext } from './family.js';
import type { FamilySettings } from './family-switches.js';
import type { EventPattern } from './security/rule.js';

/** One EventBridge pattern of a family; each becomes one deployed rule. */
export interface FamilyPattern {
  /** Stable, short, kebab-case: part of the rule's name and logical id. */
  readonly key: string;
  readonly description: string;
  /** Must name `source` and `detail-type`: they decide which family claims an event. */
  readonly pattern: EventPattern;
  /**
   * A boolean setting of the family that must be true for this pattern to be deployed and
   * posted (deploy successes, EC2 instance-state changes): off by default.
   */
  readonly optIn?: 'successes' | 'instanceState';
}

/** What a family's `toAlert` receives besides the event. */
export interface FamilyInput extends FamilyContext {
  readonly settings: FamilySettings;
  /** The envelope the event came in (SNS subject, message id…). */
  readonly envelope: Envelope;
}

export interface FamilyDefinition {
  /** Config key (`families.<id>`), rule-name part and the alert's `family`. */
  readonly id: string;
  /** Human name for the README and the demo. */
  readonly name: string;
  /** One line for the README: what it catches. */
  readonly catches: string;
  /** Security findings default to medium and above; operations families to low. */
  readonly defaultMinSeverity: Severity;
  readonly patterns: readonly FamilyPattern[];
  /** Where an event also arrives through SNS (Budgets, Cost Anomaly Detection): claims it. */
  readonly matchesSns?: (message: unknown, subject: string | undefined) => boolean;
  /**
   * Splits one event into the events that each become one message (Security Hub's
   * `findings[]`). Each part is a whole EventBridge event again.
   */
  readonly split?: (event: EventBridgeEvent) => EventBridgeEvent[];
  /**
   * The alert for one event the family's patterns match (or its SNS message), or `null` when
   * this event is deliberately not posted (a resolved finding, an expected ECS stop).
   */
  readonly toAlert: (event: unknown, input: FamilyInput) => Alert | null;
}
