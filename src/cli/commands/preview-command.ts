/**
 * `cloudbell preview`: a self-contained HTML page showing every bundled sample (or the given
 * events) as it will look in Slack — to check routing and wording before deploying, and the
 * source of the README's pictures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseCliArgs } from '../args.js';
import { messagesOf } from '../event-messages.js';
import { cliConfig, readEventFile } from '../io.js';
import { previewPage } from '../preview/page.js';
import { SAMPLES_DIR, sampleFiles } from '../samples.js';
import { type CliCommand, ExitCode } from '../subcommand.js';

const HELP = `Usage: cloudbell preview [FILE…] [--output PATH]

Writes an HTML page (default cloudbell-preview.html) showing the messages for every sample in
samples/, or for the given event files, as Slack shows them: the notification text, header,
sections and fields, context, buttons and each attachment's colour bar, with mrkdwn rendered
and escaping kept. The page is self-contained: open it in any browser, offline. Routing uses
CLOUDBELL_CONFIG or ./cloudbell.config.yml, mentions included, as they would be posted.`;

export const previewCommand: CliCommand = {
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      { output: { type: 'string', short: 'o' } },
      { min: 0, max: Number.POSITIVE_INFINITY, what: 'event files' },
    );
    const config = cliConfig(io);
    const files = positionals.length > 0 ? positionals : sampleFiles();
    const items = [];
    for (const file of files) {
      const input =
        positionals.length > 0 ? await readEventFile(file, io) : JSON.parse(readFileSync(file, 'utf8'));
      const source = positionals.length > 0 ? file : relative(SAMPLES_DIR, file);
      items.push({ source, messages: messagesOf(input, config) });
    }
    const output = resolve(values.output ?? 'cloudbell-preview.html');
    writeFileSync(output, previewPage(items));
    const count = items.reduce((n, i) => n + i.messages.length, 0);
    io.stdout.write(`${output}\n`);
    io.stderr.write(`${count} messages from ${items.length} events\n`);
    return ExitCode.Ok;
  },
};
