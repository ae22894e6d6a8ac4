/**
 * Posting from the CLI against the Slack stand-in at Slack's 1 post/second/channel, on a
 * simulated clock shared by both sides: pacing, Retry-After, retries, refusals, mentions.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { progressWriter } from '../../src/cli/paced-poster.js';
import { cli } from '../helpers/cli.js';
import { SimClock } from '../helpers/sim-clock.js';
import { SlackStandin } from '../helpers/slack-standin.js';

const ECS = 'samples/other/ecs-task-stopped.json';
let clock: SimClock;
let slack: SlackStandin;

beforeEach(async () => {
  clock = new SimClock();
  slack = await new SlackStandin({ clock, burst: 1, perSecond: 1, missingChannels: ['C0GONE'] }).start();
});
afterEach(async () => {
  await slack.close();
});

const env = () => ({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.url });

/** Takes the channel's one token, as another poster would. */
async function drain(channel: string) {
  const res = await fetch(`${slack.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json' },
    body: JSON.stringify({ channel, text: 'someone else' }),
  });
  expect(res.status).toBe(200);
}

describe('cloudbell demo --channel', () => {
  it('posts every sample at the channel rate without a single 429', async () => {
    const printed = await cli(['demo'], { env: { SLACK_BOT_TOKEN: '' } });
    const expected = Number(/(\d+) messages from/.exec(printed.stdout)?.[1]);
    expect(expected).toBeGreaterThan(5);

    const out = await cli(['demo', '--channel', 'C0DEMO'], { env: env(), clock });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(slack.channelMessages('C0DEMO')).toHaveLength(expected);
    expect(slack.rateLimited).toBe(0);
    const times = slack.calls.map((c) => c.at);
    for (let i = 1; i < times.length; i += 1)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(out.stdout).toContain(`${expected} messages from`);
    expect(out.stdout.match(/posted: C0DEMO \d+\.\d+/g)).toHaveLength(expected);
  });

  it('mentions nobody unless --mentions is given', async () => {
    const quiet = await cli(['demo', '--channel', 'C0DEMO'], { env: env(), clock });
    expect(quiet.code).toBe(0);
    expect(slack.visibleText()).not.toMatch(/<!here>|<!channel>|<!subteam\^|<@[UW]/);
    expect(quiet.stdout).not.toMatch(/<!here>|<!channel>/);

    const loud = await cli(['demo', '--channel', 'C0LOUD', '--mentions'], { env: env(), clock });
    expect(loud.code).toBe(0);
    // The shipped config routes critical security events to #security with @here.
    expect(slack.channelMessages('C0LOUD').some((m) => m.text.includes('<!here>'))).toBe(true);
  });

  it('waits as long as Retry-After asks when someone else used the channel, and says so', async () => {
    await drain('C0DEMO');
    const out = await cli(['send', ECS, '--channel', 'C0DEMO'], { env: env(), clock });
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(
      /^Slack rate-limited C0DEMO \(Retry-After: 1 s\); waiting 1 s before message 1 of 1\n$/,
    );
    const [, limited, posted] = slack.calls;
    expect(limited?.status).toBe(429);
    expect(posted?.status).toBe(200);
    expect((posted?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(out.stdout).toMatch(/^C0DEMO \d+\.\d+\n$/);
  });

  it('retries a 5xx with backoff and then posts', async () => {
    slack.fail({ method: 'chat.postMessage', response: { status: 503 }, count: 2 });
    const out = await cli(['send', ECS, '--channel', 'C0DEMO'], { env: env(), clock });
    expect(out.code).toBe(0);
    expect(out.stderr.trim().split('\n')).toHaveLength(2);
    expect(out.stderr).toContain('Slack answered http_503; waiting 1 s');
    expect(slack.channelMessages('C0DEMO')).toHaveLength(1);
  });

  it('stops with one line naming what Slack refused and what to do', async () => {
    const out = await cli(['send', ECS, '--channel', 'C0GONE'], { env: env(), clock });
    expect(out.code).toBe(1);
    expect(out.stderr.trim().split('\n')).toEqual([
      'cloudbell send: message 1 of 1 to C0GONE: Slack answered channel_not_found — check the channel id or #name, and invite the bot if it is private',
    ]);
  });
});

describe('progress on a terminal', () => {
  it('rewrites one line in place and clears it before the results print', () => {
    let text = '';
    const collect = () =>
      new Writable({
        write(chunk, _encoding, done) {
          text += chunk.toString();
          done();
        },
      });
    const stderr = Object.assign(collect(), { isTTY: true });
    const writer = progressWriter(stderr);
    writer.progress('posting 1 of 2 to C0DEMO', 'posting');
    writer.progress('posting 2 of 2 to C0DEMO', 'posting');
    writer.done();
    expect(text).toBe('\r\x1b[Kposting 1 of 2 to C0DEMO\r\x1b[Kposting 2 of 2 to C0DEMO\r\x1b[K');
    text = '';
    const piped = collect();
    const plain = progressWriter(piped);
    plain.progress('posting 1 of 2 to C0DEMO', 'posting');
    plain.progress(
      'Slack rate-limited C0DEMO (Retry-After: 2 s); waiting 2 s before message 2 of 2',
      'waiting',
    );
    plain.done();
    expect(text).toBe('Slack rate-limited C0DEMO (Retry-After: 2 s); waiting 2 s before message 2 of 2\n');
  });
});
