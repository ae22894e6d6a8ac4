import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  createInitCommand,
  initCommand,
  type StackUrlReader,
} from '../../../src/cli/commands/init-command.js';
import { loadConfigFile } from '../../../src/core/config-file.js';
import { cli } from '../../helpers/cli.js';

const URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/slack/events';
const fresh = () => join(mkdtempSync(join(tmpdir(), 'cloudbell-init-')), 'cloudbell.config.yml');

/** `cloudbell init` reading the stack's URL with `stackUrl` instead of CloudFormation. */
const initWith = (stackUrl: StackUrlReader) => ({ init: createInitCommand({ stackUrl }) });

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('cloudbell init', () => {
  it('writes a commented config from flags, without asking, that loads with the same schema', async () => {
    const path = fresh();
    const out = await cli(
      [
        'init',
        '--channel',
        'C0ALERTS1',
        '--team',
        'T0ACME123',
        '--account',
        '210987654321=prod',
        '--account',
        '123456789012=staging',
        '--security-channel',
        '#security',
      ],
      { env: { CLOUDBELL_CONFIG: path } },
    );
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(new RegExp(`^wrote ${path}\\n`));
    expect(out.stderr).toContain('npx cloudbell init --manifest --stage STAGE --region REGION');
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^# cloudbell configuration, written by `cloudbell init`/);
    expect(text.split('\n').filter((l) => l.trim().startsWith('#')).length).toBeGreaterThan(8);
    const config = loadConfigFile(path);
    expect(config.slack.defaultChannel).toBe('C0ALERTS1');
    expect(config.access.teams).toEqual(['T0ACME123']);
    expect(config.accounts).toEqual({ '210987654321': 'prod', '123456789012': 'staging' });
    expect(config.routes).toEqual([
      {
        match: { family: ['security'], severity: ['critical', 'high'] },
        channels: ['#security'],
        mentions: [],
      },
    ]);
  });

  it('with --yes writes the defaults: #aws-alerts, /aws-errors off', async () => {
    const path = fresh();
    expect((await cli(['init', '--yes'], { env: { CLOUDBELL_CONFIG: path } })).code).toBe(0);
    const config = loadConfigFile(path);
    expect(config.slack.defaultChannel).toBe('#aws-alerts');
    expect(config.access.teams).toEqual([]);
    expect(config.routes).toEqual([]);
    expect(parse(readFileSync(path, 'utf8')).accounts).toEqual({});
  });

  it('asks on a terminal, with defaults in brackets', async () => {
    const path = fresh();
    const stdin = Object.assign(Readable.from(['#ops\n', 'T0ACME123\n', '210987654321=prod\n', '\n']), {
      isTTY: true,
    });
    const stdout = new Sink();
    const stderr = new Sink();
    const code = await initCommand.run([], { stdin, stdout, stderr, env: { CLOUDBELL_CONFIG: path } });
    expect(code).toBe(0);
    expect(stderr.text).toContain('Channel for alerts (#name or channel id) [#aws-alerts]: ');
    const config = loadConfigFile(path);
    expect(config.slack.defaultChannel).toBe('#ops');
    expect(config.access.teams).toEqual(['T0ACME123']);
    expect(config.accounts).toEqual({ '210987654321': 'prod' });
    expect(config.routes).toEqual([]);
  });

  it('refuses an answer the schema refuses, and never replaces a file without --force', async () => {
    const path = fresh();
    const bad = await cli(['init', '--channel', 'aws-alerts'], { env: { CLOUDBELL_CONFIG: path } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'cloudbell init: answers: slack.defaultChannel: "aws-alerts" is not a channel: #name (lowercase, with the #) or an id such as C0123ABCD\n',
    );
    expect(existsSync(path)).toBe(false);
    writeFileSync(path, 'slack: { defaultChannel: "#mine" }\n');
    const again = await cli(['init', '--yes'], { env: { CLOUDBELL_CONFIG: path } });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `cloudbell init: ${path} exists: pass --force to replace it, or --output PATH to write elsewhere\n`,
    );
    expect(readFileSync(path, 'utf8')).toContain('#mine');
    expect((await cli(['init', '--yes', '--force'], { env: { CLOUDBELL_CONFIG: path } })).code).toBe(0);
    expect(loadConfigFile(path).slack.defaultChannel).toBe('#aws-alerts');
    const account = await cli(['init', '--account', 'prod'], { env: { CLOUDBELL_CONFIG: fresh() } });
    expect(account.stderr).toBe(
      'cloudbell init: --account prod: expected ID=ALIAS with a 12-digit account id\n',
    );
  });

  it('prints the manifest with the stack request URL filled in', async () => {
    const asked: unknown[] = [];
    const commands = initWith(async (o) => {
      asked.push(o);
      return URL;
    });
    const out = await cli(['init', '--manifest', '--stage', 'prod', '--region', 'eu-west-1'], { commands });
    expect(out.code).toBe(0);
    expect(asked).toEqual([{ stage: 'prod', region: 'eu-west-1' }]);
    const manifest = parse(out.stdout);
    expect(manifest.features.slash_commands[0].url).toBe(URL);
    expect(out.stdout).not.toContain('REQUEST_URL');
    expect(manifest.oauth_config.scopes.bot).toEqual(
      parse(readFileSync('slack/manifest.yml', 'utf8')).oauth_config.scopes.bot,
    );

    const withConfig = await cli(['init', '--yes', '--stage', 'prod', '--region', 'eu-west-1'], {
      env: { CLOUDBELL_CONFIG: fresh() },
      commands,
    });
    expect(parse(withConfig.stdout).features.slash_commands[0].url).toBe(URL);
  });

  it('says what to do when the stack does not exist yet', async () => {
    const out = await cli(['init', '--manifest', '--stage', 'prod', '--region', 'eu-west-1'], {
      commands: initWith(async () => undefined),
    });
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      'cloudbell init: stack cloudbell-prod not found (or it has no SlackRequestUrl): deploy it first, or pass --request-url URL\n',
    );
    const noCredentials = initWith(async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    });
    const noCreds = await cli(['init', '--manifest', '--stage', 'prod', '--region', 'eu-west-1'], {
      commands: noCredentials,
    });
    expect(noCreds.code).toBe(2);
    expect(noCreds.stderr).toBe(
      'cloudbell init: cannot read stack cloudbell-prod in eu-west-1: CredentialsProviderError — no AWS credentials: set AWS_PROFILE or pass --profile (read-only access is enough); or pass --request-url URL\n',
    );
    const given = await cli(['init', '--manifest', '--request-url', 'http://x/slack/events'], {
      commands: noCredentials,
    });
    expect(given.code).toBe(2);
    expect(given.stderr).toMatch(/is not a request URL: expected https:\/\/HOST\/slack\/events/);
  });
});
