/**
 * The Slack secret: one JSON secret `{ "botToken": "xoxb-…", "signingSecret": "…" }` in Secrets
 * Manager (`CLOUDBELL_SECRET_ID`) or an SSM SecureString (`CLOUDBELL_SECRET_PARAMETER`), read
 * through Powertools Parameters' own providers (SDK v3 clients) and cached for `maxAge`: after
 * that the next call reads the store again, so a rotated secret is picked up within five
 * minutes. `SLACK_BOT_TOKEN` / `SLACK_SIGNING_SECRET` override it for local runs. Values are
 * never logged.
 */
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SecretError } from '../core/errors.js';
import { clientConfig } from './client-options.js';

export interface SlackSecret {
  readonly botToken: string;
  readonly signingSecret: string;
}

/** How long a read value is trusted; a rotation is seen at most this long after it happens. */
export const SECRET_MAX_AGE_SECONDS = 300;

function fromEnv(env: NodeJS.ProcessEnv): Partial<SlackSecret> {
  return {
    ...(env.SLACK_BOT_TOKEN ? { botToken: env.SLACK_BOT_TOKEN } : {}),
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
  };
}

// Imported on first use only: a local run with the environment overrides (and the slash-command
// benchmark) never loads the SDK clients. One provider per store for the life of the process, so
// Powertools' cache is shared by every caller.
let secretsManager: Promise<SecretsProvider> | undefined;
let ssm: Promise<SSMProvider> | undefined;

/** Three attempts (the SDK's standard retry) within a short timeout: a cold start waits on this. */
const SDK_OPTIONS = { maxAttempts: 3, requestTimeoutMs: 2_000 };

function secretsProvider(): Promise<SecretsProvider> {
  secretsManager ??= import('@aws-lambda-powertools/parameters/secrets').then(
    (m) => new m.SecretsProvider({ clientConfig: clientConfig({}, SDK_OPTIONS) }),
  );
  return secretsManager;
}

function ssmProvider(): Promise<SSMProvider> {
  ssm ??= import('@aws-lambda-powertools/parameters/ssm').then(
    (m) => new m.SSMProvider({ clientConfig: clientConfig({}, SDK_OPTIONS) }),
  );
  return ssm;
}

/** The AWS error name behind a failure (Powertools wraps it), never any secret material. */
function reasonOf(error: unknown): string {
  let name = error instanceof Error ? error.name : 'Error';
  for (let e: unknown = error; e instanceof Error; e = e.cause) name = e.name;
  return name;
}

async function fromStore(env: NodeJS.ProcessEnv): Promise<Partial<SlackSecret>> {
  const secretId = env.CLOUDBELL_SECRET_ID;
  const parameter = env.CLOUDBELL_SECRET_PARAMETER;
  let value: unknown;
  try {
    // A binary secret comes back as bytes; `transform: 'json'` decodes either form.
    if (secretId)
      value = await (await secretsProvider()).get(secretId, {
        transform: 'json',
        maxAge: SECRET_MAX_AGE_SECONDS,
      });
    else if (parameter)
      value = await (await ssmProvider()).get(parameter, {
        transform: 'json',
        decrypt: true,
        maxAge: SECRET_MAX_AGE_SECONDS,
      });
    else return {};
  } catch (cause) {
    // The message names the secret, never its value.
    throw new SecretError(`cannot read the Slack secret ${secretId ?? parameter}: ${reasonOf(cause)}`, {
      cause,
    });
  }
  const v = (value ?? {}) as Record<string, unknown>;
  return {
    ...(typeof v.botToken === 'string' ? { botToken: v.botToken } : {}),
    ...(typeof v.signingSecret === 'string' ? { signingSecret: v.signingSecret } : {}),
  };
}

/**
 * The Slack credentials: environment overrides first, then the secret store (cached for
 * {@link SECRET_MAX_AGE_SECONDS}, then read again). Callers that build clients from the value
 * compare it with the one they built them with (see `rebuildOnChange`).
 *
 * @throws {SecretError} when a needed value is in neither place
 * @example
 * ```ts
 * const { botToken } = await slackSecret(['botToken']);
 * ```
 */
export async function slackSecret(
  need: ReadonlyArray<keyof SlackSecret>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SlackSecret> {
  const local = fromEnv(env);
  const missing = need.filter((k) => !local[k]);
  const stored = missing.length > 0 ? await fromStore(env) : {};
  const merged = { ...stored, ...local };
  const stillMissing = need.filter((k) => !merged[k]);
  if (stillMissing.length > 0) {
    throw new SecretError(
      `missing Slack ${stillMissing.join(' and ')}: set CLOUDBELL_SECRET_ID (Secrets Manager) or CLOUDBELL_SECRET_PARAMETER (SSM), or ${stillMissing.map((k) => (k === 'botToken' ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET')).join('/')} locally`,
    );
  }
  return { botToken: merged.botToken ?? '', signingSecret: merged.signingSecret ?? '' };
}

/**
 * A client that follows a secret value: the value is asked for on every use (the provider
 * answers from its cache and reads the store again when that expires), and the client is
 * rebuilt only when the value differs from the one it was built with. So a rotated token is used
 * within {@link SECRET_MAX_AGE_SECONDS}, without waiting for a new execution environment.
 *
 * @example
 * ```ts
 * const slack = onSecretChange(async () => (await slackSecret(['botToken'])).botToken, (token) =>
 *   createSlackClient({ token }),
 * );
 * const client = await slack(); // the same client until the token changes
 * ```
 */
export function onSecretChange<T>(
  value: () => Promise<string>,
  build: (value: string) => T,
): () => Promise<T> {
  let built: { readonly value: string; readonly client: T } | undefined;
  return async () => {
    const now = await value();
    if (built?.value !== now) built = { value: now, client: build(now) };
    return built.client;
  };
}
