import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackCallError } from '../../src/delivery/slack-port.js';
import { createSlackClient } from '../../src/slack/client.js';
import { webApiPort } from '../../src/slack/web-api-port.js';
import { type SlackStandin, startStandin } from '../helpers/slack-standin.js';

let slack: SlackStandin;
beforeAll(async () => {
  slack = await startStandin({ burst: 1 });
});
afterAll(async () => slack.close());

const port = (timeoutMs = 2_000) =>
  webApiPort(createSlackClient({ token: 'xoxb-test', apiUrl: slack.url, retries: 0, timeoutMs }));
const message = (channel: string) => ({ channel, text: 'hello', blocks: [] });

async function failure(promise: Promise<unknown>): Promise<SlackCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlackCallError);
  return error as SlackCallError;
}

describe('webApiPort', () => {
  it('returns the channel id and ts of a posted message', async () => {
    const posted = await port().postMessage(message('#port-ok'));
    expect(posted).toEqual({ channel: 'CPORTOK', ts: expect.stringMatching(/^\d+\.\d{6}$/) });
  });

  it('turns a 429 into a retryable error carrying Retry-After', async () => {
    await port().postMessage(message('#port-429'));
    const error = await failure(port().postMessage(message('#port-429')));
    expect(error).toMatchObject({ code: 'ratelimited', retryable: true, retryAfterSeconds: 1 });
  });

  it('treats a 429 without a usable Retry-After as rate limited, retryable after a second', async () => {
    // web-api throws a plain Error for these; a proxy or a malformed header must not turn a
    // rate limit into a permanent failure that fails the whole batch without one retry.
    slack.fail({ method: 'chat.postMessage', response: { status: 429 }, count: 1 });
    expect(await failure(port().postMessage(message('#port-429-bare')))).toMatchObject({
      code: 'ratelimited',
      retryable: true,
      retryAfterSeconds: 1,
    });
  });

  it('marks HTTP 5xx retryable and Slack platform errors by their code', async () => {
    slack.fail({ method: 'chat.postMessage', response: { status: 503 }, count: 1 });
    expect(await failure(port().postMessage(message('#port-5xx')))).toMatchObject({
      code: 'http_503',
      retryable: true,
    });
    slack.fail({ method: 'chat.postMessage', response: { error: 'invalid_blocks' }, count: 1 });
    expect(await failure(port().postMessage(message('#port-blocks')))).toMatchObject({
      code: 'invalid_blocks',
      retryable: false,
    });
    slack.fail({ method: 'chat.update', response: { error: 'internal_error' }, count: 1 });
    expect(await failure(port().update({ channel: 'C1', ts: '1.1', text: 'x', blocks: [] }))).toMatchObject({
      code: 'internal_error',
      retryable: true,
    });
  });

  it('reports a request that outlives the timeout as a retryable timeout', async () => {
    slack.fail({ method: 'chat.postMessage', response: { hangMs: 1_000 }, count: 1 });
    expect(await failure(port(100).postMessage(message('#port-hang')))).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
  });
});
