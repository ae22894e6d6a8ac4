/**
 * One CLI subcommand: its own help text and a run function returning the exit code. Each
 * command module exports a `createXCommand(deps)` factory (tests pass stand-ins) and the
 * command wired to the real AWS and Slack adapters, which `main.ts` loads on demand.
 */
import type { Clock } from '../delivery/clock.js';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  /** Time for pacing and waits; tests pass a simulated clock. */
  readonly clock?: Clock;
}

export interface CliCommand {
  /** `cloudbell <command> --help`; the one-line summary is main.ts's, so `--help` loads no command. */
  readonly help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 ok, 1 failure while running, 2 bad usage or bad input. */
export const ExitCode = { Ok: 0, Failure: 1, Usage: 2 } as const;
