import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SECRET_MAX_AGE_SECONDS, slackSecret } from '../../src/aws/secrets.js';
import { SecretError } from '../../src/core/errors.js';

const SECRET = {
  botToken: 'xoxb-1111-2222-abcdefghijklmnop',
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
};

const secretsManager = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);

beforeEach(() => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  secretsManager.reset();
  ssm.reset();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});
afterAll(() => {
  secretsManager.restore();
  ssm.restore();
});

/** Powertools caches per secret id for the life of the process: each test uses its own id. */
function storedSecret(secretId: string, value: unknown) {
  secretsManager
    .on(GetSecretValueCommand, { SecretId: secretId })
    .resolves({ SecretString: JSON.stringify(value) });
}

describe('slackSecret', () => {
  it('uses SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET without touching AWS', async () => {
    const out = await slackSecret(['botToken', 'signingSecret'], {
      SLACK_BOT_TOKEN: 'xoxb-local',
      SLACK_SIGNING_SECRET: 's',
    });
    expect(out).toEqual({ botToken: 'xoxb-local', signingSecret: 's' });
    expect(secretsManager.calls()).toHaveLength(0);
  });

  it('reads the JSON secret from Secrets Manager once and caches it', async () => {
    storedSecret('cloudbell/slack-a', SECRET);
    const env = { CLOUDBELL_SECRET_ID: 'cloudbell/slack-a' };
    expect(await slackSecret(['botToken'], env)).toEqual(SECRET);
    expect(await slackSecret(['signingSecret'], env)).toEqual(SECRET);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('reads the store again once the cached value expires, so a rotated secret is used', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const env = { CLOUDBELL_SECRET_ID: 'cloudbell/slack-rotating' };
    storedSecret('cloudbell/slack-rotating', SECRET);
    expect((await slackSecret(['botToken'], env)).botToken).toBe(SECRET.botToken);
    const rotated = { ...SECRET, botToken: 'xoxb-rotated' };
    storedSecret('cloudbell/slack-rotating', rotated);
    vi.advanceTimersByTime((SECRET_MAX_AGE_SECONDS - 10) * 1000);
    expect((await slackSecret(['botToken'], env)).botToken).toBe(SECRET.botToken);
    vi.advanceTimersByTime(20_000);
    expect((await slackSecret(['botToken'], env)).botToken).toBe('xoxb-rotated');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('reads a binary secret', async () => {
    secretsManager
      .on(GetSecretValueCommand, { SecretId: 'cloudbell/slack-bin' })
      .resolves({ SecretBinary: new TextEncoder().encode(JSON.stringify(SECRET)) });
    expect(await slackSecret(['botToken'], { CLOUDBELL_SECRET_ID: 'cloudbell/slack-bin' })).toEqual(SECRET);
  });

  it('lets an environment value override one key of the stored secret', async () => {
    storedSecret('cloudbell/slack-b', SECRET);
    const out = await slackSecret(['botToken', 'signingSecret'], {
      CLOUDBELL_SECRET_ID: 'cloudbell/slack-b',
      SLACK_BOT_TOKEN: 'xoxb-override',
    });
    expect(out).toEqual({ botToken: 'xoxb-override', signingSecret: SECRET.signingSecret });
  });

  it('reads an SSM SecureString with decryption', async () => {
    ssm.on(GetParameterCommand, { Name: '/cloudbell/slack', WithDecryption: true }).resolves({
      Parameter: { Name: '/cloudbell/slack', Type: 'SecureString', Value: JSON.stringify(SECRET) },
    });
    expect(await slackSecret(['botToken'], { CLOUDBELL_SECRET_PARAMETER: '/cloudbell/slack' })).toEqual(
      SECRET,
    );
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
  });

  it('names what is missing and how to set it', async () => {
    await expect(slackSecret(['botToken'], {})).rejects.toThrow(
      /missing Slack botToken.*CLOUDBELL_SECRET_ID.*SLACK_BOT_TOKEN/,
    );
  });

  it('names the secret but never its value when a key is absent from it', async () => {
    storedSecret('cloudbell/slack-c', { botToken: SECRET.botToken });
    const error = await slackSecret(['botToken', 'signingSecret'], {
      CLOUDBELL_SECRET_ID: 'cloudbell/slack-c',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(String((error as Error).message)).toMatch(/signingSecret/);
    expect(String((error as Error).message)).not.toContain(SECRET.botToken);
  });

  it('reports the AWS error name when the secret cannot be read', async () => {
    const denied = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' });
    secretsManager.on(GetSecretValueCommand, { SecretId: 'cloudbell/slack-d' }).rejects(denied);
    await expect(slackSecret(['botToken'], { CLOUDBELL_SECRET_ID: 'cloudbell/slack-d' })).rejects.toThrow(
      'cannot read the Slack secret cloudbell/slack-d: AccessDeniedException',
    );
  });
});
