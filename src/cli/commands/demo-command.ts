/**
 * `cloudbell demo`: every bundled sample through the notify pipeline, printed with a Block Kit
 * Builder link each; posted too when a token and a channel are given.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { encodeUriPart } from '../../alerts/well-formed.js';
import type { Config } from '../../core/config.js';
import type { SlackMessage } from '../../slack/message.js';
import { parseCliArgs, refuseEmptyValues, UsageError } from '../args.js';
import { messagesOf } from '../event-messages.js';
import { cliConfig } from '../io.js';
import { SAMPLES_DIR, sampleFiles } from '../samples.js';
import { postWithProgress } from '../slack-poster.js';
import { type CliCommand, ExitCode } from '../subcommand.js';

/**
 * A Block Kit Builder link that opens the message for a visual check.
 *
 * @example
 * ```ts
 * builderUrl(message); // 'https://app.slack.com/block-kit-builder/#%7B%22blocks%22…'
 * ```
 */
export function builderUrl(message: SlackMessage): string {
  const payload = {
    blocks: message.blocks,
    ...(message.attachments ? { attachments: message.attachments } : {}),
  };
  return `https://app.slack.com/block-kit-builder/#${encodeUriPart(JSON.stringify(payload))}`;
}

/**
 * The config with every route's mentions removed: trying the demo in a shared channel must not
 * page anyone (`@here` on the critical samples) unless asked with `--mentions`.
 *
 * @example
 * ```ts
 * withoutMentions(config).routes.every((r) => r.mentions.length === 0); // true
 * ```
 */
export function withoutMentions(config: Config): Config {
  return { ...config, routes: config.routes.map((route) => ({ ...route, mentions: [] })) };
}

const HELP = `Usage: cloudbell demo [--channel C] [--mentions]

Runs every sample event shipped in samples/ (alarms, DLQs, CloudTrail security events, one of
every finding and service-event family: GuardDuty, Security Hub, Health, Config, Inspector,
Access Analyzer, deploys, ECS, Backup, cost, RDS, EC2) through the same pipeline as the notify Lambda and prints, for each message, its
notification text and a Block Kit Builder link. With SLACK_BOT_TOKEN and a channel
(--channel or CLOUDBELL_DEMO_CHANNEL) it also posts them there, about one per second.

  --channel C   post every message to C (a channel id or #name the bot can post in)
  --mentions    keep the mentions your routes configure (@here, users, groups); without it
                demo messages mention nobody`;

export const demoCommand: CliCommand = {
  help: HELP,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      { channel: { type: 'string' }, mentions: { type: 'boolean' } },
      { min: 0, max: 0, what: '' },
    );
    refuseEmptyValues(values);
    const channel = values.channel ?? (io.env.CLOUDBELL_DEMO_CHANNEL || undefined);
    const token = io.env.SLACK_BOT_TOKEN;
    if (channel && !token) {
      const from = values.channel ? `--channel ${channel}` : `CLOUDBELL_DEMO_CHANNEL=${channel}`;
      throw new UsageError(
        `${from} is set but SLACK_BOT_TOKEN is not: export the bot token (xoxb-…) to post, or leave out the channel to only print`,
      );
    }
    const loaded = cliConfig(io);
    const config = values.mentions ? loaded : withoutMentions(loaded);
    const files = sampleFiles();
    const all: SlackMessage[] = [];
    for (const file of files) {
      const name = relative(SAMPLES_DIR, file);
      const messages = messagesOf(JSON.parse(readFileSync(file, 'utf8')), config);
      io.stdout.write(`\n── ${name}${messages.length === 0 ? ' (ignored, nothing to post)' : ''}\n`);
      for (const message of messages) {
        io.stdout.write(`   ${message.channel}  ${message.text}\n   ${builderUrl(message)}\n`);
        all.push(message);
      }
    }
    const summary = `${all.length} messages from ${files.length} sample events`;
    if (!channel || !token) {
      io.stdout.write(
        `\n${summary}${token ? ' (SLACK_BOT_TOKEN is set: add --channel C to post them)' : ' (set SLACK_BOT_TOKEN and pass --channel C to post them)'}\n`,
      );
      return ExitCode.Ok;
    }
    io.stdout.write(
      `\nposting ${all.length} messages to ${channel}${values.mentions ? ' with mentions' : ''}…\n`,
    );
    const posted = await postWithProgress(io, token, all, { channel });
    for (const p of posted) io.stdout.write(`   posted: ${p.channel} ${p.ts}\n`);
    io.stdout.write(`\n${summary} posted to ${channel}\n`);
    return ExitCode.Ok;
  },
};
