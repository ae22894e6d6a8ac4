/**
 * `cloudbell` — local runs of the same code paths as the Lambdas.
 */
import { CloudbellError } from '../errors.js';
import { type CliCommand, type CliIo, ExitCode } from './command.js';
import { demoCommand } from './demo.js';
import { errorsCommand } from './errors.js';
import { graphCommand } from './graph.js';
import { redriveCommand } from './redrive.js';
import { renderCommand } from './render.js';
import { sendCommand } from './send.js';
import { snoozeCommand } from './snooze.js';

export const COMMANDS: readonly CliCommand[] = [
  renderCommand,
  sendCommand,
  demoCommand,
  errorsCommand,
  graphCommand,
  snoozeCommand,
  redriveCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: cloudbell <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`cloudbell <command> --help\` for a command's options.\n`;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Errors are
 * one clear line on stderr.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(usage());
    return name ? ExitCode.Ok : ExitCode.Usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`cloudbell: unknown command "${name}" (try cloudbell --help)\n`);
    return ExitCode.Usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.help}\n`);
    return ExitCode.Ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`cloudbell ${name}: ${message.split('\n')[0]}\n`);
    // Bad input or config is the caller's to fix (2); anything else is a failure (1).
    return error instanceof CloudbellError ? ExitCode.Usage : ExitCode.Failure;
  }
}
