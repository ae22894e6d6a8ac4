/**
 * The bot token as it is now (Powertools re-reads the secret when its cache expires) and a
 * client built from it, rebuilt only when the token changes: how every handler that posts as
 * the bot gets its Slack client, so a rotated token is picked up without a new environment.
 */
import { onSecretChange, slackSecret } from '../aws/secrets.js';

/**
 * @example
 * ```ts
 * const slack = botClient((token) => createSlackClient({ token }), process.env);
 * const client = await slack(); // the same client until the token is rotated
 * ```
 */
export function botClient<T>(
  build: (token: string) => T,
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<T> {
  return onSecretChange(async () => (await slackSecret(['botToken'], env)).botToken, build);
}
