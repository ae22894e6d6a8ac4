/**
 * `cloudbell` — local runs of the same code paths as the Lambdas.
 *
 * Start-up matters (every `npx cloudbell …` pays it): this file imports nothing heavy, and each
 * subcommand's module is loaded only when that subcommand runs, so `--help` never loads the
 * pipeline and `render` never loads the AWS SDK.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, InputError } from '../core/errors.js';
import { UsageError } from './args.js';
import { packagePath } from './package-root.js';
import type { CliCommand, CliIo } from './subcommand.js';
import { ExitCode } from './subcommand.js';

/**
 * A subcommand as the top-level help lists it; `load` imports its module (a bundle entry of its
 * own, see scripts/build-cli.mjs) on demand, with the command wired to the real AWS and Slack.
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'render',
    summary: 'print the Slack payload(s) for one event as JSON (no AWS, no Slack)',
    load: () => import('./commands/render-command.js').then((m) => m.renderCommand),
  },
  {
    name: 'send',
    summary: 'post the message(s) for one event to Slack with SLACK_BOT_TOKEN',
    load: () => import('./commands/send-command.js').then((m) => m.sendCommand),
  },
  {
    name: 'demo',
    summary:
      'run every bundled sample event through the pipeline; post them when a token and channel are set',
    load: () => import('./commands/demo-command.js').then((m) => m.demoCommand),
  },
  {
    name: 'init',
    summary: 'write a commented cloudbell.config.yml; print the Slack app manifest with the request URL',
    load: () => import('./commands/init-command.js').then((m) => m.initCommand),
  },
  {
    name: 'doctor',
    summary: 'check an installation end to end: Slack token, channels, secret, stack, rules, CloudTrail',
    load: () => import('./commands/doctor-command.js').then((m) => m.doctorCommand),
  },
  {
    name: 'preview',
    summary: 'write an HTML page showing every sample (or given events) as it will look in Slack',
    load: () => import('./commands/preview-command.js').then((m) => m.previewCommand),
  },
  {
    name: 'errors',
    summary: 'recent Lambda errors, grouped and redacted (the /aws-errors query, locally)',
    load: () => import('./commands/errors-command.js').then((m) => m.errorsCommand),
  },
  {
    name: 'graph',
    summary: 'draw the alarm graph for one alarm event into a PNG (GetMetricWidgetImage)',
    load: () => import('./commands/graph-command.js').then((m) => m.graphCommand),
  },
  {
    name: 'snooze',
    summary: "snooze an alarm's open Slack threads (the Snooze button, from a terminal)",
    load: () => import('./commands/snooze-command.js').then((m) => m.snoozeCommand),
  },
  {
    name: 'redrive',
    summary: 'move a dead-letter queue back to its source queues (the Redrive button, from a terminal)',
    load: () => import('./commands/redrive-command.js').then((m) => m.redriveCommand),
  },
];

function usage(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: cloudbell <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  --help, -h     this help (or \`cloudbell <command> --help\` for a command's options)
  --version, -v  the installed cloudbell version
`;
}

/** cloudbell's version, from the package's package.json. */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Errors are
 * one clear line on stderr.
 *
 * @param commands - the subcommands; tests pass the table with a command built on stand-ins
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CommandEntry[] = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(usage(commands));
    return name ? ExitCode.Ok : ExitCode.Usage;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`cloudbell ${cliVersion()}\n`);
    return ExitCode.Ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(
      name.startsWith('-')
        ? `cloudbell: unknown option ${name} (try cloudbell --help)\n`
        : `cloudbell: unknown command "${name}" (try cloudbell --help)\n`,
    );
    return ExitCode.Usage;
  }
  try {
    const command = await entry.load();
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`${command.help}\n`);
      return ExitCode.Ok;
    }
    return await command.run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`cloudbell ${name}: ${message.split('\n')[0]}\n`);
    // Bad usage, input or config is the caller's to fix (2); anything else is a failure (1).
    const usage = error instanceof UsageError || error instanceof ConfigError || error instanceof InputError;
    return usage ? ExitCode.Usage : ExitCode.Failure;
  }
}
