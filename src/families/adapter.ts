/**
 * Turns a declarative family into the pipeline's `EventFamily`.
 *
 * A family *claims* every event whose `source` and `detail-type` one of its patterns names,
 * so an event of its kind never falls through to the generic message; it *posts* only the
 * events its full patterns match (the very patterns deployed as rules) and its opt-in switches
 * allow. A claimed event outside the patterns (an archived finding forwarded by another rule,
 * a RUNNING backup job) is deliberately not posted.
 */

import { compilePattern, type NodeTest } from '../pattern/index.js';
import type { Envelope } from '../sources/envelope.js';
import type { FamilyDefinition } from './definition.js';
import type { EventFamily } from './family.js';
import { type FamilySettings, settingsOf } from './family-switches.js';
import type { EventPattern } from './security/rule.js';

/** The part of a pattern that says which kind of event it is about. */
export function claimOf(pattern: EventPattern): EventPattern {
  const claim: Record<string, unknown> = {};
  if (pattern.source !== undefined) claim.source = pattern.source;
  if (pattern['detail-type'] !== undefined) claim['detail-type'] = pattern['detail-type'];
  return claim;
}

const claimTests = new WeakMap<FamilyDefinition, NodeTest[]>();

/** Whether `event` is of a kind `def` handles (its patterns' `source` and `detail-type`). */
export function claims(def: FamilyDefinition, event: unknown): boolean {
  let tests = claimTests.get(def);
  if (!tests) {
    tests = def.patterns.map((p) => compilePattern(claimOf(p.pattern)));
    claimTests.set(def, tests);
  }
  return tests.some((test) => test(event));
}

const fullTests = new WeakMap<
  FamilyDefinition,
  Array<{ test: NodeTest; optIn?: 'successes' | 'instanceState' }>
>();

/**
 * Whether `event` is one the family posts: a full pattern matches it and that pattern's opt-in
 * switch, if any, is on. Families also use it for events that arrive another way (SNS).
 */
export function selects(def: FamilyDefinition, event: unknown, settings: FamilySettings): boolean {
  let tests = fullTests.get(def);
  if (!tests) {
    tests = def.patterns.map((p) => ({
      test: compilePattern(p.pattern),
      ...(p.optIn ? { optIn: p.optIn } : {}),
    }));
    fullTests.set(def, tests);
  }
  return tests.some((p) => p.test(event) && (!p.optIn || settings[p.optIn]));
}

/**
 * The family reads an envelope as itself when its patterns' kind of event (EventBridge) or its
 * SNS test claims it; `toAlert` then posts it only if a full pattern and its switch select it.
 *
 * @example
 * ```ts
 * const family = asEventFamily(guarddutyFamily);
 * family.read(envelope, reads); // the envelope, for any "GuardDuty Finding"; otherwise undefined
 * ```
 */
export function asEventFamily(def: FamilyDefinition): EventFamily<Envelope> {
  return {
    id: def.id,
    read(envelope) {
      if (envelope.shape === 'eventbridge') return claims(def, envelope.event) ? envelope : undefined;
      if (envelope.shape === 'sns' && def.matchesSns?.(envelope.event, envelope.sns?.subject))
        return envelope;
      return undefined;
    },
    toAlert(envelope, context) {
      const settings = settingsOf(context.config.families, def.id);
      if (envelope.shape === 'eventbridge') {
        if (!selects(def, envelope.event, settings)) return null;
      }
      return def.toAlert(envelope.event, { ...context, settings, envelope });
    },
  };
}
