import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeUriPart } from '../alerts/well-formed.js';
import type { SlackMessage } from '../slack/message.js';
import { type CliCommand, ExitCode } from './command.js';
import { cliConfig } from './io.js';
import { postAll } from './post.js';
import { messagesOf } from './render.js';

/** samples/ at the package root: two levels up from both src/cli and dist/cli. */
export const SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

/** Every `.json` file under `dir`, sorted, depth first. */
export function sampleFiles(dir: string = SAMPLES_DIR): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sampleFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

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

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'run every bundled sample event through the pipeline; post them when a token and channel are set',
  help: `Usage: cloudbell demo [--channel C]

Runs every sample event shipped in samples/ (alarms, DLQs, CloudTrail security events, one of
every finding and service-event family: GuardDuty, Security Hub, Health, Config, Inspector,
Access Analyzer, deploys, ECS, Backup, cost, RDS, EC2) through the same pipeline as the notify Lambda and prints, for each message, its
notification text and a Block Kit Builder link. With SLACK_BOT_TOKEN and a channel
(--channel or CLOUDBELL_DEMO_CHANNEL) it also posts them there.`,
  async run(args, io) {
    const channelAt = args.indexOf('--channel');
    const channel = channelAt >= 0 ? args[channelAt + 1] : io.env.CLOUDBELL_DEMO_CHANNEL;
    if (channelAt >= 0 && !channel) {
      io.stderr.write('cloudbell demo: --channel needs a value\n');
      return ExitCode.Usage;
    }
    const config = cliConfig(io);
    const token = io.env.SLACK_BOT_TOKEN;
    const post = Boolean(token && channel);
    let count = 0;
    for (const file of sampleFiles()) {
      const name = relative(SAMPLES_DIR, file);
      const messages = messagesOf(JSON.parse(readFileSync(file, 'utf8')), config);
      io.stdout.write(`\n── ${name}${messages.length === 0 ? ' (ignored, nothing to post)' : ''}\n`);
      for (const message of messages) {
        count += 1;
        io.stdout.write(`   ${message.channel}  ${message.text}\n   ${builderUrl(message)}\n`);
      }
      if (post && token && messages.length > 0) {
        for (const line of await postAll(messages, token, { channel, apiUrl: io.env.SLACK_API_URL }))
          io.stdout.write(`   posted: ${line}\n`);
      }
    }
    io.stdout.write(
      `\n${count} messages from ${sampleFiles().length} sample events${post ? ` posted to ${channel}` : ' (set SLACK_BOT_TOKEN and --channel to post them)'}\n`,
    );
    return ExitCode.Ok;
  },
};
