/**
 * Each family's EventBridge patterns — the very ones deployed as rules — match its samples and
 * none of another family's, checked with the built-in matcher.
 */
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claims } from '../../src/families/adapter.js';
import { FAMILY_DEFINITIONS } from '../../src/families/registry.js';
import { SECURITY_RULES } from '../../src/families/security/catalogue.js';
import { compilePattern } from '../../src/pattern/index.js';
import { processInput } from '../../src/pipeline.js';
import { unwrap } from '../../src/sources/unwrap.js';
import { testConfig } from '../helpers/alerts.js';
import { jsonFiles } from '../helpers/fixtures.js';

const ids = new Set(FAMILY_DEFINITIONS.map((d) => d.id));
const familyOfPath = (path: string) => {
  const dir = basename(dirname(path));
  return ids.has(dir) ? dir : undefined;
};
const all = jsonFiles('samples', 'test/fixtures');
const familyFiles = all.filter(([path]) => familyOfPath(path) !== undefined);
const otherFiles = all.filter(([path]) => familyOfPath(path) === undefined);
const config = testConfig({
  families: Object.fromEntries(
    [...ids].map((id) => [id, { minSeverity: 'info', successes: true, allStops: true, instanceState: true }]),
  ),
});
const now = new Date('2026-11-26T15:00:00Z');

const fullMatch = (familyId: string, event: unknown) =>
  FAMILY_DEFINITIONS.find((d) => d.id === familyId)?.patterns.some((p) => compilePattern(p.pattern)(event)) ??
  false;

describe('family patterns', () => {
  it('has samples for every family that has patterns', () => {
    for (const def of FAMILY_DEFINITIONS.filter((d) => d.patterns.length > 0)) {
      expect(
        familyFiles.some(([path]) => familyOfPath(path) === def.id),
        def.id,
      ).toBe(true);
    }
  });

  it.each(familyFiles)('%s is claimed by its own family only', (path, input) => {
    const own = familyOfPath(path);
    for (const envelope of unwrap(input)) {
      if (envelope.shape === 'eventbridge') {
        expect(FAMILY_DEFINITIONS.filter((d) => claims(d, envelope.event)).map((d) => d.id)).toEqual([own]);
      } else {
        // Budgets and Cost Anomaly Detection also arrive through SNS, where no pattern applies.
        const sns = FAMILY_DEFINITIONS.filter((d) => d.matchesSns?.(envelope.event, envelope.sns?.subject));
        expect(sns.map((d) => d.id)).toEqual([own]);
      }
    }
  });

  it.each(familyFiles)(
    '%s: a posted sample matches its family’s deployed pattern and no other',
    (path, input) => {
      const own = familyOfPath(path) as string;
      for (const envelope of unwrap(input)) {
        if (envelope.shape !== 'eventbridge') continue;
        const event = envelope.event;
        const posted = processInput(event, { config, now }).some((o) => o.deliveries.length > 0);
        const matching = FAMILY_DEFINITIONS.filter((d) => fullMatch(d.id, event)).map((d) => d.id);
        if (posted) expect(matching).toEqual([own]);
        else expect(matching.filter((id) => id !== own)).toEqual([]);
        for (const rule of SECURITY_RULES) expect(compilePattern(rule.pattern)(event), rule.id).toBe(false);
      }
    },
  );

  it('no family pattern matches the alarm, DLQ, CloudTrail or other samples', () => {
    for (const [path, event] of otherFiles) {
      const matching = FAMILY_DEFINITIONS.filter((d) => fullMatch(d.id, event)).map((d) => d.id);
      if (path.endsWith('ecs-task-stopped.json')) expect(matching).toEqual(['ecs']);
      else expect(matching, path).toEqual([]);
    }
  });
});
