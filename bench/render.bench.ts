/**
 * Render throughput: every sample event through the whole pipeline (unwrap → family →
 * route → Block Kit → limit check), repeated for about a second.
 */
import { readFileSync } from 'node:fs';
import { sampleFiles } from '../src/cli/samples.js';
import { parseConfig } from '../src/core/config.js';
import { processInput } from '../src/pipeline.js';

export const name = 'render throughput';

export async function run(): Promise<Record<string, number>> {
  const events = sampleFiles().map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown);
  const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'bench');
  const now = new Date();
  // Warm up the JIT before timing.
  for (let i = 0; i < 200; i++) for (const e of events) processInput(e, { config, now });
  let rendered = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (const e of events) processInput(e, { config, now });
    rendered += events.length;
  }
  const seconds = (performance.now() - start) / 1000;
  return { render_sample_events: events.length, render_events_per_second: Math.round(rendered / seconds) };
}
