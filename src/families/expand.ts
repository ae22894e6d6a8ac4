/**
 * One envelope can hold several things to post: a Security Hub event carries up to 100
 * findings. Families that declare `split` turn such an event into one envelope per part
 * before classification, so every later step (dedupe, ignore, routing, threads) works per
 * finding. The SQS record id stays on every part: a failed part retries its record.
 */
import type { Envelope } from '../sources/envelope.js';
import { claims } from './adapter.js';
import { eventOf } from './common.js';
import { FAMILY_DEFINITIONS } from './registry.js';

/**
 * @example
 * ```ts
 * expandEnvelope(securityHubEnvelope).length; // one per finding in detail.findings
 * ```
 */
export function expandEnvelope(envelope: Envelope): Envelope[] {
  if (envelope.shape !== 'eventbridge') return [envelope];
  try {
    for (const def of FAMILY_DEFINITIONS) {
      if (!def.split || !claims(def, envelope.event)) continue;
      const event = eventOf(envelope.event);
      const parts = event ? def.split(event) : [];
      return parts.length === 0 ? [envelope] : parts.map((part) => ({ ...envelope, event: part }));
    }
  } catch {
    // A part that cannot be split is still posted whole, as one message (never throws).
  }
  return [envelope];
}
