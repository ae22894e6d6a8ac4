import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { builderUrl } from '../../src/cli/commands/demo-command.js';
import { SAMPLES_DIR, sampleFiles } from '../../src/cli/samples.js';
import { cli } from '../helpers/cli.js';

const ECS = 'samples/other/ecs-task-stopped.json';

afterEach(() => {
  nock.cleanAll();
});

describe('cloudbell', () => {
  it('lists its commands with --help', async () => {
    const out = await cli(['--help']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/render[\s\S]*send[\s\S]*demo/);
  });

  it('fails with one clear line for an unknown command', async () => {
    const out = await cli(['frobnicate']);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toEqual([
      'cloudbell: unknown command "frobnicate" (try cloudbell --help)',
    ]);
  });

  it('prints each command help', async () => {
    for (const name of ['render', 'send', 'demo']) {
      const out = await cli([name, '--help']);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain(`Usage: cloudbell ${name}`);
    }
  });
});

describe('cloudbell render', () => {
  it('prints the payloads as a JSON array of {channel, text, blocks, attachments}', async () => {
    const out = await cli(['render', ECS]);
    expect(out.code).toBe(0);
    const messages = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
    expect(messages).toHaveLength(1);
    expect(Object.keys(messages[0] ?? {}).sort()).toEqual(['attachments', 'blocks', 'channel', 'text']);
    expect(messages[0]?.channel).toBe('#aws-alerts');
    expect(messages[0]?.text).toContain('ECS service checkout-api: task stopped (out of memory)');
  });

  it('reads stdin with -', async () => {
    const out = await cli(['render', '-'], { stdin: readFileSync(ECS, 'utf8') });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toHaveLength(1);
  });

  it('exits 2 with one line on stderr for invalid JSON', async () => {
    const out = await cli(['render', '-'], { stdin: '{"detail-type": ' });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^cloudbell render: stdin: invalid JSON/);
  });

  it('exits 2 for a missing file and for a bad config', async () => {
    expect((await cli(['render', '/nonexistent.json'])).code).toBe(2);
    const bad = await cli(['render', ECS], { env: { CLOUDBELL_CONFIG: '/nonexistent/config.yml' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nonexistent\/config\.yml: cannot read/);
  });

  it('renders a file nested 5,000 deep (and such values inside an event) and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudbell-deep-'));
    const deep = `${'['.repeat(5_000)}"<!channel>"${']'.repeat(5_000)}`;
    const files = {
      top: deep,
      event: `{"version":"0","id":"d-1","detail-type":"Odd Event","source":"com.example","resources":[${deep}],"detail":{"a":${deep}}}`,
    };
    for (const [name, text] of Object.entries(files)) {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, text);
      const out = await cli(['render', file]);
      expect(out.code, name).toBe(0);
      expect(out.stderr, name).toBe('');
      const [message] = JSON.parse(out.stdout) as Array<{ text: string }>;
      expect(message?.text, name).toBe(
        name === 'top' ? '📣 Unrecognised event' : '📣 Odd Event · com.example',
      );
      expect(out.stdout).not.toContain('<!channel>');
    }
  });

  it('renders any JSON value to a generic message rather than failing', async () => {
    const out = await cli(['render', '-'], { stdin: '[1, "two", {"three": 3}]' });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)[0].text).toContain('Unrecognised event');
  });
});

describe('cloudbell send', () => {
  it('needs SLACK_BOT_TOKEN', async () => {
    const out = await cli(['send', ECS], { env: { SLACK_BOT_TOKEN: '' } });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/SLACK_BOT_TOKEN/);
  });

  it('posts each message with chat.postMessage and prints channel and ts', async () => {
    let posted: Record<string, unknown> = {};
    const scope = nock('https://slack.test')
      .post('/api/chat.postMessage', (body) => {
        posted = body as Record<string, unknown>;
        return true;
      })
      .reply(200, { ok: true, channel: 'C0ALERTS', ts: '1764165731.000100' });
    const out = await cli(['send', ECS, '--channel', 'C0ALERTS'], {
      env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: 'https://slack.test/api/' },
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout.trim()).toBe('C0ALERTS 1764165731.000100');
    expect(posted.channel).toBe('C0ALERTS');
    expect(String(posted.text)).toContain('ECS service checkout-api: task stopped (out of memory)');
    expect(scope.isDone()).toBe(true);
  });
});

describe('cloudbell demo', () => {
  it('prints the text and a Block Kit Builder link for every bundled sample', async () => {
    const out = await cli(['demo'], { env: { SLACK_BOT_TOKEN: '' } });
    expect(out.code).toBe(0);
    const files = sampleFiles(SAMPLES_DIR);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(out.stdout).toContain(file.slice(SAMPLES_DIR.length + 1));
    const links = out.stdout.match(/https:\/\/app\.slack\.com\/block-kit-builder\/#\S+/g) ?? [];
    expect(links.length).toBeGreaterThanOrEqual(files.length - 1);
    const payload = JSON.parse(decodeURIComponent(links[0]?.split('#')[1] ?? '{}'));
    expect(payload.blocks[0].type).toBe('header');
  });

  it('builds Builder links that decode back to the message', () => {
    const message = { channel: 'c', text: 't', blocks: [{ type: 'divider' as const }] };
    expect(JSON.parse(decodeURIComponent(builderUrl(message).split('#')[1] ?? ''))).toEqual({
      blocks: [{ type: 'divider' }],
    });
  });
});

describe('cloudbell arguments', () => {
  it('prints its version from package.json', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const out = await cli([flag]);
      expect(out.code).toBe(0);
      expect(out.stdout).toBe(`cloudbell ${version}\n`);
    }
  });

  it.each([
    [['demo', 'extra'], 'cloudbell demo: unexpected argument "extra" (this command takes no arguments)'],
    [['demo', '--chanel', 'C1'], 'cloudbell demo: unknown option --chanel (did you mean --channel?)'],
    [['demo', '--channel'], 'cloudbell demo: --channel needs a value'],
    [['demo', '--mentions=yes'], 'cloudbell demo: --mentions takes no value'],
    [['render'], 'cloudbell render: missing one FILE or - (stdin)'],
    [
      ['render', 'a.json', 'b.json'],
      'cloudbell render: unexpected argument "b.json" (expected one FILE or - (stdin))',
    ],
    [['render', ECS, '--json'], 'cloudbell render: unknown option --json'],
    [['send', ECS, '--channel'], 'cloudbell send: --channel needs a value'],
    [['--verbose'], 'cloudbell: unknown option --verbose (try cloudbell --help)'],
  ])('rejects %j with one line naming the problem', async (args, line) => {
    const out = await cli(args, { env: { SLACK_BOT_TOKEN: '' } });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(`${line}\n`);
  });

  it('says exactly what is missing to post', async () => {
    const demo = await cli(['demo', '--channel', 'C0DEMO'], { env: { SLACK_BOT_TOKEN: '' } });
    expect(demo.code).toBe(2);
    expect(demo.stderr).toBe(
      'cloudbell demo: --channel C0DEMO is set but SLACK_BOT_TOKEN is not: export the bot token (xoxb-…) to post, or leave out the channel to only print\n',
    );
    const fromEnv = await cli(['demo'], { env: { SLACK_BOT_TOKEN: '', CLOUDBELL_DEMO_CHANNEL: 'C0DEMO' } });
    expect(fromEnv.stderr).toMatch(
      /^cloudbell demo: CLOUDBELL_DEMO_CHANNEL=C0DEMO is set but SLACK_BOT_TOKEN is not/,
    );
    const noChannel = await cli(['demo'], { env: { SLACK_BOT_TOKEN: 'xoxb-test' } });
    expect(noChannel.code).toBe(0);
    expect(noChannel.stdout).toMatch(/SLACK_BOT_TOKEN is set: add --channel C to post them\)\n$/);
    const send = await cli(['send', ECS], { env: { SLACK_BOT_TOKEN: '' } });
    expect(send.stderr).toBe(
      'cloudbell send: SLACK_BOT_TOKEN is not set: export the bot token (xoxb-…) to post\n',
    );
  });
});
