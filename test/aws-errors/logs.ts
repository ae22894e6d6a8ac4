/** Loads the log-line fixtures (FilterLogEvents `events` shapes). */
import { fixture } from '../helpers/fixtures.js';

export interface FixtureEvent {
  timestamp: number;
  message: string;
}

export function logFixture(
  name: 'node-text' | 'python-text' | 'json-format' | 'noise' | 'other-runtimes',
): FixtureEvent[] {
  return fixture<FixtureEvent[]>(`logs/${name}.json`);
}
