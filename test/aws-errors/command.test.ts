import { describe, expect, it } from 'vitest';
import { decideCommand } from '../../src/aws-errors/command.js';
import { loadConfigFile } from '../../src/core/config-file.js';
import { testConfig } from '../helpers/alerts.js';

const command = (text: string, overrides: Record<string, string> = {}) => ({
  team_id: 'T0TEAM123',
  channel_id: 'C0OPS1234',
  user_id: 'U0ALICE12',
  text,
  response_url: 'https://hooks.slack.com/commands/T0TEAM123/1/abc',
  ...overrides,
});
const now = new Date('2026-11-26T14:00:00Z');
const allowed = testConfig({ access: { teams: ['T0TEAM123'] } });

describe('decideCommand', () => {
  it('starts a query for an allowed request and says what it looks for', () => {
    const decision = decideCommand(
      command('checkout-* --since 2h --region eu-central-1'),
      testConfig({ access: { teams: ['T0TEAM123'] }, errors: { regions: ['eu-west-1', 'eu-central-1'] } }),
      'eu-west-1',
      now,
    );
    expect(decision.reply).toBe(
      '🔎 Looking for errors in functions starting with checkout- · eu-central-1 · over the last 2 hours…',
    );
    expect(decision.job).toMatchObject({
      kind: 'command',
      query: { region: 'eu-central-1', sinceSeconds: 7200 },
      responseUrl: 'https://hooks.slack.com/commands/T0TEAM123/1/abc',
      requester: { teamId: 'T0TEAM123', channelId: 'C0OPS1234', userId: 'U0ALICE12' },
      requestedAt: '2026-11-26T14:00:00.000Z',
    });
  });

  it('uses the Lambda region when none is asked for', () => {
    expect(decideCommand(command(''), allowed, 'eu-west-1', now).job?.query.region).toBe('eu-west-1');
  });

  it('refuses everyone while access.teams is empty, naming the setting, and starts nothing', () => {
    const decision = decideCommand(command(''), testConfig(), 'eu-west-1', now);
    expect(decision.job).toBeUndefined();
    expect(decision.reply).toMatch(/^🚫 .*access\.teams/);
  });

  it('answers bad arguments with the specific error and the usage, and starts nothing', () => {
    const decision = decideCommand(command('--since 9d'), allowed, 'eu-west-1', now);
    expect(decision.job).toBeUndefined();
    expect(decision.reply).toMatch(/^⚠️ --since 9d is longer than 7 days/);
    expect(decision.reply).toContain('/aws-errors');
  });

  it('answers help even where queries are refused, adding the refusal and how to turn it on', () => {
    const decision = decideCommand(command('help'), testConfig(), 'eu-west-1', now);
    expect(decision.job).toBeUndefined();
    expect(decision.reply).toMatch(/^Usage:/);
    expect(decision.reply).toContain('--since');
    expect(decision.reply).toMatch(/\n\n🚫 .*`access\.teams`.*team ID \(T/);
    const other = decideCommand(command('--since 1h'), testConfig(), 'eu-west-1', now);
    expect(other.reply).toMatch(/^🚫 /);
    expect(other.job).toBeUndefined();
  });

  it("answers the Install section's first `/aws-errors help` under the shipped config", () => {
    const shipped = loadConfigFile('cloudbell.config.yml');
    const decision = decideCommand(command('help'), shipped, 'eu-west-1', now);
    expect(decision.reply).toMatch(/^Usage:/);
    expect(decision.job).toBeUndefined();
  });

  it('answers help without a query', () => {
    const decision = decideCommand(command('help'), allowed, 'eu-west-1', now);
    expect(decision.job).toBeUndefined();
    expect(decision.reply).toContain('--since');
  });
});

describe('decideCommand — issue 9', () => {
  it('echoes the user text escaped and truncated in the usage error', () => {
    const text = `<!here> ${'x'.repeat(100_000)}`;
    const decision = decideCommand(command(text), allowed, 'eu-west-1', now);
    expect(decision.job).toBeUndefined();
    expect(decision.reply).not.toContain('<!here>');
    expect(decision.reply.length).toBeLessThan(1_000);
  });

  it('escapes a mention or link the user typed as a function name', () => {
    const decision = decideCommand(
      command('<@U0BOSS123> <https://evil.example|x>'),
      allowed,
      'eu-west-1',
      now,
    );
    expect(decision.reply).not.toMatch(/<[@!h]/);
    expect(decision.reply).toContain('&lt;@U0BOSS123&gt;');
  });

  it('refuses at once a response_url the worker would refuse, saying why', () => {
    for (const response_url of [
      'https://evil.example/commands/1',
      'http://hooks.slack.com/commands/T/1/a',
      '',
    ]) {
      const decision = decideCommand(command('', { response_url }), allowed, 'eu-west-1', now);
      expect(decision.job, response_url).toBeUndefined();
      expect(decision.reply, response_url).toMatch(/^❌ .*response_url.*hooks\.slack\.com/);
    }
  });

  it('reads only the regions errors.regions allows (default: the stack region)', () => {
    const other = decideCommand(command('--region us-west-2'), allowed, 'eu-west-1', now);
    expect(other.job).toBeUndefined();
    expect(other.reply).toMatch(/^⚠️ .*us-west-2.*errors\.regions.*eu-west-1/);
    const configured = testConfig({
      access: { teams: ['T0TEAM123'] },
      errors: { regions: ['eu-west-1', 'us-west-2'] },
    });
    expect(decideCommand(command('--region us-west-2'), configured, 'eu-west-1', now).job?.query.region).toBe(
      'us-west-2',
    );
  });

  it('reads only functions under errors.functions prefixes when set', () => {
    const scoped = testConfig({ access: { teams: ['T0TEAM123'] }, errors: { functions: ['checkout-'] } });
    const refused = decideCommand(command('payroll'), scoped, 'eu-west-1', now);
    expect(refused.job).toBeUndefined();
    expect(refused.reply).toMatch(/^⚠️ .*payroll.*errors\.functions.*checkout-/);
    expect(decideCommand(command('checkout-api'), scoped, 'eu-west-1', now).job).toBeDefined();
    expect(decideCommand(command(''), scoped, 'eu-west-1', now).job).toBeDefined();
  });
});
