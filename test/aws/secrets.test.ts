import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackSecret } from '../../src/aws/secrets.js';
import { SecretError } from '../../src/errors.js';

const secrets = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);
const SECRET = {
  botToken: 'xoxb-1111-2222-abcdefghijklmnop',
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
};

beforeEach(() => {
  process.env.AWS_REGION = 'eu-west-1';
});
afterEach(() => {
  secrets.reset();
  ssm.reset();
});

describe('slackSecret', () => {
  it('uses SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET without touching AWS', async () => {
    const out = await slackSecret(['botToken', 'signingSecret'], {
      SLACK_BOT_TOKEN: 'xoxb-local',
      SLACK_SIGNING_SECRET: 's',
    });
    expect(out).toEqual({ botToken: 'xoxb-local', signingSecret: 's' });
    expect(secrets.calls()).toHaveLength(0);
  });

  it('reads the JSON secret from Secrets Manager once and caches it', async () => {
    secrets
      .on(GetSecretValueCommand, { SecretId: 'cloudbell/slack-a' })
      .resolves({ SecretString: JSON.stringify(SECRET) });
    const env = { CLOUDBELL_SECRET_ID: 'cloudbell/slack-a' };
    expect(await slackSecret(['botToken'], env)).toEqual(SECRET);
    expect(await slackSecret(['signingSecret'], env)).toEqual(SECRET);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('lets an environment value override one key of the stored secret', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(SECRET) });
    const out = await slackSecret(['botToken', 'signingSecret'], {
      CLOUDBELL_SECRET_ID: 'cloudbell/slack-b',
      SLACK_BOT_TOKEN: 'xoxb-override',
    });
    expect(out).toEqual({ botToken: 'xoxb-override', signingSecret: SECRET.signingSecret });
  });

  it('reads an SSM SecureString with decryption', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify(SECRET) } });
    expect(await slackSecret(['botToken'], { CLOUDBELL_SECRET_PARAMETER: '/cloudbell/slack' })).toEqual(
      SECRET,
    );
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/cloudbell/slack',
      WithDecryption: true,
    });
  });

  it('names what is missing and how to set it', async () => {
    await expect(slackSecret(['botToken'], {})).rejects.toThrow(
      /missing Slack botToken.*CLOUDBELL_SECRET_ID.*SLACK_BOT_TOKEN/,
    );
  });

  it('names the secret but never its value when a key is absent from it', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ botToken: SECRET.botToken }) });
    const error = await slackSecret(['botToken', 'signingSecret'], {
      CLOUDBELL_SECRET_ID: 'cloudbell/slack-c',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(String(error.message)).toMatch(/signingSecret/);
    expect(String(error.message)).not.toContain(SECRET.botToken);
  });

  it('wraps a Secrets Manager failure in a SecretError naming the secret', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(slackSecret(['botToken'], { CLOUDBELL_SECRET_ID: 'cloudbell/slack-d' })).rejects.toThrow(
      /cannot read the Slack secret cloudbell\/slack-d/,
    );
  });
});
