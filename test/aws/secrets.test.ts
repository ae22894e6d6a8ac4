import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { slackSecret } from '../../src/aws/secrets.js';
import { SecretError } from '../../src/core/errors.js';

const SECRETS = 'https://secretsmanager.eu-west-1.amazonaws.com';
const SSM = 'https://ssm.eu-west-1.amazonaws.com';
const SECRET = {
  botToken: 'xoxb-1111-2222-abcdefghijklmnop',
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
};

beforeEach(() => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLEEXAMPLE00');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_SESSION_TOKEN', 'session-token');
  nock.disableNetConnect();
});
afterEach(() => {
  vi.unstubAllEnvs();
  nock.cleanAll();
  nock.enableNetConnect();
});

/** Secrets Manager answering GetSecretValue for one secret id, signed as Lambda's role would sign. */
function secretsManager(secretId: string, reply: [number, Record<string, unknown>]) {
  return nock(SECRETS)
    .matchHeader('x-amz-target', 'secretsmanager.GetSecretValue')
    .matchHeader('content-type', 'application/x-amz-json-1.1')
    .matchHeader('x-amz-security-token', 'session-token')
    .matchHeader(
      'authorization',
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE00\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request, /,
    )
    .post('/', { SecretId: secretId })
    .reply(...reply);
}

describe('slackSecret', () => {
  it('uses SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET without touching AWS', async () => {
    const out = await slackSecret(['botToken', 'signingSecret'], {
      SLACK_BOT_TOKEN: 'xoxb-local',
      SLACK_SIGNING_SECRET: 's',
    });
    expect(out).toEqual({ botToken: 'xoxb-local', signingSecret: 's' });
  });

  it('reads the JSON secret from Secrets Manager once and caches it', async () => {
    const scope = secretsManager('cloudbell/slack-a', [200, { SecretString: JSON.stringify(SECRET) }]);
    const env = { CLOUDBELL_SECRET_ID: 'cloudbell/slack-a' };
    expect(await slackSecret(['botToken'], env)).toEqual(SECRET);
    expect(await slackSecret(['signingSecret'], env)).toEqual(SECRET);
    expect(scope.isDone()).toBe(true);
  });

  it('reads a binary secret', async () => {
    secretsManager('cloudbell/slack-bin', [
      200,
      { SecretBinary: Buffer.from(JSON.stringify(SECRET)).toString('base64') },
    ]);
    expect(await slackSecret(['botToken'], { CLOUDBELL_SECRET_ID: 'cloudbell/slack-bin' })).toEqual(SECRET);
  });

  it('lets an environment value override one key of the stored secret', async () => {
    secretsManager('cloudbell/slack-b', [200, { SecretString: JSON.stringify(SECRET) }]);
    const out = await slackSecret(['botToken', 'signingSecret'], {
      CLOUDBELL_SECRET_ID: 'cloudbell/slack-b',
      SLACK_BOT_TOKEN: 'xoxb-override',
    });
    expect(out).toEqual({ botToken: 'xoxb-override', signingSecret: SECRET.signingSecret });
  });

  it('reads an SSM SecureString with decryption', async () => {
    const scope = nock(SSM)
      .matchHeader('x-amz-target', 'AmazonSSM.GetParameter')
      .post('/', { Name: '/cloudbell/slack', WithDecryption: true })
      .reply(200, {
        Parameter: { Name: '/cloudbell/slack', Type: 'SecureString', Value: JSON.stringify(SECRET) },
      });
    expect(await slackSecret(['botToken'], { CLOUDBELL_SECRET_PARAMETER: '/cloudbell/slack' })).toEqual(
      SECRET,
    );
    expect(scope.isDone()).toBe(true);
  });

  it('names what is missing and how to set it', async () => {
    await expect(slackSecret(['botToken'], {})).rejects.toThrow(
      /missing Slack botToken.*CLOUDBELL_SECRET_ID.*SLACK_BOT_TOKEN/,
    );
  });

  it('names the secret but never its value when a key is absent from it', async () => {
    secretsManager('cloudbell/slack-c', [
      200,
      { SecretString: JSON.stringify({ botToken: SECRET.botToken }) },
    ]);
    const error = await slackSecret(['botToken', 'signingSecret'], {
      CLOUDBELL_SECRET_ID: 'cloudbell/slack-c',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretError);
    expect(String((error as Error).message)).toMatch(/signingSecret/);
    expect(String((error as Error).message)).not.toContain(SECRET.botToken);
  });

  it('reports the AWS error code when the secret cannot be read', async () => {
    secretsManager('cloudbell/slack-d', [
      400,
      { __type: 'com.amazonaws.secretsmanager#AccessDeniedException', message: 'User is not authorized' },
    ]);
    await expect(slackSecret(['botToken'], { CLOUDBELL_SECRET_ID: 'cloudbell/slack-d' })).rejects.toThrow(
      'cannot read the Slack secret cloudbell/slack-d: AccessDeniedException',
    );
  });
});
