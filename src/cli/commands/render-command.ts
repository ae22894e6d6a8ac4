/** `cloudbell render FILE|-`: the Slack payloads for one event as JSON, without AWS or Slack. */
import { parseCliArgs } from '../args.js';
import { messagesOf, publicShape } from '../event-messages.js';
import { cliConfig, readEventFile } from '../io.js';
import { type CliCommand, ExitCode } from '../subcommand.js';

export const renderCommand: CliCommand = {
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
      // Loaded only for --graph: the evidence widgets are of no use to a plain render.
      const { graphDefinitions } = await import('../alarm-graphs.js');
      io.stdout.write(`${JSON.stringify(graphDefinitions(input, Date.now()), null, 2)}\n`);
      return ExitCode.Ok;
    }
    const config = cliConfig(io);
    io.stdout.write(`${JSON.stringify(messagesOf(input, config).map(publicShape), null, 2)}\n`);
    return ExitCode.Ok;
  },
};
