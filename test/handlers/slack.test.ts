/**
 * The real `slack` handler answering real signed API Gateway v2 events. The async invoke is
 * mocked at the SDK client; the network is closed, so any call to Slack's API would fail.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import type { SlackHandlerDeps } from '../../src/handlers/slack.js';
import { deployedSlack, testConfig } from '../helpers/deployed-handlers.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { signedSlackEvent, slashCommandBody, TEST_SIGNING_SECRET } from '../helpers/slack-request.js';

/** The config the next request runs with (each test may set its own). */
const current = testConfig();

/** The handler as deployed, built from the environment the test set up, with the test's config. */
const slackHandler = (deps: Partial<SlackHandlerDeps> = {}) => deployedSlack(current.get, deps);

/** Built again whenever a test changes the environment the defaults read. */
let handler = slackHandler();

const lambda = mockClient(LambdaClient);
/** Every outbound HTTP attempt (the network is closed): answering must not call Slack's API. */
const netAttempts: unknown[] = [];
const env = { ...process.env };
const context = { functionName: 'cloudbell-slack', awsRequestId: 'test' } as Context;

async function call(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
}

function invokes() {
  return lambda.commandCalls(InvokeCommand).map((c) => c.args[0].input);
}

function replyText(response: APIGatewayProxyStructuredResultV2): string {
  return (JSON.parse(response.body ?? '{}') as { text: string }).text;
}

const command = (
  fields: Parameters<typeof slashCommandBody>[0] = {},
  options: Partial<Parameters<typeof signedSlackEvent>[0]> = {},
) => signedSlackEvent({ body: slashCommandBody(fields), ...options });

beforeAll(() => {
  process.env.SLACK_SIGNING_SECRET = TEST_SIGNING_SECRET;
  process.env.SLACK_BOT_TOKEN = 'xoxb-test-token';
  process.env.ERRORS_WORKER_FUNCTION = 'cloudbell-errors-worker';
  process.env.AWS_REGION = 'eu-west-1';
  nock.disableNetConnect();
  nock.emitter.on('no match', (req: unknown) => netAttempts.push(req));
  handler = slackHandler();
});

beforeEach(() => {
  lambda.reset();
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  current.set(
    parseConfig(
      {
        slack: { defaultChannel: '#aws-alerts' },
        access: { teams: ['T0123ABCD'], channels: [], users: ['U0ALICE12', 'U0BOB1234'] },
        errors: { regions: ['eu-west-1', 'us-east-1'] },
      },
      'test',
    ),
  );
});

afterAll(() => {
  lambda.restore();
  nock.enableNetConnect();
  current.set(undefined);
  process.env = env;
});

describe('slack handler — valid requests', () => {
  it('acks a valid /aws-errors at once and hands the query to the worker by async invoke', async () => {
    const response = await call(command({ text: 'checkout-* --since 2h' }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({
      response_type: 'ephemeral',
      text: '🔎 Looking for errors in functions starting with checkout- · eu-west-1 · over the last 2 hours…',
    });
    const [invoke, ...more] = invokes();
    expect(more).toHaveLength(0);
    expect(invoke).toMatchObject({ FunctionName: 'cloudbell-errors-worker', InvocationType: 'Event' });
    const job = JSON.parse(Buffer.from(invoke?.Payload as Uint8Array).toString('utf8'));
    expect(job).toMatchObject({
      kind: 'command',
      query: {
        target: { kind: 'prefix', prefix: 'checkout-' },
        sinceSeconds: 7200,
        region: 'eu-west-1',
        public: false,
      },
      responseUrl: 'https://hooks.slack.com/commands/T0123ABCD/1234567890123/AbCdEfGhIjKlMnOpQrStUvWx',
      requester: { teamId: 'T0123ABCD', channelId: 'C0OPS1234', userId: 'U0ALICE12' },
    });
  });

  it("never calls Slack's API (no auth.test) while answering", async () => {
    netAttempts.length = 0;
    handler = slackHandler();
    expect((await call(command())).statusCode).toBe(200);
    expect((await call(command({ team_id: 'T0OTHER99' }))).statusCode).toBe(200);
    expect(netAttempts).toEqual([]);
  });

  it('accepts the base64-encoded body HTTP APIs deliver', async () => {
    const response = await call(command({ text: '--region us-east-1 --public' }, { base64: true }));
    expect(response.statusCode).toBe(200);
    expect(replyText(response)).toContain('us-east-1');
    const job = JSON.parse(Buffer.from(invokes()[0]?.Payload as Uint8Array).toString('utf8'));
    expect(job.query).toMatchObject({ region: 'us-east-1', public: true });
  });

  it('accepts a timestamp just inside the 5-minute window, either side', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await call(command({}, { timestamp: now - 290 }))).statusCode).toBe(200);
    expect((await call(command({}, { timestamp: now + 290 }))).statusCode).toBe(200);
  });

  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({
      token: 'x',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    const response = await call(signedSlackEvent({ body, contentType: 'application/json' }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toEqual({
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
  });

  it("answers Slack's ssl_check with an empty 200 and does nothing else", async () => {
    const response = await call(
      signedSlackEvent({ body: 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO', omitSignature: true }),
    );
    expect(response).toEqual({ statusCode: 200, body: '' });
    expect(invokes()).toHaveLength(0);
  });
});

describe('slack handler — refused before any work (401)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['forged (signed with another secret)', () => command({}, { signingSecret: 'not-the-secret' })],
    ['stale (6 minutes old)', () => command({}, { timestamp: now() - 360 })],
    ['future (6 minutes ahead)', () => command({}, { timestamp: now() + 360 })],
    ['missing the signature header', () => command({}, { omitSignature: true })],
    ['missing the timestamp header', () => command({}, { omitTimestamp: true })],
    [
      'tampered (text changed after signing)',
      () =>
        signedSlackEvent({
          body: slashCommandBody({ text: '--public' }),
          signedBody: slashCommandBody({ text: '' }),
        }),
    ],
    [
      'tampered (team changed after signing)',
      () =>
        signedSlackEvent({ body: slashCommandBody({ team_id: 'T0EVIL' }), signedBody: slashCommandBody() }),
    ],
  ])('rejects a %s request and starts no query', async (_name, make) => {
    const response = await call(make());
    expect(response.statusCode).toBe(401);
    expect(invokes()).toHaveLength(0);
  });
});

describe('slack handler — refused with an explanation (no query)', () => {
  it('refuses another workspace, naming access.teams', async () => {
    const response = await call(command({ team_id: 'T0OTHER99' }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toMatchObject({ response_type: 'ephemeral' });
    expect(replyText(response)).toContain('`access.teams`');
    expect(invokes()).toHaveLength(0);
  });

  it('refuses a user outside access.users, naming the setting', async () => {
    const response = await call(command({ user_id: 'U0MALLORY' }));
    expect(replyText(response)).toContain('`access.users`');
    expect(invokes()).toHaveLength(0);
  });

  it('refuses a channel outside access.channels', async () => {
    current.set(
      parseConfig(
        { slack: { defaultChannel: '#a' }, access: { teams: ['T0123ABCD'], channels: ['C0ONCALL1'] } },
        'test',
      ),
    );
    const response = await call(command());
    expect(replyText(response)).toContain('`access.channels`');
    expect(invokes()).toHaveLength(0);
  });

  it('refuses everyone while access.teams is empty', async () => {
    current.set(parseConfig({ slack: { defaultChannel: '#a' } }, 'test'));
    const response = await call(command());
    expect(replyText(response)).toMatch(/access\.teams.*is empty/);
    expect(invokes()).toHaveLength(0);
  });

  it('answers bad arguments with the specific error and the usage', async () => {
    const response = await call(command({ text: '--since 9d' }));
    const text = replyText(response);
    expect(text).toContain('--since 9d is longer than 7 days');
    expect(text).toContain('Usage:');
    expect(invokes()).toHaveLength(0);
  });

  it('answers help with the usage only', async () => {
    const text = replyText(await call(command({ text: 'help' })));
    expect(text.startsWith('Usage:')).toBe(true);
    expect(invokes()).toHaveLength(0);
  });

  it('says so when the worker cannot be started, naming the error code only', async () => {
    lambda.on(InvokeCommand).rejects(
      Object.assign(new Error('Function not found: arn:aws:lambda:eu-west-1:210987654321:function:x'), {
        name: 'ResourceNotFoundException',
      }),
    );
    const text = replyText(await call(command()));
    expect(text).toContain('Could not start the query');
    expect(text).toContain('(ResourceNotFoundException)');
    expect(text).not.toContain('arn:aws');
  });

  it("logs a worker that cannot be started on the function's one Logger, with the code only", async () => {
    lambda.on(InvokeCommand).rejects(
      Object.assign(new Error('Function not found: arn:aws:lambda:eu-west-1:210987654321:function:x'), {
        name: 'ResourceNotFoundException',
      }),
    );
    const logger = new Logger({ serviceName: 'cloudbell-slack', logLevel: 'SILENT' });
    const errors = vi.spyOn(logger, 'error');
    const withLogger = slackHandler({ logger });
    await withLogger(command(), context);
    expect(errors).toHaveBeenCalledWith('cannot start the errors query', {
      code: 'ResourceNotFoundException',
    });
    expect(JSON.stringify(errors.mock.calls)).not.toContain('arn:aws');
  });
});

describe('slack handler — abuse (issue 9)', () => {
  it('answers only /aws-errors exactly: /aws-errors-admin starts nothing', async () => {
    const response = await call(command({ command: '/aws-errors-admin' }));
    expect(response.statusCode).toBe(200);
    expect(replyText(response)).toMatch(/does not handle \/aws-errors-admin/);
    expect(invokes()).toHaveLength(0);
  });

  it('refuses a body larger than any Slack request before parsing it', async () => {
    const response = await call(command({ text: 'x'.repeat(300_000) }));
    expect(response.statusCode).toBe(413);
    expect(invokes()).toHaveLength(0);
    const b64 = await call(command({ text: 'x'.repeat(300_000) }, { base64: true }));
    expect(b64.statusCode).toBe(413);
  });

  it('echoes user text escaped and truncated (100,000 characters in → a short reply)', async () => {
    const response = await call(command({ text: `<!here> ${'a'.repeat(100_000)}` }));
    const text = replyText(response);
    expect(text).not.toContain('<!here>');
    expect(text.length).toBeLessThan(1_000);
  });

  it('refuses at ack time a response_url the worker would refuse', async () => {
    const response = await call(command({ response_url: 'https://attacker.example/hook' }));
    expect(replyText(response)).toMatch(/^❌ .*response_url/);
    expect(replyText(response)).not.toContain('Looking');
    expect(invokes()).toHaveLength(0);
  });
});

describe('slack handler — signature replays (issue 9)', () => {
  let table: LocalTable;
  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    table = await startLocalTable();
    process.env.CLOUDBELL_TABLE = table.tableName;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = table.endpoint;
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    handler = slackHandler();
  });
  afterAll(async () => {
    delete process.env.CLOUDBELL_TABLE;
    delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
    handler = slackHandler();
    await table.close();
    nock.disableNetConnect();
  });

  it('runs a signed request once and refuses the same request replayed within the window', async () => {
    const event = command({ text: 'checkout-api' });
    const first = await call(event);
    expect(first.statusCode).toBe(200);
    expect(invokes()).toHaveLength(1);
    const replay = await call(structuredClone(event));
    expect(replay.statusCode).toBe(401);
    expect(invokes()).toHaveLength(1);
    // A different request (another trigger_id) in the same second is not a replay.
    const other = await call(command({ text: 'checkout-api', trigger_id: '2.3.4' }));
    expect(other.statusCode).toBe(200);
    expect(invokes()).toHaveLength(2);
  });

  it('still answers when the table cannot be asked (logged), so /aws-errors works on a bad DynamoDB day', async () => {
    process.env.CLOUDBELL_TABLE = 'no-such-table';
    handler = slackHandler();
    try {
      const event = command({ text: 'billing' });
      expect((await call(event)).statusCode).toBe(200);
      expect(invokes()).toHaveLength(1);
    } finally {
      process.env.CLOUDBELL_TABLE = table.tableName;
      handler = slackHandler();
    }
  });
});

describe('slack handler — secret rotation (issue 10)', () => {
  it('verifies with the signing secret as it is now: one check, and a rotation is used without a rebuild', async () => {
    let current = { botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET };
    const rotating = slackHandler({ secret: async () => current });
    const call2 = async (event: APIGatewayProxyEventV2) =>
      (await rotating(event, context)) as APIGatewayProxyStructuredResultV2;
    expect((await call2(command())).statusCode).toBe(200);
    current = { ...current, signingSecret: 'rotated-signing-secret-0123456789' };
    // The old secret no longer verifies; the new one does, in the same (already built) Bolt app.
    expect((await call2(command())).statusCode).toBe(401);
    const fresh = await call2(command({}, { signingSecret: 'rotated-signing-secret-0123456789' }));
    expect(fresh.statusCode).toBe(200);
    expect(replyText(fresh)).toContain('Looking for errors');
  });
});
