/**
 * The README's family table and one rendered example per family, generated from the family
 * definitions and their samples so the README cannot drift from the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert } from '../../src/alerts/alert.js';
import { parseConfig } from '../../src/core/config.js';
import { DEFAULT_MIN_SEVERITY, type FamilyId } from '../../src/families/family-switches.js';
import { FAMILY_DEFINITIONS } from '../../src/families/registry.js';
import { processInput } from '../../src/pipeline.js';

const ROOT = new URL('../../', import.meta.url);
/** A fixed clock, so the relative times in the examples do not change between runs. */
const NOW = new Date('2026-11-26T15:00:00Z');

function sampleOf(id: string): string | undefined {
  const dir = join(ROOT.pathname, 'samples', id);
  try {
    const first = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()[0];
    if (first) return join('samples', id, first);
  } catch {
    // ECS keeps its sample in samples/other/.
  }
  return id === 'ecs' ? 'samples/other/ecs-task-stopped.json' : undefined;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** An alert as plain text, laid out like the Slack message. */
export function exampleText(alert: Alert): string {
  const lines = [`${alert.emoji} ${alert.title}`];
  if (alert.summary) lines.push(clip(alert.summary.replace(/\s+/g, ' '), 160));
  for (const fact of alert.facts.filter((f) => f.value.trim() !== '').slice(0, 10))
    lines.push(`${fact.label.padEnd(17)} ${clip(fact.value.replace(/\n/g, ' / '), 100)}`);
  lines.push(clip(alert.context.join(' · '), 160));
  if (alert.links.length > 0) lines.push(alert.links.map((l) => `[${l.text}]`).join('  '));
  return lines.join('\n');
}

function patternsOf(id: string): string {
  const def = FAMILY_DEFINITIONS.find((d) => d.id === id);
  // A detail-type deployed by default is listed plain; one only an opt-in deploys names the switch.
  const types = new Map<string, string | undefined>();
  for (const p of def?.patterns ?? []) {
    const dt = p.pattern['detail-type'];
    for (const t of Array.isArray(dt) ? dt.map(String) : []) {
      if (!types.has(t) || !p.optIn)
        types.set(t, types.has(t) && types.get(t) === undefined ? undefined : p.optIn);
    }
  }
  const listed = [...types].map(([t, optIn]) => `\`${t}\`${optIn ? ` (${optIn})` : ''}`);
  if (def?.matchesSns) listed.push('SNS');
  return listed.join(', ');
}

/**
 * @example
 * ```ts
 * familiesSection(); // '| family | … |\n…'
 * ```
 */
export function familiesSection(): string {
  const config = parseConfig(
    { slack: { defaultChannel: '#aws-alerts' }, accounts: { '210987654321': 'prod' } },
    'readme',
  );
  const rows = FAMILY_DEFINITIONS.map(
    (d) =>
      `| \`${d.id}\` | ${d.name} | ${patternsOf(d.id)} | ${DEFAULT_MIN_SEVERITY[d.id as FamilyId]} | ${d.catches} |`,
  );
  const examples = FAMILY_DEFINITIONS.flatMap((d) => {
    const sample = sampleOf(d.id);
    if (!sample) return [];
    const event = JSON.parse(readFileSync(join(ROOT.pathname, sample), 'utf8')) as unknown;
    const alert = processInput(event, { config, now: NOW }).find((o) => o.alert)?.alert;
    return alert ? [`**${d.name}** (\`${sample}\`)\n\n\`\`\`\n${exampleText(alert)}\n\`\`\`\n`] : [];
  });
  return [
    '| id | family | events | minSeverity | what it catches |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'One rendered example per family (`cloudbell demo` posts them all, with their colour bars and buttons):',
    '',
    ...examples,
  ].join('\n');
}
