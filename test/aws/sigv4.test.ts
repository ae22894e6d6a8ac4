import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { amzDate, signRequest } from '../../src/aws/sigv4.js';

/** The AWS documentation's example credentials. */
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const now = new Date('2015-08-30T12:36:00Z');

/** The SDK's own signer, as the oracle. */
async function sdkAuthorization(options: {
  url: URL;
  headers: Record<string, string>;
  body: string;
  service: string;
  region: string;
  sessionToken?: string;
}): Promise<string> {
  const signer = new SignatureV4({
    credentials: { ...credentials, ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}) },
    region: options.region,
    service: options.service,
    sha256: Sha256,
    // As the SDK's DynamoDB and Secrets Manager clients sign (x-amz-content-sha256 is for S3).
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: options.url.protocol,
      hostname: options.url.hostname,
      ...(options.url.port ? { port: Number(options.url.port) } : {}),
      path: options.url.pathname,
      query: Object.fromEntries(options.url.searchParams),
      headers: { ...options.headers, host: options.url.host },
      body: options.body,
    },
    { signingDate: now },
  );
  return String(signed.headers.authorization);
}

describe('signRequest', () => {
  it('formats the SigV4 date', () => {
    expect(amzDate(now)).toBe('20150830T123600Z');
  });

  interface Case {
    name: string;
    url: URL;
    headers: Record<string, string>;
    body: string;
    service: string;
    region: string;
    sessionToken?: string;
  }
  const cases: Case[] = [
    {
      name: 'a DynamoDB PutItem',
      url: new URL('https://dynamodb.eu-west-1.amazonaws.com/'),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
      body: JSON.stringify({ TableName: 't', Item: { pk: { S: 'dedupe#eb:1' }, sk: { S: '#aws-alerts' } } }),
      service: 'dynamodb',
      region: 'eu-west-1',
    },
    {
      name: 'a Secrets Manager call with a session token',
      url: new URL('https://secretsmanager.cn-north-1.amazonaws.com.cn/'),
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'secretsmanager.GetSecretValue',
      },
      body: '{"SecretId":"cloudbell/slack"}',
      service: 'secretsmanager',
      region: 'cn-north-1',
      sessionToken: 'IQoJb3JpZ2luX2VjEKX//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==',
    },
    {
      name: 'a local endpoint with a port, a path, a query and Unicode in the body',
      url: new URL('http://127.0.0.1:8000/some path/x?b=2&a=1&c=%E2%9C%93'),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Query' },
      body: JSON.stringify({ TableName: '결제', Key: { pk: { S: '🔔 <!channel>' } } }),
      service: 'dynamodb',
      region: 'us-gov-west-1',
    },
  ];

  it.each(cases)('signs $name exactly as the AWS SDK does', async (c) => {
    const ours = signRequest({
      method: 'POST',
      url: c.url,
      headers: c.headers,
      body: c.body,
      service: c.service,
      region: c.region,
      credentials: { ...credentials, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) },
      now,
    });
    const sdk = await sdkAuthorization(c);
    expect(ours.authorization).toBe(sdk);
    expect(ours['x-amz-date']).toBe('20150830T123600Z');
    if (c.sessionToken) expect(ours['x-amz-security-token']).toBe(c.sessionToken);
  });

  it('changes the signature when the body is tampered with', () => {
    const sign = (body: string) =>
      signRequest({
        method: 'POST',
        url: new URL('https://dynamodb.eu-west-1.amazonaws.com/'),
        headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem' },
        body,
        service: 'dynamodb',
        region: 'eu-west-1',
        credentials,
        now,
      }).authorization;
    expect(sign('{"a":1}')).not.toBe(sign('{"a":2}'));
  });
});
