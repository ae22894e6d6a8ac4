import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { DEFAULT_MIN_SEVERITY, FAMILY_IDS, settingsOf } from '../../src/families/family-switches.js';
import { FAMILY_DEFINITIONS } from '../../src/families/registry.js';

const parse = (families: unknown) => parseConfig({ slack: { defaultChannel: '#a' }, families }, 'test.yml');

describe('families config', () => {
  it('turns every family on by default, successes, all stops and instance states off', () => {
    const config = parse(undefined);
    for (const id of FAMILY_IDS) {
      expect(config.families[id]).toEqual({
        enabled: true,
        ignore: { types: [], resources: [], accounts: [] },
        successes: false,
        allStops: false,
        instanceState: false,
      });
    }
  });

  it('starts security findings at medium and the other families at low', () => {
    expect(DEFAULT_MIN_SEVERITY).toMatchObject({
      guardduty: 'medium',
      securityhub: 'medium',
      inspector: 'medium',
      deploys: 'low',
      ecs: 'low',
    });
  });

  it('lists the same families as the registry, in its order', () => {
    expect(FAMILY_DEFINITIONS.map((d) => d.id)).toEqual([...FAMILY_IDS]);
    for (const def of FAMILY_DEFINITIONS)
      expect(def.defaultMinSeverity).toBe(DEFAULT_MIN_SEVERITY[def.id as keyof typeof DEFAULT_MIN_SEVERITY]);
  });

  it('rejects an unknown family, an unknown key and a bad severity with the path', () => {
    expect(() => parse({ gaurdduty: {} })).toThrow(/test\.yml: families: unknown key gaurdduty/);
    expect(() => parse({ guardduty: { minSeverty: 'low' } })).toThrow(
      /families\.guardduty: unknown key minSeverty/,
    );
    expect(() => parse({ guardduty: { minSeverity: 'urgent' } })).toThrow(
      /families\.guardduty\.minSeverity: expected one of/,
    );
  });

  it('keeps what is set and fills the rest', () => {
    const config = parse({ deploys: { successes: true }, guardduty: { ignore: { types: ['Recon:*'] } } });
    expect(config.families.deploys.successes).toBe(true);
    expect(config.families.guardduty.ignore).toEqual({ types: ['Recon:*'], resources: [], accounts: [] });
    expect(settingsOf(undefined, 'guardduty').enabled).toBe(true);
  });

  it('accepts the new family ids in route matches', () => {
    const config = parseConfig(
      {
        slack: { defaultChannel: '#a' },
        routes: [{ match: { family: ['guardduty', 'health', 'deploys'] }, channels: ['#x'] }],
      },
      't',
    );
    expect(config.routes[0]?.match.family).toEqual(['guardduty', 'health', 'deploys']);
  });
});
