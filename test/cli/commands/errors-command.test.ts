/**
 * `cloudbell errors` in process: the real command and the real SDK adapters, with
 * aws-sdk-client-mock in place of AWS.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { awsErrorsPort } from '../../../src/aws/errors-port.js';
import { createErrorsCommand } from '../../../src/cli/commands/errors-command.js';
import { cli } from '../../helpers/cli.js';

const cw = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);
const lambda = mockClient(LambdaClient);
const dir = mkdtempSync(join(tmpdir(), 'cloudbell-errors-'));
const configFile = join(dir, 'cloudbell.config.yml');
writeFileSync(configFile, 'slack:\n  defaultChannel: "#aws-alerts"\nerrors:\n  budgetSeconds: 5\n');
const awsConfigFile = join(dir, 'aws-config');
writeFileSync(
  awsConfigFile,
  '[default]\nregion = eu-west-1\n\n[profile ops-readonly]\nregion = eu-west-1\n\n[profile from-env]\n[profile cli-wins]\n',
);

const ports: { region: string; profile: string | undefined }[] = [];

/** `cloudbell errors` through the CLI, recording which region and profile each AWS port is for. */
const errors = createErrorsCommand({
  errorsPort: ({ region, profile }) => {
    ports.push({ region, profile });
    return awsErrorsPort({ region, ...(profile ? { profile } : {}) });
  },
  now: () => new Date(),
});

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return cli(['errors', ...args], {
    env: {
      CLOUDBELL_CONFIG: configFile,
      AWS_REGION: 'eu-west-1',
      AWS_CONFIG_FILE: awsConfigFile,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      ...env,
    },
    commands: { errors },
  });
}

const REQ = '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b';
const line = (type: string, message: string) =>
  `2025-11-18T10:01:33.456Z\t${REQ}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: type, errorMessage: message, stack: [] })}`;

beforeEach(() => {
  cw.reset();
  logs.reset();
  lambda.reset();
  ports.length = 0;
  cw.on(GetMetricDataCommand).resolves({
    MetricDataResults: [
      { Id: 'errors', Label: 'checkout-api', Values: [3] },
      { Id: 'errors', Label: 'billing', Values: [1] },
    ],
  });
  logs.on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/checkout-api' }).resolves({
    events: [1, 2, 3].map((i) => ({
      timestamp: Date.now() - i * 1000,
      message: line('TypeError', `order ${i} has no id`),
    })),
  });
  logs.on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/billing' }).resolves({
    events: [{ timestamp: Date.now() - 5000, message: line('Error', 'card declined for ops@example.com') }],
  });
});

afterAll(() => {
  cw.restore();
  logs.restore();
  lambda.restore();
});

describe('cloudbell errors', () => {
  it('prints the summary and a table of groups, with progress on stderr', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('4 errors in 2 functions over the last hour · eu-west-1');
    expect(stdout).toMatch(/^ {5}3 {2}checkout-api\s+TypeError\s+.+ {2}order 1 has no id$/m);
    expect(stderr).toContain('scanning eu-west-1 over the last hour');
    expect(stdout).toContain('[REDACTED EMAIL]');
    expect(stdout).toContain(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fbilling',
    );
    expect(stderr).toContain('scanning logs: 2 of 2 functions');
    // No call that returns a function's configuration (and its environment variables).
    expect(lambda.calls()).toHaveLength(0);
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await run(['checkout-*', '--json', '--since', '2h']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.target).toEqual({ kind: 'prefix', prefix: 'checkout-' });
    expect(report.windowSeconds).toBe(7200);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({ functionName: 'checkout-api', count: 3 });
  });

  it('uses --profile, and AWS_PROFILE when no --profile is given', async () => {
    await run(['--profile', 'ops-readonly']);
    await run([], { AWS_PROFILE: 'from-env' });
    await run(['--profile=cli-wins'], { AWS_PROFILE: 'from-env' });
    expect(ports.map((p) => p.profile)).toEqual(['ops-readonly', 'from-env', 'cli-wins']);
  });

  it('says a profile that does not exist is missing, before asking AWS anything', async () => {
    for (const env of [{}, { AWS_REGION: undefined }]) {
      const { code, stderr } = await run(['--profile', 'ops-typo'], env);
      expect(code).toBe(2);
      expect(stderr).toContain('AWS profile "ops-typo" not found in ~/.aws/config or ~/.aws/credentials');
    }
    expect(ports).toEqual([]);
  });

  it('names the profile when it exists but gives no credentials', async () => {
    cw.on(GetMetricDataCommand).rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    const { code, stderr } = await run(['--profile', 'ops-readonly']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'AWS profile "ops-readonly" gave no credentials: run aws sso login --profile ops-readonly',
    );
  });

  it('uses --region over AWS_REGION', async () => {
    await run(['--region', 'us-east-2']);
    expect(ports[0]?.region).toBe('us-east-2');
  });

  it.each([
    [['--since', '30d'], 'longer than 7 days'],
    [['--public'], '--public only applies in Slack'],
    [['--profile'], '--profile needs a value'],
  ])('exits 2 on %j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 1 with the AWS error name when metrics cannot be read', async () => {
    cw.on(GetMetricDataCommand).rejects(Object.assign(new Error('x'), { name: 'ExpiredTokenException' }));
    const { code, stderr } = await run([]);
    expect(code).toBe(1);
    expect(stderr).toContain('ExpiredTokenException');
  });

  it.each([
    [
      'no credentials at all',
      { name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' },
      'CredentialsProviderError: no AWS credentials found: set AWS_PROFILE or pass --profile',
    ],
    [
      'a profile that does not exist',
      {
        name: 'CredentialsProviderError',
        message:
          'Could not resolve credentials using profile: [ops-typo] in configuration/credentials file(s).',
      },
      'AWS profile "ops-typo" not found in ~/.aws/config or ~/.aws/credentials',
    ],
    [
      'a denied call',
      {
        name: 'AccessDeniedException',
        message:
          'User: arn:aws:iam::210987654321:user/dev is not authorized to perform: cloudwatch:GetMetricData',
      },
      'AccessDeniedException: User: arn:aws:iam::210987654321:user/dev is not authorized to perform: cloudwatch:GetMetricData',
    ],
  ])('names the AWS error code and what it means for %s', async (_what, error, expected) => {
    cw.on(GetMetricDataCommand).rejects(Object.assign(new Error(error.message), { name: error.name }));
    const { code, stderr } = await run([]);
    expect(code).toBe(1);
    expect(stderr).toContain(expected);
  });

  it('redacts the printed table and JSON once more', async () => {
    const { renderErrorsTable } = await import('../../../src/cli/commands/errors-command.js');
    const { stdout } = await run(['--json']);
    const report = JSON.parse(stdout);
    report.groups[0].sample = 'login with DB_PASSWORD=hunter2 failed';
    const table = renderErrorsTable(report, new Date(), { emails: true });
    expect(table).toContain('DB_PASSWORD=[REDACTED]');
    expect(table).not.toContain('hunter2');
  });
});

describe('renderErrorsTable — the last redaction pass keeps cloudbell’s own text', () => {
  it('keeps the console link of a function whose name contains a secret word', async () => {
    const { renderErrorsTable } = await import('../../../src/cli/commands/errors-command.js');
    const { stdout } = await run(['--json']);
    const report = JSON.parse(stdout);
    for (const g of report.groups) {
      g.functionName = 'auth-service';
      g.logGroup = '/aws/lambda/auth-service';
    }
    const table = renderErrorsTable(report, new Date(), { emails: true });
    expect(table).toMatch(/auth-service: https:\/\/eu-west-1\.console\.aws\.amazon\.com\/\S+auth-service/);
    expect(table).not.toContain('[REDACTED]');
  });
});
