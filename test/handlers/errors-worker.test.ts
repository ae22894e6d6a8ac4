/**
 * The real errors-worker: the query plan runs against mocked SDK clients, and its answer goes
 * over real HTTP (intercepted by nock) to response_url or chat.postMessage.
 */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorsJob } from '../../src/aws-errors/errors-job.js';
import { parseConfig } from '../../src/core/config.js';
import { deployedWorker, testConfig } from '../helpers/deployed-handlers.js';

/** The config the next invocation runs with (each test may set its own). */
const current = testConfig();

/** The worker as deployed, built from the environment each test sets up, with the test's config. */
const handler = deployedWorker(current.get);

const cw = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);
const lambda = mockClient(LambdaClient);
const env = { ...process.env };

const RESPONSE_PATH = '/commands/T0123ABCD/1234567890123/AbCdEfGhIjKlMnOpQrStUvWx';
const REQ = '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b';

function job(overrides: Partial<ErrorsJob['query']> = {}): ErrorsJob {
  return {
    kind: 'command',
    query: { target: { kind: 'all' }, sinceSeconds: 3600, region: 'eu-west-1', public: false, ...overrides },
    responseUrl: `https://hooks.slack.com${RESPONSE_PATH}`,
    requester: { teamId: 'T0123ABCD', channelId: 'C0OPS1234', userId: 'U0ALICE12' },
    requestedAt: new Date().toISOString(),
  };
}

function config(digest: Record<string, unknown> = {}) {
  return parseConfig(
    {
      slack: { defaultChannel: '#aws-alerts' },
      access: { teams: ['T0123ABCD'] },
      errors: { budgetSeconds: 5, digest: { enabled: true, channel: 'C0DIGEST1', ...digest } },
    },
    'test',
  );
}

function failing(name: string, count: number) {
  return {
    Id: 'errors',
    Label: name,
    Values: [count],
    Timestamps: [new Date()],
    StatusCode: 'Complete' as const,
  };
}

function withErrors(): void {
  cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [failing('checkout-api', 2)] });
  logs.on(FilterLogEventsCommand).resolves({
    events: [
      {
        timestamp: Date.now() - 60_000,
        message: `2025-11-18T10:01:33.456Z\t${REQ}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: 'TypeError', errorMessage: '<!channel> token xoxb-123456789012-abcdefghijkl leaked', stack: [] })}`,
      },
    ],
  });
}

interface Posted {
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  text?: string;
  blocks?: { type: string; text?: { text: string } }[];
}

beforeAll(() => {
  process.env.AWS_REGION = 'eu-west-1';
  process.env.SLACK_BOT_TOKEN = 'xoxb-test-token';
  nock.disableNetConnect();
});

beforeEach(() => {
  cw.reset();
  logs.reset();
  lambda.reset();
  cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  logs.on(FilterLogEventsCommand).resolves({ events: [] });
  current.set(config());
});

afterEach(() => {
  nock.cleanAll();
});

afterAll(() => {
  cw.restore();
  logs.restore();
  lambda.restore();
  nock.enableNetConnect();
  current.set(undefined);
  process.env = env;
});

describe('errors-worker — /aws-errors commands', () => {
  it('replaces the "Looking…" message with the report, ephemeral, escaped and redacted', async () => {
    withErrors();
    const posts: Posted[] = [];
    nock('https://hooks.slack.com')
      .post(RESPONSE_PATH, (body: Posted) => posts.push(body) > 0)
      .reply(200, 'ok');
    await handler(job());
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(post?.text).toBe('🔥 2 errors in 1 function over the last hour · eu-west-1');
    const all = JSON.stringify(post?.blocks);
    expect(all).toContain('checkout-api');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('xoxb-123456789012');
    expect(all).toContain('logsV2:log-groups/log-group/$252Faws$252Flambda$252Fcheckout-api');
  });

  it('posts in the channel for --public, after removing the ephemeral "Looking…"', async () => {
    withErrors();
    const posts: Posted[] = [];
    nock('https://hooks.slack.com')
      .post(RESPONSE_PATH, (body: Posted) => posts.push(body) > 0)
      .times(2)
      .reply(200, 'ok');
    await handler(job({ public: true }));
    expect(posts.map((p) => (p.delete_original ? 'delete' : p.response_type))).toEqual([
      'delete',
      'in_channel',
    ]);
  });

  it('says nothing was found, with window and region', async () => {
    let posted: Posted | undefined;
    nock('https://hooks.slack.com')
      .post(RESPONSE_PATH, (body: Posted) => {
        posted = body;
        return true;
      })
      .reply(200, 'ok');
    await handler(job({ sinceSeconds: 900 }));
    expect(posted?.text).toBe('✅ No Lambda errors in eu-west-1 over the last 15 minutes.');
  });

  it('answers with the AWS error code, its message and the permissions needed when the metrics cannot be read', async () => {
    cw.on(GetMetricDataCommand).rejects(
      Object.assign(
        new Error(
          'User: arn:aws:sts::210987654321:assumed-role/w/x is not authorized to perform: cloudwatch:GetMetricData <!here> password=hunter2',
        ),
        { name: 'AccessDeniedException' },
      ),
    );
    let posted: Posted | undefined;
    nock('https://hooks.slack.com')
      .post(RESPONSE_PATH, (body: Posted) => {
        posted = body;
        return true;
      })
      .reply(200, 'ok');
    await handler(job());
    expect(posted?.text).toContain(
      'AccessDeniedException: User: arn:aws:sts::210987654321:assumed-role/w/x is not authorized',
    );
    expect(posted?.text).toContain('cloudwatch:GetMetricData');
    // The message is escaped and redacted like any other text from AWS.
    expect(JSON.stringify(posted)).not.toContain('<!here>');
    expect(JSON.stringify(posted)).not.toContain('hunter2');
    expect(posted?.text).not.toContain('GetFunctionConfiguration');
  });

  it('retries response_url once after a 5xx', async () => {
    const scope = nock('https://hooks.slack.com')
      .post(RESPONSE_PATH)
      .reply(503, 'busy')
      .post(RESPONSE_PATH)
      .reply(200, 'ok');
    await handler(job());
    expect(scope.isDone()).toBe(true);
  });

  it('drops a job older than the 30 minutes response_url accepts posts for', async () => {
    await handler({ ...job(), requestedAt: new Date(Date.now() - 31 * 60_000).toISOString() });
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });

  it('ignores a job for a function outside errors.functions, and reads nothing', async () => {
    current.set(
      parseConfig({ slack: { defaultChannel: '#a' }, errors: { functions: ['checkout-'] } }, 'test'),
    );
    await handler(job({ target: { kind: 'function', name: 'payroll' } }));
    expect(logs.calls()).toHaveLength(0);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('ignores a job for a region outside errors.regions, and reads nothing', async () => {
    await handler(job({ region: 'us-west-2' }));
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    expect(logs.calls()).toHaveLength(0);
  });

  it('ignores a job whose response_url is not Slack, and reads nothing', async () => {
    await handler({ ...job(), responseUrl: 'https://attacker.example/collect' });
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('errors-worker — scheduled digest', () => {
  const scheduled = {
    version: '0',
    id: 'x',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '210987654321',
    time: new Date().toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail: {},
  };

  it('posts the report with chat.postMessage to the digest channel', async () => {
    withErrors();
    let posted: Record<string, unknown> | undefined;
    nock('https://slack.com')
      .post('/api/chat.postMessage', (body: Record<string, unknown>) => {
        posted = body;
        return true;
      })
      .reply(200, { ok: true, channel: 'C0DIGEST1', ts: '1.2' });
    await handler(scheduled);
    expect(posted?.channel).toBe('C0DIGEST1');
    expect(String(posted?.text)).toContain('Lambda errors digest: 2 errors in 1 function over the last day');
    // The default window of 24h is read from the config.
    expect(
      cw.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries?.[0]?.Expression,
    ).toContain("'Sum', 86400)");
  });

  it('stays quiet when nothing failed', async () => {
    await handler(scheduled);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    // Nothing intercepted, network closed: a post would have thrown out of the handler.
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('posts an all-clear when postWhenEmpty is set', async () => {
    current.set(config({ postWhenEmpty: true, window: '1h' }));
    let text = '';
    nock('https://slack.com')
      .post('/api/chat.postMessage', (body: { text: string }) => {
        text = body.text;
        return true;
      })
      .reply(200, { ok: true });
    await handler({ kind: 'digest' });
    expect(text).toBe('✅ Lambda errors digest: No Lambda errors in eu-west-1 over the last hour.');
  });

  it('does nothing when the digest is disabled', async () => {
    current.set(config({ enabled: false }));
    await handler(scheduled);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});
