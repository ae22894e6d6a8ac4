/**
 * Poison records: what each kind costs the notify pipeline (unwrap → family → route → render),
 * against two baselines measured in the same run: a good alarm record, and `JSON.parse` of the
 * same body alone (which any reader of the record must pay).
 */
import { parseConfig } from '../src/core/config.js';
import { processInput } from '../src/pipeline.js';
import { alarmEvent } from '../test/helpers/alarm-events.js';
import { poisonBodies } from '../test/helpers/poison.js';

export const name = 'poison records';

const KINDS = [
  'deep-array-5000',
  'deep-array-256kb',
  'wide-256kb',
  'long-string-256kb',
  'deep-alarm',
  'not-json',
];

/** Mean milliseconds of `fn` over about `budgetMs` (at least 3 runs) after one warm-up run. */
function timeOf(fn: () => void, budgetMs = 300): number {
  fn();
  let runs = 0;
  const start = performance.now();
  while (runs < 3 || performance.now() - start < budgetMs) {
    fn();
    runs += 1;
  }
  return (performance.now() - start) / runs;
}

export async function run(): Promise<Record<string, number>> {
  const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'bench');
  const now = new Date();
  const batchOf = (body: string) => ({ Records: [{ messageId: 'm-1', body, eventSource: 'aws:sqs' }] });
  const good = batchOf(
    JSON.stringify(alarmEvent({ name: 'bench-errors', state: 'ALARM', at: now.getTime() })),
  );
  const goodMs = timeOf(() => processInput(good, { config, now }));
  const figures: Record<string, number> = { poison_good_alert_ms: goodMs };
  const bodies = poisonBodies();
  for (const kind of KINDS) {
    const body = bodies[kind] as string;
    const input = batchOf(body);
    const ms = timeOf(() => processInput(input, { config, now }));
    const parseMs = timeOf(() => {
      try {
        JSON.parse(body);
      } catch {
        // not JSON: the parse attempt is the baseline
      }
    });
    const key = kind.replace(/-/g, '_');
    figures[`poison_${key}_ms`] = ms;
    figures[`poison_${key}_vs_good_alert`] = ms / goodMs;
    figures[`poison_${key}_vs_json_parse`] = ms / Math.max(parseMs, 1e-6);
  }
  return figures;
}
