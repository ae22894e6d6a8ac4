import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HandOffError, invokeEventSigned } from '../../src/aws/invoke-signed.js';

const env = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token',
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('invokeEventSigned (notify → evidence hand-off)', () => {
  it('POSTs the job to the function invocations route as an Event, signed for lambda', async () => {
    let seen: { headers: Record<string, string | string[]>; body: unknown } | undefined;
    nock('https://lambda.eu-west-1.amazonaws.com')
      .post('/2015-03-31/functions/cb-dev-evidence/invocations', function (this: { headers: unknown }, body) {
        seen = { headers: this.headers as Record<string, string | string[]>, body };
        return true;
      })
      .reply(202, '');
    await invokeEventSigned('cb-dev-evidence', { kind: 'evidence', n: 1 }, { env });
    expect(seen?.body).toEqual({ kind: 'evidence', n: 1 });
    expect(seen?.headers['x-amz-invocation-type']).toBe('Event');
    expect(String(seen?.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/lambda\/aws4_request, SignedHeaders=[^,]*x-amz-invocation-type[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(seen?.headers['x-amz-security-token']).toBe('session-token');
  });

  it('fails with the error type when Lambda refuses, never with the payload', async () => {
    nock('https://lambda.eu-west-1.amazonaws.com')
      .post('/2015-03-31/functions/cb-dev-evidence/invocations')
      .reply(
        403,
        { message: 'not authorized to perform lambda:InvokeFunction' },
        {
          'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/',
        },
      );
    await expect(invokeEventSigned('cb-dev-evidence', { secret: 'xoxb-1' }, { env })).rejects.toThrow(
      new HandOffError('invoke of cb-dev-evidence answered AccessDeniedException'),
    );
  });

  it('fails without credentials instead of sending an unsigned request', async () => {
    await expect(invokeEventSigned('f', {}, { env: { AWS_REGION: 'eu-west-1' } })).rejects.toBeInstanceOf(
      HandOffError,
    );
  });
});
