import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageTime } from '../../scripts/infra/package-time.js';
import { familyRuleSpecs } from '../../scripts/infra/rules.js';
import { parseConfig } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { FAMILY_DEFINITIONS } from '../../src/families/registry.js';
import { SECURITY_RULES } from '../../src/families/security/catalogue.js';

function configFile(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cloudbell-package-'));
  writeFileSync(join(dir, 'cloudbell.config.yml'), text);
  return { dir, file: 'cloudbell.config.yml' };
}

describe('packageTime', () => {
  it('fails packaging on a bad config, naming the file and the key', () => {
    const { dir, file } = configFile("slack:\n  defaultChannel: '#a'\nstorm:\n  threshold: lots\n");
    expect(() => packageTime({ configFile: file, serviceDir: dir, prefix: 'cb-dev' })).toThrow(
      new ConfigError(`${join(dir, file)}: storm.threshold: "lots" is not a whole number ≥ 1`),
    );
  });

  it('schedules the digest on errors-worker only when it is enabled', () => {
    const off = configFile("slack:\n  defaultChannel: '#a'\n");
    expect(packageTime({ configFile: off.file, serviceDir: off.dir, prefix: 'cb-dev' }).workerEvents).toEqual(
      [],
    );
    const on = configFile(
      "slack:\n  defaultChannel: '#a'\nerrors:\n  digest:\n    enabled: true\n    schedule: cron(0 7 * * ? *)\n",
    );
    expect(packageTime({ configFile: on.file, serviceDir: on.dir, prefix: 'cb-dev' }).workerEvents).toEqual([
      { schedule: { rate: ['cron(0 7 * * ? *)'] } },
    ]);
  });

  it('runs the escalation sweep on errors-worker every minute only when escalation.steps is set', () => {
    const on = configFile(
      "slack:\n  defaultChannel: '#a'\nescalation:\n  steps:\n    - after: 10m\n      mention: ['S0ONCALL1']\n",
    );
    expect(packageTime({ configFile: on.file, serviceDir: on.dir, prefix: 'cb-dev' }).workerEvents).toEqual([
      { schedule: { rate: ['rate(1 minute)'], input: { kind: 'escalation-sweep' } } },
    ]);
  });

  it('generates one rule per enabled catalogue entry, the alarm rule and each enabled family pattern, on both buses', () => {
    const { dir, file } = configFile(
      `slack:\n  defaultChannel: '#a'\nsecurity:\n  disabled: ['${SECURITY_RULES[0]?.id}']\n`,
    );
    const { fragment } = packageTime({
      configFile: file,
      serviceDir: dir,
      prefix: 'cb-dev',
      memberAccounts: ' 111111111111, 222222222222 ',
    });
    const rules = Object.values(fragment.Resources).filter((r) => r.Type === 'AWS::Events::Rule');
    const families = familyRuleSpecs(
      parseConfig({ slack: { defaultChannel: '#a' } }, 't'),
      FAMILY_DEFINITIONS,
    );
    expect(rules).toHaveLength(2 * (SECURITY_RULES.length + families.length));
    expect(fragment.Resources.CentralBusAccountsPolicy).toBeDefined();
  });
});

describe('osls package with a bad config', () => {
  it('prints one line naming the file, the key and what was expected, and fails', () => {
    const { dir, file } = configFile("slakc:\n  defaultChannel: '#a'\n");
    const path = join(dir, file);
    const run = spawnSync('npx', ['osls', 'package', `--param=config=${path}`], {
      cwd: join(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout.trim()).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `cloudbell: ${path}: unknown key slakc (did you mean slack?)`,
    ]);
  }, 120_000);
});
