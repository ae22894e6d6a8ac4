/** Asks one family about an envelope the way the pipeline does: its read, then its alert. */
import type { Alert } from '../../src/alerts/alert.js';
import { type EventFamily, type FamilyContext, readContext } from '../../src/families/family.js';
import type { Envelope } from '../../src/sources/envelope.js';

/** What `family` reads from `envelope`; `undefined` when it does not claim it. */
export function readBy<R>(family: EventFamily<R>, envelope: Envelope, context: FamilyContext): R | undefined {
  return family.read(envelope, readContext(envelope, context));
}

/**
 * The alert `family` makes of `envelope`: `undefined` when it does not claim it, `null` when it
 * claims it and deliberately posts nothing.
 */
export function alertBy<R>(
  family: EventFamily<R>,
  envelope: Envelope,
  context: FamilyContext,
): Alert | null | undefined {
  const read = readBy(family, envelope, context);
  return read === undefined ? undefined : family.toAlert(read, context);
}
