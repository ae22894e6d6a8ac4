/**
 * The Slack secret: one JSON secret `{ "botToken": "xoxb-…", "signingSecret": "…" }` in Secrets
 * Manager (`CLOUDBELL_SECRET_ID`) or an SSM SecureString (`CLOUDBELL_SECRET_PARAMETER`), read
 * once and cached by Powertools Parameters. `SLACK_BOT_TOKEN` / `SLACK_SIGNING_SECRET` override
 * it for local runs. Values are never logged.
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { SecretError } from '../errors.js';

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

let ssmCache: { name: string; value: unknown; at: number } | undefined;

/**
 * SSM SecureString holding the same JSON. The SDK client is imported only when this path is
 * used: a static import (as Powertools' SSM provider has) adds ~75 ms to every cold start of
 * the slack Lambda, whose ack must stay well inside Slack's 3 s.
 */
async function ssmJson(name: string): Promise<unknown> {
  if (ssmCache && ssmCache.name === name && Date.now() - ssmCache.at < MAX_AGE_SECONDS * 1000)
    return ssmCache.value;
  const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
  const out = await new SSMClient({}).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  const value: unknown = JSON.parse(out.Parameter?.Value ?? 'null');
  ssmCache = { name, value, at: Date.now() };
  return value;
}

async function fromStore(env: NodeJS.ProcessEnv): Promise<Partial<SlackSecret>> {
  const secretId = env.CLOUDBELL_SECRET_ID;
  const parameter = env.CLOUDBELL_SECRET_PARAMETER;
  let value: unknown;
  try {
    if (secretId) value = await getSecret(secretId, { transform: 'json', maxAge: MAX_AGE_SECONDS });
    else if (parameter) value = await ssmJson(parameter);
    else return {};
  } catch (cause) {
    // The message names the secret, never its value.
    throw new SecretError(`cannot read the Slack secret ${secretId ?? parameter}: ${(cause as Error).name}`, {
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
