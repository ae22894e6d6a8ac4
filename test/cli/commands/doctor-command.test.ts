/**
 * `cloudbell doctor` in process with the real adapters: aws-sdk-client-mock in place of AWS,
 * nock in place of Slack and of the stack's request URL.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import nock from 'nock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';

const sm = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);
const cfn = mockClient(CloudFormationClient);
const events = mockClient(EventBridgeClient);
const trail = mockClient(CloudTrailClient);

const dir = mkdtempSync(join(tmpdir(), 'cloudbell-doctor-'));
const configFile = join(dir, 'cloudbell.config.yml');
writeFileSync(
  configFile,
  "slack:\n  defaultChannel: '#aws-alerts'\nroutes:\n  - match: { family: [security] }\n    channels: ['C0PRIVATE']\n",
);

const SIGNING = '8f742231b10e8888abcd99yyyzzz85a5'.replace(/[yz]/g, 'a');
const TOKEN = 'xoxb-1111-2222-abcdefabcdef';
const URL_HOST = 'https://abc123.execute-api.eu-west-1.amazonaws.com';
const OUTPUTS = [
  { OutputKey: 'SlackRequestUrl', OutputValue: `${URL_HOST}/slack/events` },
  { OutputKey: 'AlertsTopicArn', OutputValue: 'arn:aws:sns:eu-west-1:210987654321:cloudbell-prod-alerts' },
  {
    OutputKey: 'CentralBusArn',
    OutputValue: 'arn:aws:events:eu-west-1:210987654321:event-bus/cloudbell-prod',
  },
];

function slack(scopes = 'chat:write,chat:write.public,commands') {
  return nock('https://slack.test')
    .post('/api/auth.test')
    .reply(
      200,
      { ok: true, user: 'cloudbell', team: 'Acme', team_id: 'T0ACME', user_id: 'U0BOT' },
      {
        'x-oauth-scopes': scopes,
      },
    )
    .post('/api/conversations.list')
    .reply(200, {
      ok: true,
      channels: [{ id: 'C0ALERTS', name: 'aws-alerts', is_member: false, is_private: false }],
      response_metadata: { next_cursor: '' },
    })
    .post('/api/conversations.info', (body) => body.channel === 'C0PRIVATE')
    .reply(200, { ok: true, channel: { id: 'C0PRIVATE', name: 'sec', is_member: true, is_private: true } });
}

/** apps.manifest.export, answering only the app configuration token. */
function appManifest(url: string) {
  return nock('https://slack.test', { reqheaders: { authorization: 'Bearer xoxe.xoxp-1-config' } })
    .post('/api/apps.manifest.export', (body) => body.app_id === 'A0CLOUDBELL')
    .reply(200, {
      ok: true,
      manifest: { features: { slash_commands: [{ command: '/aws-errors', url, description: 'x' }] } },
    });
}

function healthyAws() {
  sm.on(GetSecretValueCommand, { SecretId: 'cloudbell/slack' }).resolves({
    SecretString: JSON.stringify({ botToken: TOKEN, signingSecret: SIGNING }),
  });
  cfn.on(DescribeStacksCommand, { StackName: 'cloudbell-prod' }).resolves({
    Stacks: [
      {
        StackName: 'cloudbell-prod',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: OUTPUTS,
      },
    ],
  });
  cfn.on(DescribeStacksCommand, { StackName: 'cloudbell-forwarder' }).resolves({
    Stacks: [{ StackName: 'cloudbell-forwarder', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }],
  });
  events.on(ListRulesCommand).resolves({
    Rules: [
      { Name: 'cloudbell-prod-alarm-state', State: 'ENABLED' },
      { Name: 'cloudbell-prod-sec-root-usage', State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' },
    ],
  });
  trail.on(DescribeTrailsCommand).resolves({
    trailList: [
      {
        Name: 'org-trail',
        TrailARN: 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/org-trail',
        HomeRegion: 'eu-west-1',
        IsMultiRegionTrail: true,
      },
    ],
  });
  trail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
}

const run = (args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  cli(['doctor', '--stage', 'prod', '--region', 'eu-west-1', ...args], {
    env: { CLOUDBELL_CONFIG: configFile, SLACK_API_URL: 'https://slack.test/api/', ...env },
  });

beforeEach(() => {
  for (const m of [sm, ssm, cfn, events, trail]) m.reset();
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});
afterAll(() => {
  for (const m of [sm, ssm, cfn, events, trail]) m.restore();
});

describe('cloudbell doctor', () => {
  it('passes a healthy installation with one ✅ line per check and exit 0', async () => {
    healthyAws();
    const scope = slack();
    const probe = nock(URL_HOST).post('/slack/events').reply(401, 'invalid signature');
    const app = appManifest(`${URL_HOST}/slack/events`);
    const out = await run(['--app-id', 'A0CLOUDBELL'], { SLACK_CONFIG_TOKEN: 'xoxe.xoxp-1-config' });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('cloudbell doctor · stack cloudbell-prod · eu-west-1');
    const checks = lines.filter((l) => /^(✅|⚠️|❌) /.test(l));
    expect(checks.every((l) => l.startsWith('✅ '))).toBe(true);
    for (const title of [
      'config',
      'Slack secret',
      'signing secret',
      'Slack token',
      'channel #aws-alerts',
      'channel C0PRIVATE',
      'stack',
      'request URL',
      'Slack app',
      'EventBridge rules (default bus)',
      'EventBridge rules (bus cloudbell-prod)',
      'CloudTrail (eu-west-1)',
      'CloudTrail (us-east-1)',
      'forwarder (us-east-1)',
    ])
      expect(checks.some((l) => l.startsWith(`✅ ${title}: `))).toBe(true);
    expect(out.stdout).toContain(
      '✅ channel #aws-alerts: #aws-alerts (C0ALERTS) is public: the bot posts there with chat:write.public',
    );
    expect(out.stdout).toMatch(/all 14 checks passed\n$/);
    expect(app.isDone()).toBe(true);
    expect(out.stdout).not.toContain(TOKEN);
    expect(out.stdout).not.toContain(SIGNING);
    expect(scope.isDone()).toBe(true);
    expect(probe.isDone()).toBe(true);
    expect(events.commandCalls(ListRulesCommand).map((c) => c.args[0].input)).toEqual([
      { NamePrefix: 'cloudbell-prod-' },
      { NamePrefix: 'cloudbell-prod-', EventBusName: 'cloudbell-prod' },
    ]);
  });

  it('names each problem with what to fix, and exits 1', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ botToken: TOKEN }) });
    cfn.on(DescribeStacksCommand, { StackName: 'cloudbell-prod' }).resolves({
      Stacks: [
        {
          StackName: 'cloudbell-prod',
          StackStatus: 'UPDATE_ROLLBACK_COMPLETE',
          CreationTime: new Date(),
          Outputs: OUTPUTS,
        },
      ],
    });
    cfn.on(DescribeStacksCommand, { StackName: 'cloudbell-forwarder' }).rejects(
      Object.assign(new Error('Stack with id cloudbell-forwarder does not exist'), {
        name: 'ValidationError',
      }),
    );
    events
      .on(ListRulesCommand)
      .resolves({ Rules: [{ Name: 'cloudbell-prod-alarm-state', State: 'DISABLED' }] });
    trail.on(DescribeTrailsCommand).resolves({ trailList: [] });
    nock('https://slack.test')
      .post('/api/auth.test')
      .reply(
        200,
        { ok: true, user: 'cloudbell', team: 'Acme', team_id: 'T0ACME' },
        { 'x-oauth-scopes': 'chat:write' },
      )
      .post('/api/conversations.list')
      .reply(200, { ok: false, error: 'missing_scope' });
    nock(URL_HOST).post('/slack/events').reply(200, '{"errorMessage":"boom"}');
    const out = await run();
    expect(out.code).toBe(1);
    const text = out.stdout;
    expect(text).toContain('❌ Slack secret: cloudbell/slack is readable but has no signingSecret');
    expect(text).toMatch(/❌ signing secret: missing — .*Basic Information → Signing Secret/);
    expect(text).toMatch(
      /❌ Slack token: works \(@cloudbell in Acme\) but lacks commands \(the \/aws-errors command\)/,
    );
    expect(text).toMatch(
      /⚠️ channels: cannot check membership of #aws-alerts, C0PRIVATE: the app lacks channels:read/,
    );
    expect(text).toMatch(
      /⚠️ stack: cloudbell-prod: its last update rolled back, so the previous version runs/,
    );
    expect(text).toMatch(/❌ request URL: .* answered HTTP 200 to an unsigned request \(expected 401\)/);
    expect(text).toMatch(
      /❌ EventBridge rules \(default bus\): 1 of 1 disabled: cloudbell-prod-alarm-state — enable them/,
    );
    expect(text).toMatch(/❌ CloudTrail \(eu-west-1\): no trail records management events here/);
    expect(text).toMatch(/⚠️ forwarder \(us-east-1\): no stack cloudbell-forwarder in us-east-1: IAM, STS/);
    // One line per check.
    for (const line of text.split('\n').filter((l) => /^(✅|⚠️|❌)/.test(l))) expect(line).not.toContain('\n');
    expect(text).toMatch(/\n\d+ failed, \d+ to look at, \d+ passed\n$/);
  });

  it('reports an unreadable secret and a bad token by their codes', async () => {
    sm.on(GetSecretValueCommand).rejects(
      Object.assign(new Error('User is not authorized to perform secretsmanager:GetSecretValue'), {
        name: 'AccessDeniedException',
      }),
    );
    cfn
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error('Stack with id x does not exist'), { name: 'ValidationError' }));
    events.on(ListRulesCommand).resolves({ Rules: [] });
    trail.on(DescribeTrailsCommand).resolves({ trailList: [] });
    nock('https://slack.test').post('/api/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    const out = await run([], { SLACK_BOT_TOKEN: 'xoxb-bad', SLACK_SIGNING_SECRET: SIGNING });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(
      /❌ Slack secret: cannot read cloudbell\/slack \(Secrets Manager, eu-west-1\): AccessDeniedException — your credentials may not read it/,
    );
    expect(out.stdout).toContain('✅ signing secret: present in SLACK_SIGNING_SECRET');
    expect(out.stdout).toMatch(
      /❌ Slack token: auth\.test failed: invalid_auth — copy the Bot User OAuth Token/,
    );
    expect(out.stdout).toMatch(/❌ stack: cloudbell-prod not found in eu-west-1 — deploy it/);
    expect(out.stdout).toMatch(/❌ EventBridge rules \(default bus\): no rule named cloudbell-prod-…/);
    expect(out.stdout).not.toContain('xoxb-bad');
  });

  it('says once per check that AWS credentials are missing, and skips what depends on the secret', async () => {
    const noCreds = () =>
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    sm.on(GetSecretValueCommand).rejects(noCreds());
    cfn.on(DescribeStacksCommand).rejects(noCreds());
    events.on(ListRulesCommand).rejects(noCreds());
    trail.on(DescribeTrailsCommand).rejects(noCreds());
    const out = await run();
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(
      '❌ Slack secret: cannot read cloudbell/slack (Secrets Manager, eu-west-1): CredentialsProviderError — no AWS credentials: set AWS_PROFILE or pass --profile',
    );
    expect(out.stdout).toContain('⚠️ signing secret: not checked: cloudbell/slack could not be read (above)');
    expect(out.stdout).toContain('⚠️ Slack token: not checked: no bot token');
    expect(out.stdout).toMatch(
      /❌ stack: cannot describe cloudbell-prod in eu-west-1: CredentialsProviderError — no AWS credentials/,
    );
  });

  it("fails when the Slack app's /aws-errors URL is not the stack's, and says how to fix it", async () => {
    healthyAws();
    slack();
    nock(URL_HOST).post('/slack/events').reply(401);
    appManifest('https://old.example.com/slack/events');
    const out = await run(['--app-id', 'A0CLOUDBELL'], { SLACK_CONFIG_TOKEN: 'xoxe.xoxp-1-config' });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(
      `❌ Slack app: /aws-errors points at https://old.example.com/slack/events, not ${URL_HOST}/slack/events — paste the manifest from npx cloudbell init --manifest under App Manifest`,
    );
    const unchecked = await (async () => {
      healthyAws();
      slack();
      nock(URL_HOST).post('/slack/events').reply(401);
      return run();
    })();
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toMatch(
      /⚠️ Slack app: its \/aws-errors URL not checked — set SLACK_CONFIG_TOKEN/,
    );
  });

  it('reads the secret from SSM with --secret-parameter', async () => {
    healthyAws();
    ssm.on(GetParameterCommand, { Name: '/cloudbell/slack', WithDecryption: true }).resolves({
      Parameter: { Value: JSON.stringify({ botToken: TOKEN, signingSecret: SIGNING }) },
    });
    slack();
    nock(URL_HOST).post('/slack/events').reply(401);
    const out = await run(['--secret-parameter', '/cloudbell/slack']);
    expect(out.stdout).toContain('✅ Slack secret: /cloudbell/slack is readable (SSM, eu-west-1)');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    expect(out.code).toBe(0);
  });

  it('refuses bad usage with one line', async () => {
    const out = await cli(['doctor', '--region', 'eu-west-1', '--secret', 'a', '--secret-parameter', 'b']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('cloudbell doctor: give --secret or --secret-parameter, not both\n');
    const noRegion = await cli(['doctor', '--stag', 'prod']);
    expect(noRegion.stderr).toBe('cloudbell doctor: unknown option --stag (did you mean --stage?)\n');
  });
});
