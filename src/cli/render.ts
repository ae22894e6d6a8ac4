import { processInput } from '../pipeline.js';
import type { SlackMessage } from '../slack/message.js';
import { parseCliArgs } from './args.js';
import { cliConfig, readEventFile } from './io.js';
import { type CliCommand, ExitCode } from './subcommand.js';

/** The messages an input would post, without delivery metadata. */
export function messagesOf(
  input: unknown,
  config: Parameters<typeof processInput>[1]['config'],
  now = new Date(),
): SlackMessage[] {
  return processInput(input, { config, now }).flatMap((o) => o.deliveries.map((d) => d.message));
}

/** Only what the CLI promises: channel, text, blocks and attachments when present. */
export function publicShape(
  m: SlackMessage,
): Pick<SlackMessage, 'channel' | 'text' | 'blocks' | 'attachments'> {
  return {
    channel: m.channel,
    text: m.text,
    blocks: m.blocks,
    ...(m.attachments ? { attachments: m.attachments } : {}),
  };
}

export const renderCommand: CliCommand = {
  name: 'render',
  summary: 'print the Slack payload(s) for one event as JSON (no AWS, no Slack)',
  help: `Usage: cloudbell render [--graph] FILE|-

Reads one event (EventBridge, SNS, SQS batch or alarm action) from FILE or stdin and prints
a JSON array of {channel, text, blocks, attachments?}: [] when the event is deliberately
ignored. Uses CLOUDBELL_CONFIG or ./cloudbell.config.yml for routing.
--graph prints instead, per alarm state change, the CloudWatch MetricWidget its graph is
drawn from ({alarm, kind, widget}; a composite lists the children whose graphs are drawn).
Exit codes: 0 ok, 2 unreadable or invalid JSON.`,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      { graph: { type: 'boolean' } },
      { min: 1, max: 1, what: 'one FILE or - (stdin)' },
    );
    const input = await readEventFile(positionals[0] ?? '-', io);
    if (values.graph) {
      // Loaded only for --graph: graph.ts brings the CloudWatch client with it.
      const { graphDefinitions } = await import('./graph.js');
      io.stdout.write(`${JSON.stringify(graphDefinitions(input, Date.now()), null, 2)}\n`);
      return ExitCode.Ok;
    }
    const config = cliConfig(io);
    io.stdout.write(`${JSON.stringify(messagesOf(input, config).map(publicShape), null, 2)}\n`);
    return ExitCode.Ok;
  },
};
