/**
 * The Lambda client (the slack handler's async hand-off to the worker). Nothing here reads a
 * function's configuration: GetFunctionConfiguration returns its environment variables.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';

const clients = new Map<string, LambdaClient>();

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
