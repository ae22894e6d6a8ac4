import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/subcommand.js';
import type { Clock } from '../../src/delivery/clock.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in process with captured output. */
export async function cli(
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv; clock?: Clock } = {},
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
  const code = await runCli(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
