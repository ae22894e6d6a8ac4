/**
 * The Slack secret: one JSON secret `{ "botToken": "xoxb-…", "signingSecret": "…" }` in Secrets
 * Manager (`CLOUDBELL_SECRET_ID`) or an SSM SecureString (`CLOUDBELL_SECRET_PARAMETER`), read
 * once and cached by Powertools Parameters. `SLACK_BOT_TOKEN` / `SLACK_SIGNING_SECRET` override
 * it for local runs. Values are never logged.
 */
import { SecretError } from '../core/errors.js';
import { AwsCallError } from './json-api.js';
import { SecretStore, SignedSecretProvider } from './secret-provider.js';

export interface SlackSecret {
  readonly botToken: string;
  readonly signingSecret: string;
}

/** Cached for the life of the execution environment; rotation is picked up after this. */
const MAX_AGE_SECONDS = 300;

function fromEnv(env: NodeJS.ProcessEnv): Partial<SlackSecret> {
  return {
    ...(env.SLACK_BOT_TOKEN ? { botToken: env.SLACK_BOT_TOKEN } : {}),
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
  };
}

const providers = {
  secretsmanager: new SignedSecretProvider(SecretStore.SecretsManager),
  ssm: new SignedSecretProvider(SecretStore.Ssm),
};

/** The AWS error code behind a failure (Powertools wraps it), never any secret material. */
function reasonOf(error: unknown): string {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof AwsCallError) return e.code;
  }
  return error instanceof Error ? error.name : 'Error';
}

async function fromStore(env: NodeJS.ProcessEnv): Promise<Partial<SlackSecret>> {
  const secretId = env.CLOUDBELL_SECRET_ID;
  const parameter = env.CLOUDBELL_SECRET_PARAMETER;
  let value: unknown;
  try {
    if (secretId)
      value = await providers.secretsmanager.get(secretId, { transform: 'json', maxAge: MAX_AGE_SECONDS });
    else if (parameter)
      value = await providers.ssm.get(parameter, { transform: 'json', maxAge: MAX_AGE_SECONDS });
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
 * The Slack credentials: environment overrides first, then the secret store.
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
