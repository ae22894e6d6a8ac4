/**
 * Shared SDK v3 client settings for the adapters in src/aws. One attempt unless an adapter asks
 * for more (the /aws-errors plan owns its throttling retries, within its time budget); requests
 * time out well inside the Lambda's own timeout. Clients are kept per key by regional-clients.ts.
 */
export interface ClientKey {
  readonly region?: string;
  /** Named profile (CLI `--profile`); the default chain already honours AWS_PROFILE. */
  readonly profile?: string;
}

export function clientConfig(
  key: ClientKey,
  options: { maxAttempts?: number; requestTimeoutMs?: number } = {},
) {
  return {
    ...(key.region ? { region: key.region } : {}),
    ...(key.profile ? { profile: key.profile } : {}),
    maxAttempts: options.maxAttempts ?? 1,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 10_000, connectionTimeout: 3_000 },
  };
}

/** Cache key of a client: one client per region and profile for the life of the process. */
export function keyOf(key: ClientKey): string {
  return `${key.region ?? ''}|${key.profile ?? ''}`;
}
