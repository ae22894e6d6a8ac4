/**
 * Lambda function logging settings for /aws-errors: the log group (custom when
 * `LoggingConfig.LogGroup` is set) and the log format, cached per execution environment.
 */
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { defaultLogGroup } from '../errors/plan.js';
import type { FunctionLogging } from '../errors/port.js';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';

const clients = new Map<string, LambdaClient>();
/** Logging settings rarely change; a warm worker re-reads them after this long. */
const CACHE_TTL_MS = 15 * 60_000;
const cache = new Map<string, { value: FunctionLogging; expires: number }>();

/** The Lambda client for a region/profile, created once. */
export function lambdaClient(
  key: ClientKey = {},
  options: { maxAttempts?: number; requestTimeoutMs?: number } = {},
): LambdaClient {
  const id = `${keyOf(key)}|${options.maxAttempts ?? 1}|${options.requestTimeoutMs ?? ''}`;
  let client = clients.get(id);
  if (!client) {
    client = new LambdaClient(clientConfig(key, options));
    clients.set(id, client);
  }
  return client;
}

/**
 * A function's log group and format, from GetFunctionConfiguration (cached).
 *
 * @throws the SDK error (e.g. ResourceNotFoundException) when the function cannot be read
 * @example
 * ```ts
 * await functionLogging(lambdaClient({ region }), 'checkout-api'); // { logGroup: '/aws/lambda/checkout-api', logFormat: 'Text' }
 * ```
 */
export async function functionLogging(
  client: LambdaClient,
  functionName: string,
  cacheKey = '',
): Promise<FunctionLogging> {
  const key = `${cacheKey}|${functionName}`;
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.value;
  const out = await client.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
  const value: FunctionLogging = {
    logGroup: out.LoggingConfig?.LogGroup || defaultLogGroup(functionName),
    logFormat: out.LoggingConfig?.LogFormat === 'JSON' ? 'JSON' : 'Text',
  };
  cache.set(key, { value, expires: Date.now() + CACHE_TTL_MS });
  return value;
}

/** Tests start from an empty cache. */
export function clearFunctionLoggingCache(): void {
  cache.clear();
}
