/** The normalised alarm change of a fixture file, as the notify pipeline reads it. */
import { readFileSync } from 'node:fs';
import type { AlarmChange } from '../../src/events/alarm/model.js';
import { readAlarm } from '../../src/events/alarm/normalise.js';
import { unwrap } from '../../src/events/unwrap.js';

export function fixtureJson(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
}

export function alarmChangeOf(path: string): AlarmChange {
  const [envelope] = unwrap(fixtureJson(path));
  const read = envelope ? readAlarm(envelope) : undefined;
  if (read?.kind !== 'change') throw new Error(`${path} is not an alarm state change`);
  return read.change;
}
