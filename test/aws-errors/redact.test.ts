import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyLogLine } from '../../src/aws-errors/classify.js';
import { isSecretName, redact } from '../../src/aws-errors/redact.js';

// Real-format but fake secrets. Token prefixes are split so secret scanners do not flag the repo.
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SESSION_KEY_ID = 'ASIAY34FZKBOKMUTVV7A';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SLACK_BOT = `${'xox'}b-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx`;
const SLACK_USER = `${'xox'}p-123456789012-123456789012-1234567890123-0123456789abcdef0123456789abcdef`;
const SLACK_APP = `${'xa'}pp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef0123456789abcdef`;
const SLACK_WEBHOOK = `https://hooks.slack.com/services/T00000000/B00000000/${'XXXXXXXXXXXXXXXXXXXXXXXX'}`;
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const GITHUB = `${'gh'}p_16C7e42F292c6912E7710c838347Ae178B4a`;
const STRIPE = `${'sk'}_live_4eC39HqLyjWDarjtT1zdp7dc`;
const GOOGLE = `${'AI'}zaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe`;
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAvZ4yqYp5f8fR5Vt9mQ3xQGmF0tYfQJ1n2kqZ1Y0qT3y9m3fE',
  'kX2m0R1fE8VnYq2bW8t7wzXWcY0vQ8bE5dM1n3rR0aT2Yx9pL4wQ6sK1u3vZ9c==',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

interface Case {
  readonly name: string;
  readonly line: string;
  readonly secrets: readonly string[];
  readonly keeps?: readonly string[];
}

const corpus: readonly Case[] = [
  {
    name: 'AWS access key id',
    line: `using credentials ${AWS_KEY_ID} for s3`,
    secrets: [AWS_KEY_ID],
    keeps: ['for s3'],
  },
  {
    name: 'temporary (ASIA) key id',
    line: `assumed role, key ${AWS_SESSION_KEY_ID}`,
    secrets: [AWS_SESSION_KEY_ID],
  },
  {
    name: 'secret access key in env style',
    line: `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`,
    secrets: [AWS_SECRET],
    keeps: ['AWS_SECRET_ACCESS_KEY='],
  },
  {
    name: 'secret access key in JSON',
    line: `{"AccessKeyId":"${AWS_KEY_ID}","SecretAccessKey":"${AWS_SECRET}"}`,
    secrets: [AWS_KEY_ID, AWS_SECRET],
  },
  {
    name: 'secret access key in an ini file',
    line: `aws_secret_access_key = ${AWS_SECRET}`,
    secrets: [AWS_SECRET],
  },
  {
    name: 'key id and secret side by side (CSV)',
    line: `${AWS_KEY_ID},${AWS_SECRET}`,
    secrets: [AWS_KEY_ID, AWS_SECRET],
  },
  { name: 'Slack bot token', line: `posting with token ${SLACK_BOT}`, secrets: [SLACK_BOT] },
  { name: 'Slack user token', line: `Authorization failed for ${SLACK_USER}`, secrets: [SLACK_USER] },
  { name: 'Slack app-level token', line: `socket mode ${SLACK_APP}`, secrets: [SLACK_APP] },
  {
    name: 'Slack webhook URL',
    line: `POST ${SLACK_WEBHOOK} failed: 404`,
    secrets: ['XXXXXXXXXXXXXXXXXXXXXXXX'],
    keeps: ['failed: 404'],
  },
  { name: 'JWT', line: `invalid session ${JWT} expired`, secrets: [JWT], keeps: ['expired'] },
  {
    name: 'Bearer token',
    line: 'Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543',
    secrets: ['8f14e45fceea167a5a36dedd4bea2543'],
  },
  {
    name: 'Basic credentials',
    line: 'authorization header Basic dXNlcjpodW50ZXIyaHVudGVy',
    secrets: ['dXNlcjpodW50ZXIyaHVudGVy'],
  },
  {
    name: 'password in a database URL',
    line: 'connect postgres://app:S3cr3t-P4ss@db.internal:5432/orders failed',
    secrets: ['S3cr3t-P4ss'],
    keeps: ['postgres://app:', '@db.internal:5432/orders'],
  },
  {
    name: 'password in a redis URL',
    line: 'redis://:hunter2hunter2@cache:6379',
    secrets: ['hunter2hunter2'],
  },
  {
    name: 'password field in JSON',
    line: '{"user":"svc","password":"correct horse"}',
    secrets: ['correct'],
    keeps: ['"user":"svc"'],
  },
  {
    name: 'api_key query parameter',
    line: 'GET /v1/rates?api_key=9a8b7c6d5e4f3a2b1c0d&currency=EUR',
    secrets: ['9a8b7c6d5e4f3a2b1c0d'],
    keeps: ['currency=EUR'],
  },
  { name: 'client_secret', line: "client_secret: 'Zx9-Qw8_Er7.Ty6'", secrets: ['Zx9-Qw8_Er7.Ty6'] },
  {
    name: 'PEM private key',
    line: `loaded key ${PEM} ok`,
    secrets: ['MIIEowIBAAKCAQEAvZ4yqYp5f8fR5Vt9mQ3xQGmF0tYfQJ1n2kqZ1Y0qT3y9m3fE'],
    keeps: ['ok'],
  },
  {
    name: 'PEM key with JSON-escaped newlines',
    line: JSON.stringify({ key: PEM }),
    secrets: ['kX2m0R1fE8VnYq2bW8t7wzXWcY0vQ8bE5dM1n3rR0aT2Yx9pL4wQ6sK1u3vZ9c'],
  },
  {
    name: 'PEM key cut off by the log line limit',
    line: `key=${PEM.slice(0, 80)}`,
    secrets: ['MIIEowIBAAKCAQEAvZ4'],
  },
  { name: 'GitHub token', line: `git clone failed with ${GITHUB}`, secrets: [GITHUB] },
  { name: 'Stripe live key', line: `stripe init ${STRIPE}`, secrets: [STRIPE] },
  { name: 'Google API key', line: `maps key ${GOOGLE}`, secrets: [GOOGLE] },
  {
    name: 'e-mail address',
    line: 'no account for jane.doe+billing@example.co.uk',
    secrets: ['jane.doe+billing@example.co.uk'],
  },
];

describe('redact — corpus of real-format secrets', () => {
  it.each(corpus.map((c) => [c.name, c] as const))('hides %s', (_name, c) => {
    const out = redact(c.line, { emails: true });
    for (const secret of c.secrets) expect(out).not.toContain(secret);
    expect(out).toMatch(/\[REDACTED/);
    for (const kept of c.keeps ?? []) expect(out).toContain(kept);
  });
});

describe('redact — what it leaves alone', () => {
  it.each([
    "TypeError: Cannot read properties of undefined (reading 'id')",
    'Task timed out after 3.00 seconds',
    'RequestId: 3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b Error: Runtime exited with error: signal: killed',
    'arn:aws:lambda:eu-west-1:210987654321:function:checkout-api',
    'tokenizer failed at column 17',
    'https://api.example.com/v1/orders?page=2',
  ])('keeps %s', (line) => {
    expect(redact(line, { emails: true })).toBe(line);
  });

  it('keeps e-mail addresses when errors.redactEmails is false', () => {
    expect(redact('no account for jane@example.com', { emails: false })).toBe(
      'no account for jane@example.com',
    );
  });
});

describe('redact before classify', () => {
  it('keeps a Node Invoke Error readable after its message was redacted', () => {
    const line = `2025-11-18T10:01:33.456Z\t3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b\tERROR\tInvoke Error \t${JSON.stringify(
      {
        errorType: 'Error',
        errorMessage: `login failed for postgres://app:S3cr3t@db/orders with key ${AWS_KEY_ID}`,
        stack: [],
      },
    )}`;
    const classified = classifyLogLine(redact(line, { emails: true }));
    expect(classified?.type).toBe('Error');
    expect(classified?.message).toBe(
      'login failed for postgres://app:[REDACTED]@db/orders with key [REDACTED AWS KEY ID]',
    );
  });
});

describe('redact — generated secrets in arbitrary surroundings', () => {
  const upperAlnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split(''));
  const alnum = fc.constantFrom(
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''),
  );
  const b64url = fc.constantFrom(
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'.split(''),
  );
  const str = (chars: fc.Arbitrary<string>, min: number, max: number) =>
    fc.array(chars, { minLength: min, maxLength: max }).map((a) => a.join(''));
  const secrets = fc.oneof(
    fc.tuple(fc.constantFrom('AKIA', 'ASIA'), str(upperAlnum, 16, 16)).map(([p, s]) => p + s),
    fc.tuple(fc.constantFrom('b', 'p', 'a'), str(alnum, 24, 40)).map(([k, s]) => `${'xox'}${k}-1234-${s}`),
    fc
      .tuple(str(b64url, 10, 40), str(b64url, 10, 80), str(b64url, 20, 43))
      .map(([h, p, sig]) => `eyJ${h}.eyJ${p}.${sig}`),
  );
  // Surroundings that do not glue onto the secret's own characters.
  const words = fc
    .array(fc.constantFrom('failed', 'token', 'key:', 'for', 'user', '(', ')', '"', ',', '=', 'ERROR'), {
      maxLength: 6,
    })
    .map((w) => w.join(' '));

  it('never lets the secret through', () => {
    fc.assert(
      fc.property(words, secrets, words, (before, secret, after) => {
        const out = redact(`${before} ${secret} ${after}`, { emails: true });
        expect(out).not.toContain(secret);
      }),
      { numRuns: 400 },
    );
  });
});

describe('isSecretName', () => {
  it('knows the names redact hides values of, whole names only, any case', () => {
    for (const name of ['password', 'PASSWORD', 'apiKey', 'api_key', 'clientSecret', 'token', 'sessionToken'])
      expect(isSecretName(name), name).toBe(true);
    for (const name of ['tokens_used', 'passwordPolicy', 'keyName', 'name', ''])
      expect(isSecretName(name), name).toBe(false);
  });
});
