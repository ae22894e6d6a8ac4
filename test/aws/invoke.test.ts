import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InvokeError, invokeAsync } from '../../src/aws/invoke.js';

// The SDK's own credential chain and endpoint resolution, as in Lambda (environment variables).
beforeAll(() => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_SESSION_TOKEN', 'session-token');
  vi.stubEnv('AWS_PROFILE', '');
  nock.disableNetConnect();
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  vi.unstubAllEnvs();
});

describe('invokeAsync on the wire (notify → evidence, slack → errors-worker)', () => {
  it('POSTs the job to the invocations route as an Event, SigV4-signed for lambda with the session token', async () => {
    let seen: { headers: Record<string, string | string[]>; body: unknown } | undefined;
    const scope = nock('https://lambda.eu-west-1.amazonaws.com')
      .post('/2015-03-31/functions/cb-dev-evidence/invocations', function (this: { headers: unknown }, body) {
        seen = { headers: this.headers as Record<string, string | string[]>, body };
        return true;
      })
      .reply(202, '');
    await invokeAsync('cb-dev-evidence', { kind: 'evidence', n: 1 }, { requestTimeoutMs: 2_000 });
    expect(scope.isDone()).toBe(true);
    expect(seen?.body).toEqual({ kind: 'evidence', n: 1 });
    expect(seen?.headers['x-amz-invocation-type']).toBe('Event');
    expect(String(seen?.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/lambda\/aws4_request, SignedHeaders=[^,]*x-amz-invocation-type[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(seen?.headers['x-amz-security-token']).toBe('session-token');
  });

  it('fails with the error code when Lambda refuses, never quoting the payload', async () => {
    nock('https://lambda.eu-west-1.amazonaws.com')
      .post('/2015-03-31/functions/cb-dev-evidence/invocations')
      .reply(
        403,
        { message: 'not authorized to perform lambda:InvokeFunction' },
        { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/' },
      );
    const error = await invokeAsync('cb-dev-evidence', { secret: 'xoxb-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvokeError);
    expect((error as InvokeError).code).toBe('AccessDeniedException');
    expect((error as Error).message).toBe('cannot invoke cb-dev-evidence: AccessDeniedException');
  });
});
