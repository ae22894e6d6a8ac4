/**
 * The Lambda client (the slack handler's async hand-off to the worker). Nothing here reads a
 * function's configuration: GetFunctionConfiguration returns its environment variables.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';
import { regionalClients } from './regional-clients.js';

interface LambdaClientSettings {
  readonly key: ClientKey;
  readonly options: { maxAttempts?: number; requestTimeoutMs?: number };
}

const clients = regionalClients(
  ({ key, options }: LambdaClientSettings) =>
    `${keyOf(key)}|${options.maxAttempts ?? 1}|${options.requestTimeoutMs ?? ''}`,
  ({ key, options }) => new LambdaClient(clientConfig(key, options)),
);

/** The Lambda client for a region/profile and settings, created once. */
export function lambdaClient(
  key: ClientKey = {},
  options: { maxAttempts?: number; requestTimeoutMs?: number } = {},
): LambdaClient {
  return clients({ key, options });
}
