/**
 * The CLI's Slack poster for a run: the web-api client (loaded only when something is
 * posted) behind delivery's port, with the run's pacing and progress on stderr.
 */

import type { SlackMessage } from '../slack/message.js';
import { CliPoster, progressWriter } from './paced-poster.js';
import type { CliIo } from './subcommand.js';

/**
 * @example
 * ```ts
 * const { poster, done } = await cliPoster(io, token, { channel: 'C0ALERTS' });
 * ```
 */
export async function cliPoster(
  io: CliIo,
  token: string,
  options: { channel?: string } = {},
): Promise<{ poster: CliPoster; done(): void }> {
  const [{ createSlackClient }, { webApiPort }] = await Promise.all([
    import('../slack/client.js'),
    import('../slack/web-api-port.js'),
  ]);
  const apiUrl = io.env.SLACK_API_URL;
  // Retries are the poster's (it honours Retry-After); web-api's own would hide the waits.
  const slack = webApiPort(createSlackClient({ token, retries: 0, ...(apiUrl ? { apiUrl } : {}) }));
  const writer = progressWriter(io.stderr);
  const poster = new CliPoster(slack, {
    ...(options.channel ? { channel: options.channel } : {}),
    ...(io.clock ? { clock: io.clock } : {}),
    progress: writer.progress,
  });
  return { poster, done: writer.done };
}

/**
 * Posts `messages` with one poster for the run, then clears the progress line before anything
 * else reaches the terminal (also when a post fails for good).
 *
 * @example
 * ```ts
 * for (const p of await postWithProgress(io, token, messages)) io.stdout.write(`${p.channel} ${p.ts}\n`);
 * ```
 */
export async function postWithProgress(
  io: CliIo,
  token: string,
  messages: readonly SlackMessage[],
  options: { channel?: string } = {},
): Promise<Awaited<ReturnType<CliPoster['postAll']>>> {
  const { poster, done } = await cliPoster(io, token, options);
  try {
    return await poster.postAll(messages);
  } finally {
    done();
  }
}
