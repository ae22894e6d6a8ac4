/**
 * What `/aws-errors` answers, and whether it starts a query: access first, then the
 * arguments. Pure, so the slack Lambda only acks and invokes.
 */
import type { Config } from '../core/config.js';
import { describeWindow } from '../core/duration.js';
import { checkAccess, RUN_AWS_ERRORS } from '../slack/requester-access.js';
import { escapeMrkdwn } from '../slack/text.js';
import { type ErrorsJob, RESPONSE_URL } from './errors-job.js';
import { describeTarget, ERRORS_USAGE, parseErrorsArgs, tokenize } from './query-args.js';
import { allowedRegions, functionInScope } from './scope.js';

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
  const access = checkAccess(
    config.access,
    { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id },
    RUN_AWS_ERRORS,
  );
  const parsed = parseErrorsArgs(tokenize(command.text ?? ''));
  // Help is always answered: the usage is static text, and when queries are refused here it
  // adds the same refusal anyone asking gets — so a fresh install's first `/aws-errors help`
  // shows how to use it and which setting turns it on (with this workspace's team ID).
  if (parsed.kind === 'help')
    return { reply: access.allowed ? ERRORS_USAGE : `${ERRORS_USAGE}\n\n🚫 ${access.reason}` };
  if (!access.allowed) return { reply: `🚫 ${access.reason}` };
  // The worker posts only to Slack's own hosts: a job it would drop must not be promised.
  if (!RESPONSE_URL.test(command.response_url ?? '')) {
    return {
      reply:
        '❌ This request carries no Slack response_url (https://hooks.slack.com/…), so no answer could be delivered: nothing was started.',
    };
  }
  // The message quotes what the user typed: escaped, so `<!here>` or a link stays text.
  if (parsed.kind === 'error') return { reply: `⚠️ ${escapeMrkdwn(parsed.message)}\n${ERRORS_USAGE}` };
  const region = parsed.query.region ?? defaultRegion;
  const regions = allowedRegions(config.errors, defaultRegion);
  if (!regions.includes(region)) {
    return {
      reply: `⚠️ cloudbell may not read ${region}: errors.regions allows ${regions.join(', ')}.\n${ERRORS_USAGE}`,
    };
  }
  const target = parsed.query.target;
  const name =
    target.kind === 'function' ? target.name : target.kind === 'prefix' ? target.prefix : undefined;
  if (name !== undefined && !functionInScope(name, config.errors.functions)) {
    return {
      reply: `⚠️ cloudbell may not read ${name}: errors.functions allows names starting with ${config.errors.functions.join(', ')}.`,
    };
  }
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
