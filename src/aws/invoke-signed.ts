/**
 * Asynchronous Lambda invoke (`InvocationType: Event`) as one SigV4-signed HTTPS call, for
 * notify: its bundle carries no AWS SDK client (test/infra/bundle.test.ts; src/aws/json-api.ts
 * explains the cold-start cost), and this is the one call it makes to hand evidence off. Signing
 * reuses ./sigv4.ts; the REST route is Lambda's documented `POST
 * /2015-03-31/functions/{FunctionName}/invocations` with `X-Amz-Invocation-Type: Event`, which
 * answers 202 once Lambda has queued the event. When notify moves to SDK clients, this becomes
 * `InvokeCommand` (src/aws/invoke.ts).
 */
import { CloudbellError } from '../core/errors.js';
import { endpointFor } from './json-api.js';
import { signRequest } from './sigv4.js';

/** Lambda did not accept the event. */
export class HandOffError extends CloudbellError {}

export interface SignedInvokeOptions {
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Queues `payload` for `functionName`; resolves when Lambda answered 202.
 *
 * @throws {HandOffError} on a refusal, a timeout or missing credentials
 * @example
 * ```ts
 * await invokeEventSigned('cloudbell-prod-evidence', job);
 * ```
 */
export async function invokeEventSigned(
  functionName: string,
  payload: unknown,
  options: SignedInvokeOptions = {},
): Promise<void> {
  const env = options.env ?? process.env;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!region || !accessKeyId || !secretAccessKey)
    throw new HandOffError('no AWS region or credentials in the environment (as Lambda sets them)');
  const base = new URL(endpointFor('lambda', region, 'LAMBDA', env));
  const url = new URL(`/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`, base);
  const body = JSON.stringify(payload);
  const headers = signRequest({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'Event' },
    body,
    service: 'lambda',
    region,
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
    now: new Date(),
  });
  const { host: _host, ...sendHeaders } = headers;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: sendHeaders,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
    });
  } catch (cause) {
    throw new HandOffError(`cannot invoke ${functionName}: ${(cause as Error).name}`, { cause });
  }
  // Read the body so the connection is released (its text may quote the payload: not logged).
  await response.text().catch(() => '');
  if (response.status !== 202) {
    const type = response.headers.get('x-amzn-errortype') ?? `HTTP ${response.status}`;
    throw new HandOffError(`invoke of ${functionName} answered ${type.split(':')[0]}`);
  }
}
