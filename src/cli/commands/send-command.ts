/** `cloudbell send FILE|-`: posts the messages for one event to Slack with SLACK_BOT_TOKEN. */
import { parseCliArgs, refuseEmptyValues, UsageError } from '../args.js';
import { cliConfig, readEventFile } from '../io.js';
import { postWithProgress } from '../slack-poster.js';
import { type CliCommand, ExitCode } from '../subcommand.js';

export const sendCommand: CliCommand = {
  help: `Usage: cloudbell send FILE|- [--channel C]

Renders FILE like \`cloudbell render\` and posts each message with chat.postMessage, using
SLACK_BOT_TOKEN (SLACK_API_URL points elsewhere for tests). --channel overrides the routed
channel. Posts are paced to about one per second per channel and wait as long as Slack's
Retry-After asks. Prints "channel ts" per message posted.`,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      { channel: { type: 'string' } },
      { min: 1, max: 1, what: 'one FILE or - (stdin)' },
    );
    refuseEmptyValues(values);
    const channel = values.channel;
    const token = io.env.SLACK_BOT_TOKEN;
    if (!token) throw new UsageError('SLACK_BOT_TOKEN is not set: export the bot token (xoxb-…) to post');
    const input = await readEventFile(positionals[0] ?? '-', io);
    const { messagesOf } = await import('../event-messages.js');
    const messages = messagesOf(input, cliConfig(io));
    if (messages.length === 0) {
      io.stderr.write('nothing to send: the event is deliberately ignored\n');
      return ExitCode.Ok;
    }
    const posted = await postWithProgress(io, token, messages, channel ? { channel } : {});
    for (const p of posted) io.stdout.write(`${p.channel} ${p.ts}\n`);
    return ExitCode.Ok;
  },
};
