/**
 * A minimal client for AWS JSON-protocol APIs (DynamoDB, Secrets Manager): SigV4-signed POSTs
 * with the SDK's conventions — credentials and region from the Lambda environment,
 * `AWS_ENDPOINT_URL_<SERVICE>` / `AWS_ENDPOINT_URL` overrides, bounded retries with jittered
 * backoff on throttling, 5xx and network errors, and errors named by their AWS error code.
 */
import { CloudbellError } from '../core/errors.js';
import { retry } from '../core/retry.js';
import { type AwsCredentials, signRequest } from './sigv4.js';

/** An AWS API answered with an error; `name` is the AWS error code (e.g. ConditionalCheckFailedException). */
export class AwsCallError extends CloudbellError {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number | undefined,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    // Callers match on the AWS code, as they would on an SDK exception's name.
    this.name = code;
  }
}

export interface JsonApiOptions {
  /** Signing name and endpoint prefix, e.g. `dynamodb`, `secretsmanager`. */
  readonly service: string;
  /** `X-Amz-Target` prefix, e.g. `DynamoDB_20120810`, `secretsmanager`. */
  readonly targetPrefix: string;
  readonly jsonVersion: '1.0' | '1.1';
  /** Suffix of the `AWS_ENDPOINT_URL_<ID>` override, e.g. `DYNAMODB`, `SECRETS_MANAGER`. */
  readonly endpointEnvId: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly credentials?: AwsCredentials;
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

const RETRYABLE_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'TooManyRequestsException',
  'TransactionInProgressException',
  'InternalServerError',
  'InternalFailure',
  'InternalServiceError',
  'ServiceUnavailable',
]);

function envCredentials(env: NodeJS.ProcessEnv): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new AwsCallError(
      'CredentialsMissing',
      'no AWS credentials in the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, as Lambda sets them)',
      undefined,
      false,
    );
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}

/** The regional endpoint, partition-aware, unless overridden as the SDK allows. */
export function endpointFor(service: string, region: string, envId: string, env: NodeJS.ProcessEnv): string {
  const override = env[`AWS_ENDPOINT_URL_${envId}`] ?? env.AWS_ENDPOINT_URL;
  if (override) return override;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${service}.${region}.${suffix}`;
}

/**
 * @example
 * ```ts
 * const ddb = new AwsJsonClient({ service: 'dynamodb', targetPrefix: 'DynamoDB_20120810', jsonVersion: '1.0', endpointEnvId: 'DYNAMODB' });
 * const { Item } = await ddb.call('GetItem', { TableName, Key });
 * ```
 */
export class AwsJsonClient {
  readonly #options: JsonApiOptions;

  constructor(options: JsonApiOptions) {
    this.#options = options;
  }

  /** Calls `operation` with `input`; resolves to the parsed JSON answer. */
  async call<T = Record<string, unknown>>(operation: string, input: unknown): Promise<T> {
    return retry(() => this.#once(operation, input) as Promise<T>, {
      maxAttempts: this.#options.maxAttempts ?? 3,
      // Full jitter as in the SDK's standard retry mode: the first retry within 200 ms,
      // doubling, capped at 2 s.
      baseDelayMs: 200,
      maxDelayMs: 2_000,
      retryable: (error) => (error instanceof AwsCallError ? error.retryable : true),
    });
  }

  async #once(operation: string, input: unknown): Promise<unknown> {
    const o = this.#options;
    const env = o.env ?? process.env;
    const region = o.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!region) throw new AwsCallError('RegionMissing', 'no AWS region (AWS_REGION)', undefined, false);
    const url = new URL(o.endpoint ?? endpointFor(o.service, region, o.endpointEnvId, env));
    const body = JSON.stringify(input ?? {});
    const headers = signRequest({
      method: 'POST',
      url,
      headers: {
        'content-type': `application/x-amz-json-${o.jsonVersion}`,
        'x-amz-target': `${o.targetPrefix}.${operation}`,
      },
      body,
      service: o.service,
      region,
      credentials: o.credentials ?? envCredentials(env),
      now: new Date(),
    });
    // `host` is set by fetch itself and may not be passed.
    const { host: _host, ...sendHeaders } = headers;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: sendHeaders,
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 3_000),
      });
    } catch (cause) {
      throw new AwsCallError(
        'NetworkingError',
        `${o.service} ${operation}: ${(cause as Error).message}`,
        undefined,
        true,
        {
          cause,
        },
      );
    }
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      json = {};
    }
    if (response.ok) return json;
    const type = String(json.__type ?? response.headers.get('x-amzn-errortype') ?? `Http${response.status}`);
    const code = type.split('#').pop()?.split(':')[0] ?? type;
    const message = String(json.message ?? json.Message ?? response.statusText);
    throw new AwsCallError(
      code,
      `${o.service} ${operation}: ${code}: ${message}`,
      response.status,
      response.status >= 500 || RETRYABLE_CODES.has(code),
    );
  }
}
