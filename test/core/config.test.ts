import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { configPath, loadConfigFile } from '../../src/core/config-file.js';
import { ConfigError } from '../../src/core/errors.js';

function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cloudbell-config-'));
  const path = join(dir, 'cloudbell.config.yml');
  writeFileSync(path, text);
  return path;
}

describe('parseConfig', () => {
  it('needs only slack.defaultChannel and fills every default', () => {
    const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'inline');
    expect(config.slack.broadcastReplies).toBe(false);
    expect(config.routes).toEqual([]);
    expect(config.access.teams).toEqual([]);
    expect(config.storm.threshold).toBeGreaterThan(0);
    expect(config.errors.digest.enabled).toBe(false);
    expect(config.dlqs).toEqual([]);
  });

  it('declares each default once: a section left out and a section written empty read the same', () => {
    const base = { slack: { defaultChannel: '#aws-alerts' } };
    const absent = parseConfig(base, 'inline');
    const sections = [
      'ignore',
      'alarms',
      'security',
      'access',
      'actions',
      'escalation',
      'errors',
      'storm',
    ] as const;
    const empty = parseConfig(
      {
        ...base,
        ...Object.fromEntries([...sections, 'evidence', 'graphs', 'dedupe', 'families'].map((k) => [k, {}])),
        errors: { digest: {} },
        families: { guardduty: {}, ec2: { ignore: {} } },
      },
      'inline',
    );
    expect(empty).toEqual(absent);
    expect(absent.storm).toEqual({ threshold: 5, windowSeconds: 60, hardCap: 100 });
    expect(absent.errors.digest).toEqual({
      enabled: false,
      schedule: 'cron(0 8 * * ? *)',
      window: '24h',
      postWhenEmpty: false,
    });
    expect(absent.families.ec2).toEqual({
      enabled: true,
      ignore: { types: [], resources: [], accounts: [] },
      successes: false,
      allStops: false,
      instanceState: false,
    });
  });

  it('suggests a key inside a section that has defaults', () => {
    expect(() => parseConfig({ slack: { defaultChannel: '#a' }, storm: { treshold: 3 } }, 'x.yml')).toThrow(
      'x.yml: storm: unknown key treshold (did you mean threshold?)',
    );
  });

  it('names the path of the bad key and what was expected', () => {
    expect(() =>
      parseConfig(
        { slack: { defaultChannel: '#a' }, routes: [{ match: { severity: ['urgent'] } }] },
        'x.yml',
      ),
    ).toThrow(/x\.yml: routes\[0\]\.match\.severity\[0\]: expected one of critical, high, medium, low, info/);
  });

  it('rejects a missing default channel', () => {
    expect(() => parseConfig({ slack: {} }, 'x.yml')).toThrow(
      'x.yml: slack.defaultChannel: missing (expected a channel: #name or an id such as C0123ABCD)',
    );
  });

  it('rejects unknown keys so typos are not silently ignored', () => {
    expect(() => parseConfig({ slack: { defaultChannel: '#a' }, rotues: [] }, 'x.yml')).toThrow(
      /unknown key rotues/,
    );
  });

  it('rejects mentions that are not user, group or broadcast ids', () => {
    expect(() =>
      parseConfig(
        { slack: { defaultChannel: '#a' }, routes: [{ channels: ['#b'], mentions: ['<!channel>'] }] },
        'x.yml',
      ),
    ).toThrow(/routes\[0\]\.mentions\[0\]/);
  });

  it('rejects account aliases keyed by something other than an account id', () => {
    expect(() => parseConfig({ slack: { defaultChannel: '#a' }, accounts: { prod: 'x' } }, 'x.yml')).toThrow(
      /accounts/,
    );
  });
});

describe('loadConfigFile', () => {
  it('loads the repository example', () => {
    const config = loadConfigFile('cloudbell.config.yml');
    expect(config.slack.defaultChannel).toBe('#aws-alerts');
    expect(config.accounts['210987654321']).toBe('prod');
  });

  it('fails with the path when the file is missing', () => {
    expect(() => loadConfigFile('/nonexistent/cloudbell.config.yml')).toThrow(ConfigError);
    expect(() => loadConfigFile('/nonexistent/cloudbell.config.yml')).toThrow(/nonexistent.*ENOENT/);
  });

  it('fails with the path when the file is not YAML', () => {
    const path = write('slack: [unclosed');
    expect(() => loadConfigFile(path)).toThrow(new RegExp(`${path}: not valid YAML`));
  });

  it('honours CLOUDBELL_CONFIG', () => {
    expect(configPath({ CLOUDBELL_CONFIG: '/etc/cloudbell.yml' })).toBe('/etc/cloudbell.yml');
    expect(configPath({})).toMatch(/cloudbell\.config\.yml$/);
  });
});

describe('config messages say what to write', () => {
  const base = { slack: { defaultChannel: '#a' } };
  const message = (raw: unknown) => {
    try {
      parseConfig(raw, 'x.yml');
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  it.each([
    [{ ...base, storm: { threshold: 0 } }, 'x.yml: storm.threshold: 0 is not a whole number ≥ 1'],
    [{ ...base, storm: { hardCap: 2.5 } }, 'x.yml: storm.hardCap: 2.5 is not a whole number ≥ 1'],
    [
      { ...base, errors: { budgetSeconds: 900 } },
      'x.yml: errors.budgetSeconds: 900 is not a number > 0 and ≤ 600',
    ],
    [{ ...base, dedupe: { ttlHours: -1 } }, 'x.yml: dedupe.ttlHours: -1 is not a number > 0'],
    [
      { ...base, errors: { redactEmails: 'yes' } },
      'x.yml: errors.redactEmails: expected true or false, got "yes"',
    ],
  ])('states the range or type of a bad value (%j)', (raw, expected) => {
    expect(message(raw)).toBe(expected);
  });

  it('reports an unknown key as unknown, with the key it probably meant, before anything missing', () => {
    expect(message({ slakc: { defaultChannel: '#a' } })).toBe(
      'x.yml: unknown key slakc (did you mean slack?)',
    );
    expect(message({ ...base, routes: [{ match: { severty: ['high'] } }] })).toBe(
      'x.yml: routes[0].match: unknown key severty (did you mean severity?)',
    );
    expect(message({ slack: { defaultChannel: '#a', broadcastReplys: true } })).toBe(
      'x.yml: slack: unknown key broadcastReplys (did you mean broadcastReplies?)',
    );
    expect(message({ ...base, zzzzzz: 1 })).toEqual(
      expect.stringMatching(/^x\.yml: unknown key zzzzzz \(known keys: slack, accounts, routes, .*\)$/),
    );
    expect(message({})).toBe('x.yml: slack: missing (expected a section (indented key: value lines))');
  });

  it('accepts a channel only as #name or an id', () => {
    for (const good of ['#aws-alerts', '#ops_eu-1', 'C0123ABCD', 'G01ABCDEF']) {
      expect(message({ slack: { defaultChannel: good } })).toBe('accepted');
      expect(message({ ...base, routes: [{ channels: [good] }] })).toBe('accepted');
    }
    expect(message({ slack: { defaultChannel: 'aws-alerts' } })).toBe(
      'x.yml: slack.defaultChannel: "aws-alerts" is not a channel: #name (lowercase, with the #) or an id such as C0123ABCD',
    );
    expect(message({ ...base, routes: [{ channels: ['#Ops'] }] })).toMatch(
      /^x\.yml: routes\[0\]\.channels\[0\]: "#Ops" is not a channel/,
    );
    expect(message({ ...base, errors: { digest: { channel: 'ops' } } })).toMatch(
      /^x\.yml: errors\.digest\.channel: "ops" is not/,
    );
  });

  it('caps the digest window at 7d, like --since', () => {
    expect(message({ ...base, errors: { digest: { window: '7d' } } })).toBe('accepted');
    expect(message({ ...base, errors: { digest: { window: '9d' } } })).toBe(
      'x.yml: errors.digest.window: "9d" is not a duration up to 7d (the longest window searched)',
    );
    expect(message({ ...base, errors: { digest: { window: '0m' } } })).toMatch(
      /is not a duration such as 15m/,
    );
  });

  it('checks the digest schedule as an EventBridge cron() or rate() expression', () => {
    for (const good of [
      'cron(0 8 * * ? *)',
      'cron(0/15 * * * ? *)',
      'cron(0 18 ? * MON-FRI *)',
      'cron(15 10 ? * 6L 2026-2030)',
      'cron(0 9 ? * 2#1 *)',
      'cron(0 8 L * ? *)',
      'cron(0 8 3W * ? *)',
      'cron(0 8 1 JAN,JUL ? *)',
      'rate(1 day)',
      'rate(30 minutes)',
    ])
      expect([good, message({ ...base, errors: { digest: { schedule: good } } })]).toEqual([
        good,
        'accepted',
      ]);
    const schedule = (s: string) => message({ ...base, errors: { digest: { schedule: s } } });
    expect(schedule('0 8 * * *')).toMatch(
      /"0 8 \* \* \*" is not a cron\(…\) or rate\(…\) expression: use cron\(/,
    );
    expect(schedule('cron(0 8 * * *)')).toMatch(/cron\(\) needs 6 fields .* got 5$/);
    expect(schedule('cron(0 8 * * * *)')).toMatch(/exactly one of day-of-month and day-of-week must be \?/);
    expect(schedule('cron(0 25 * * ? *)')).toMatch(/"25" is not valid in the hours field \(0-23\)$/);
    expect(schedule('cron(0 8 * FOO ? *)')).toMatch(/"FOO" is not valid in the month field/);
    expect(schedule('rate(1 hours)')).toMatch(/use the singular unit for 1: rate\(1 hour\)$/);
    expect(schedule('rate(5 minute)')).toMatch(/use the plural unit for 5: rate\(5 minutes\)$/);
    expect(schedule('rate(0 minutes)')).toMatch(/at least 1/);
  });
});
