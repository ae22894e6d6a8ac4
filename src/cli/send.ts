import { type CliCommand, ExitCode } from './command.js';
import { cliConfig, readEventFile } from './io.js';
import { postAll } from './post.js';
import { messagesOf } from './render.js';

export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'post the message(s) for one event to Slack with SLACK_BOT_TOKEN',
  help: `Usage: cloudbell send FILE|- [--channel C]

Renders FILE like \`cloudbell render\` and posts each message with chat.postMessage, using
SLACK_BOT_TOKEN (SLACK_API_URL points elsewhere for tests). --channel overrides the routed
channel. Prints "channel ts" per message posted.`,
  async run(args, io) {
    const channelAt = args.indexOf('--channel');
    const channel = channelAt >= 0 ? args[channelAt + 1] : undefined;
    if (channelAt >= 0 && !channel) {
      io.stderr.write('cloudbell send: --channel needs a value\n');
      return ExitCode.Usage;
    }
    const rest = channelAt >= 0 ? args.filter((_, i) => i !== channelAt && i !== channelAt + 1) : args;
    const [file, ...extra] = rest;
    if (!file || extra.length > 0) {
      io.stderr.write('cloudbell send: expected exactly one FILE or - (see cloudbell send --help)\n');
      return ExitCode.Usage;
    }
    const token = io.env.SLACK_BOT_TOKEN;
    if (!token) {
      io.stderr.write('cloudbell send: set SLACK_BOT_TOKEN to a bot token (xoxb-…)\n');
      return ExitCode.Usage;
    }
    const input = await readEventFile(file, io);
    const messages = messagesOf(input, cliConfig(io));
    for (const line of await postAll(messages, token, { channel, apiUrl: io.env.SLACK_API_URL }))
      io.stdout.write(`${line}\n`);
    if (messages.length === 0) io.stderr.write('nothing to send: the event is deliberately ignored\n');
    return ExitCode.Ok;
  },
};
