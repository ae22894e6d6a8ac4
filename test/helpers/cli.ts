import { Readable, Writable } from 'node:stream';
import { COMMANDS, runCli } from '../../src/cli/main.js';
import type { CliCommand, CliIo } from '../../src/cli/subcommand.js';
import type { Clock } from '../../src/delivery/clock.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Runs the CLI in process with captured output. `commands` replaces subcommands by name with
 * ones built on stand-ins (e.g. `{ snooze: createSnoozeCommand(deps) }`); the rest are the real ones.
 */
export async function cli(
  args: string[],
  options: {
    stdin?: string;
    env?: NodeJS.ProcessEnv;
    clock?: Clock;
    commands?: Readonly<Record<string, CliCommand>>;
  } = {},
) {
  const stdout = new Sink();
  const stderr = new Sink();
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from([options.stdin ?? '']),
    env: { CLOUDBELL_CONFIG: 'cloudbell.config.yml', ...options.env },
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const replaced = options.commands ?? {};
  const commands = COMMANDS.map((entry) => {
    const command = replaced[entry.name];
    return command ? { ...entry, load: async () => command } : entry;
  });
  const code = await runCli(args, io, commands);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
