/** Loads the log-line fixtures (FilterLogEvents `events` shapes). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FixtureEvent {
  timestamp: number;
  message: string;
}

export function logFixture(
  name: 'node-text' | 'python-text' | 'json-format' | 'noise' | 'other-runtimes',
): FixtureEvent[] {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../fixtures/logs/${name}.json`, import.meta.url)), 'utf8'),
  ) as FixtureEvent[];
}
