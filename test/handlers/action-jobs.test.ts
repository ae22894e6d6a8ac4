/**
 * The errors-worker running a button's Show errors job: the /aws-errors engine against mocked
 * SDK clients, the grouped and redacted report posted in the alert's thread (nock records it).
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadErrorsJob } from '../../src/actions/jobs.js';
import { parseConfig } from '../../src/core/config.js';
import { deployedWorker, testConfig } from '../helpers/deployed-handlers.js';
import { SlackRecorder } from '../helpers/slack-recorder.js';

/** The config the next invocation runs with (each test may set its own). */
const current = testConfig();

/** The worker as deployed, built from the environment each test sets up, with the test's config. */
const handler = deployedWorker(current.get);

const cw = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);
const slack = new SlackRecorder();
const env = { ...process.env };

const job = (extra: Partial<ThreadErrorsJob> = {}): ThreadErrorsJob => ({
  kind: 'thread-errors',
  functionName: 'checkout-api',
  region: 'eu-west-1',
  sinceSeconds: 3600,
  thread: { channelId: 'C0ALERTS1', ts: '1764151320.000100' },
  userId: 'U0ALICE12',
  requestedAt: new Date().toISOString(),
  ...extra,
});

beforeAll(() => {
  process.env.AWS_REGION = 'eu-west-1';
  process.env.SLACK_BOT_TOKEN = 'xoxb-test-token';
  nock.disableNetConnect();
  slack.install();
  current.set(
    parseConfig({ slack: { defaultChannel: '#aws-alerts' }, errors: { budgetSeconds: 5 } }, 'test'),
  );
});
beforeEach(() => {
  slack.reset();
  cw.reset();
  logs.reset();
});
afterAll(() => {
  cw.restore();
  logs.restore();
  nock.cleanAll();
  nock.enableNetConnect();
  current.set(undefined);
  process.env = env;
});

describe('errors-worker — Show errors job', () => {
  it('posts the grouped, redacted errors of the function in the thread', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: 'errors',
          Label: 'checkout-api',
          Values: [3],
          Timestamps: [new Date()],
          StatusCode: 'Complete',
        },
      ],
    });
    logs.on(FilterLogEventsCommand).resolves({
      events: [
        {
          timestamp: Date.now() - 60_000,
          message: `2026-11-26T10:01:33.456Z\t3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b\tERROR\tInvoke Error \t${JSON.stringify({ errorType: 'TypeError', errorMessage: '<!channel> token xoxb-123456789012-abcdefghijkl leaked', stack: [] })}`,
        },
      ],
    });
    await handler(job());
    const [post, ...more] = slack.of('chat.postMessage');
    expect(more).toEqual([]);
    expect(post).toMatchObject({ channel: 'C0ALERTS1', thread_ts: '1764151320.000100' });
    const text = JSON.stringify(post);
    expect(text).toContain('TypeError');
    expect(text).toContain('Errors behind this alarm');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('xoxb-123456789012');
    expect(logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input.logGroupName).toBe(
      '/aws/lambda/checkout-api',
    );
  });

  it('says in the thread when the errors cannot be read, never "no errors"', async () => {
    cw.on(GetMetricDataCommand).rejects(Object.assign(new Error('no'), { name: 'AccessDeniedException' }));
    logs
      .on(FilterLogEventsCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AccessDeniedException' }));
    await handler(job());
    const [post] = slack.of('chat.postMessage');
    expect(post).toMatchObject({ channel: 'C0ALERTS1', thread_ts: '1764151320.000100' });
    expect(String(post?.text)).toMatch(/Could not read/);
    expect(String(post?.text)).not.toMatch(/no errors/i);
  });

  it('ignores a forged job (bad channel, function or user) without posting', async () => {
    await handler({ ...job(), thread: { channelId: 'https://evil.example', ts: '1.2' } });
    await handler({ ...job(), functionName: '../../etc' });
    expect(slack.calls).toEqual([]);
  });
});

describe('errors-worker — thread note job', () => {
  it("posts the note in the thread, waiting out Slack's Retry-After", async () => {
    slack.rateLimitPosts = 1;
    await handler({
      kind: 'thread-note',
      thread: { channelId: 'C0ALERTS1', ts: '1764151320.000100' },
      text: '👀 <@U0ALICE12> acknowledged this at 09:04 UTC.',
      requestedAt: new Date().toISOString(),
    });
    expect(slack.of('chat.postMessage:429')).toHaveLength(1);
    expect(slack.of('chat.postMessage')).toEqual([
      expect.objectContaining({
        channel: 'C0ALERTS1',
        thread_ts: '1764151320.000100',
        text: '👀 <@U0ALICE12> acknowledged this at 09:04 UTC.',
      }),
    ]);
  });
});
