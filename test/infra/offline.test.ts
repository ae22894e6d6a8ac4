import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'offline.mjs');

function run(env: NodeJS.ProcessEnv) {
  const { SLACK_SIGNING_SECRET: _s, SLACK_BOT_TOKEN: _t, ...rest } = process.env;
  return spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    env: { ...rest, ...env },
    timeout: 20_000,
  });
}

describe('npm run offline', () => {
  it('refuses to start without the Slack credentials, naming each missing variable', () => {
    const none = run({});
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(
      /^npm run offline: not starting: SLACK_SIGNING_SECRET is not set .*; SLACK_BOT_TOKEN is not set/,
    );

    const noToken = run({ SLACK_SIGNING_SECRET: 'x' });
    expect(noToken.status).toBe(2);
    expect(noToken.stderr).not.toContain('SLACK_SIGNING_SECRET is not set');
    expect(noToken.stderr).toContain('SLACK_BOT_TOKEN is not set');

    const blank = run({ SLACK_SIGNING_SECRET: '  ', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(blank.stderr).toContain('SLACK_SIGNING_SECRET is not set');
  });
});
