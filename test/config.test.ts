import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { configPath, loadConfigFile } from '../src/config-file.js';
import { ConfigError } from '../src/errors.js';

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
      /x\.yml: slack\.defaultChannel: expected string/,
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
