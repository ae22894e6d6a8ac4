import { describe, expect, it } from 'vitest';
import { DeadlineError, postPaced, send } from '../../src/delivery/paced-send.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { DEFAULT_RETRY, type DeliveryRuntime, newStats, silentLog } from '../../src/delivery/runtime.js';
import { type MessageUpdate, SlackCallError, type SlackPort } from '../../src/delivery/slack-port.js';
import type { SlackMessage } from '../../src/slack/message.js';
import { SimClock } from '../helpers/sim-clock.js';

type Answer = SlackCallError | 'ok';

/** A Slack port that answers from a script, then succeeds; records what it was sent and when. */
function scriptedPort(clock: SimClock, script: Answer[]) {
  const sent: Array<{ at: number; message: SlackMessage }> = [];
  const port: SlackPort = {
    async postMessage(message) {
      sent.push({ at: clock.now(), message });
      const answer = script.shift() ?? 'ok';
      if (answer !== 'ok') throw answer;
      return { channel: 'C1', ts: `${sent.length}.000` };
    },
    async update(_update: MessageUpdate) {},
  };
  return { port, sent };
}

function runtime(clock: SimClock, port: SlackPort, budgetMs = 30_000): DeliveryRuntime {
  return {
    slack: port,
    clock,
    pacer: new ChannelPacer(clock),
    deadline: clock.now() + budgetMs,
    retry: DEFAULT_RETRY,
    stats: newStats(),
    log: silentLog,
  };
}

const http500 = () => new SlackCallError('HTTP 500', 'http_500', true);
const message: SlackMessage = {
  channel: '#payments',
  text: 'ALARM pay-errors',
  blocks: [{ type: 'header', text: { type: 'plain_text', text: 'ALARM' } }],
  thread_ts: '1.000',
};

describe('postPaced', () => {
  it('retries 5xx with growing waits and counts the retries', async () => {
    const clock = new SimClock(0);
    const { port, sent } = scriptedPort(clock, [http500(), http500(), 'ok']);
    const rt = runtime(clock, port);
    await postPaced(rt, message, '#payments');
    expect(sent).toHaveLength(3);
    const gaps = [(sent[1]?.at ?? 0) - (sent[0]?.at ?? 0), (sent[2]?.at ?? 0) - (sent[1]?.at ?? 0)];
    expect(gaps[0]).toBeGreaterThanOrEqual(1_100);
    expect(gaps[1]).toBeGreaterThanOrEqual(gaps[0] ?? 0);
    expect(rt.stats).toMatchObject({ messages: 1, slackErrors: 2, slackRetries: 2 });
  });

  it('waits exactly as long as Retry-After says', async () => {
    const clock = new SimClock(0);
    const limited = new SlackCallError('rate limited', 'ratelimited', true, { retryAfterSeconds: 7 });
    const { port, sent } = scriptedPort(clock, [limited, 'ok']);
    await postPaced(runtime(clock, port), message, '#payments');
    expect(sent.map((s) => s.at)).toEqual([0, 7_000]);
  });

  it('gives up with a DeadlineError rather than waiting past the deadline', async () => {
    const clock = new SimClock(0);
    const limited = new SlackCallError('rate limited', 'ratelimited', true, { retryAfterSeconds: 60 });
    const { port, sent } = scriptedPort(clock, [limited]);
    await expect(postPaced(runtime(clock, port, 20_000), message, '#payments')).rejects.toBeInstanceOf(
      DeadlineError,
    );
    expect(sent).toHaveLength(1);
    expect(clock.now()).toBeLessThan(20_000);
  });

  it('does not retry an error Slack will repeat', async () => {
    const clock = new SimClock(0);
    const { port, sent } = scriptedPort(clock, [new SlackCallError('invalid_auth', 'invalid_auth', false)]);
    await expect(postPaced(runtime(clock, port), message, '#payments')).rejects.toMatchObject({
      code: 'invalid_auth',
    });
    expect(sent).toHaveLength(1);
  });
});

describe('send fallbacks', () => {
  const minimal = (): SlackMessage => ({
    channel: '#payments',
    text: 'ALARM pay-errors (minimal)',
    blocks: [],
  });

  it('sends the minimal message in the same thread when Slack refuses the blocks', async () => {
    const clock = new SimClock(0);
    const { port, sent } = scriptedPort(clock, [new SlackCallError('msg_too_long', 'msg_too_long', false)]);
    const result = await send(runtime(clock, port), message, {
      channel: '#payments',
      defaultChannel: '#aws-alerts',
      minimal,
    });
    expect(sent[1]?.message).toMatchObject({
      text: 'ALARM pay-errors (minimal)',
      blocks: [],
      thread_ts: '1.000',
    });
    expect(result.message.blocks).toEqual([]);
  });

  it('moves the message to the default channel with a note naming the missing one', async () => {
    const clock = new SimClock(0);
    const { port, sent } = scriptedPort(clock, [
      new SlackCallError('not_in_channel', 'not_in_channel', false),
    ]);
    await send(runtime(clock, port), message, {
      channel: '#payments',
      defaultChannel: '#aws-alerts',
      minimal,
    });
    const moved = sent[1]?.message;
    expect(moved?.channel).toBe('#aws-alerts');
    expect(moved?.thread_ts).toBeUndefined();
    expect(moved?.text).toBe('[for #payments] ALARM pay-errors');
    expect(JSON.stringify(moved?.blocks[0])).toContain('could not post this to #payments');
    expect(JSON.stringify(moved?.blocks[0])).toContain('not_in_channel');
  });

  it('fails when the default channel itself is unusable', async () => {
    const clock = new SimClock(0);
    const gone = () => new SlackCallError('channel_not_found', 'channel_not_found', false);
    const { port, sent } = scriptedPort(clock, [gone(), gone()]);
    await expect(
      send(runtime(clock, port), message, { channel: '#payments', defaultChannel: '#aws-alerts', minimal }),
    ).rejects.toMatchObject({ code: 'channel_not_found' });
    expect(sent).toHaveLength(2);
  });
});
