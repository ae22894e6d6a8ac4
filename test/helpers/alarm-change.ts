/** The normalised alarm change of a fixture file, as the notify pipeline reads it. */
import type { AlarmChange } from '../../src/families/alarm/model.js';
import { readAlarm } from '../../src/families/alarm/normalise.js';
import { unwrap } from '../../src/sources/unwrap.js';
import { fixture as fixtureJson } from './fixtures.js';

export { fixtureJson };

export function alarmChangeOf(path: string): AlarmChange {
  const [envelope] = unwrap(fixtureJson(path));
  const read = envelope ? readAlarm(envelope) : undefined;
  if (read?.kind !== 'change') throw new Error(`${path} is not an alarm state change`);
  return read.change;
}
