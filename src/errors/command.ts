/**
 * What `/aws-errors` answers, and whether it starts a query: access first, then the
 * arguments. Pure, so the slack Lambda only acks and invokes.
 */
import type { Config } from '../config.js';
import { checkAccess } from './access.js';
import { describeTarget, ERRORS_USAGE, parseErrorsArgs, tokenize } from './args.js';
import { describeWindow } from './duration.js';
import type { ErrorsJob } from './job.js';

/** The fields of Slack's slash-command payload the decision reads. */
export interface SlashCommand {
  team_id: string;
  channel_id: string;
  user_id: string;
  text: string;
  response_url: string;
}

/** The ephemeral ack for one slash command, and the job to start (none when refused). */
export interface CommandDecision {
  readonly reply: string;
  readonly job?: ErrorsJob;
}

/**
 * Decides what to answer to `/aws-errors` and whether to start a query. Pure: the listener
 * does the invoke.
 *
 * @example
 * ```ts
 * decideCommand(command, config, 'eu-west-1', new Date()).reply; // 'Looking for errors in all functions · eu-west-1 · over the last hour…'
 * ```
 */
export function decideCommand(
  command: SlashCommand,
  config: Config,
  defaultRegion: string,
  now: Date,
): CommandDecision {
  const access = checkAccess(config.access, {
    teamId: command.team_id,
    channelId: command.channel_id,
    userId: command.user_id,
  });
  const parsed = parseErrorsArgs(tokenize(command.text ?? ''));
  // Help is always answered: the usage is static text, and when queries are refused here it
  // adds the same refusal anyone asking gets — so a fresh install's first `/aws-errors help`
  // shows how to use it and which setting turns it on (with this workspace's team ID).
  if (parsed.kind === 'help')
    return { reply: access.allowed ? ERRORS_USAGE : `${ERRORS_USAGE}\n\n🚫 ${access.reason}` };
  if (!access.allowed) return { reply: `🚫 ${access.reason}` };
  if (parsed.kind === 'error') return { reply: `⚠️ ${parsed.message}\n${ERRORS_USAGE}` };
  const region = parsed.query.region ?? defaultRegion;
  const job: ErrorsJob = {
    kind: 'command',
    query: { ...parsed.query, region },
    responseUrl: command.response_url,
    requester: { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id },
    requestedAt: now.toISOString(),
  };
  return {
    reply: `🔎 Looking for errors in ${describeTarget(parsed.query.target)} · ${region} · over ${describeWindow(parsed.query.sinceSeconds)}…`,
    job,
  };
}
