/**
 * Shared CLI plumbing: reading an event file (or stdin), loading the config, and the
 * pipeline context.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type Config, parseConfig } from '../core/config.js';
import { configPath, loadConfigFile } from '../core/config-file.js';
import { InputError } from '../core/errors.js';
import type { CliIo } from './subcommand.js';

/** Reads all of stdin as text. */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads and parses a JSON event from a path or `-` (stdin).
 *
 * @throws {InputError} when the file cannot be read or is not JSON
 */
export async function readEventFile(file: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin(io.stdin) : readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InputError(`${file}: cannot read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause,
    });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InputError(`${file === '-' ? 'stdin' : file}: invalid JSON (${(cause as Error).message})`, {
      cause,
    });
  }
}

/**
 * The config for a CLI run: `CLOUDBELL_CONFIG` or ./cloudbell.config.yml; when neither
 * exists, built-in defaults (posting to #aws-alerts) with a note on stderr.
 */
export function cliConfig(io: CliIo): Config {
  const path = configPath(io.env);
  if (!io.env.CLOUDBELL_CONFIG && !existsSync(path)) {
    io.stderr.write(`note: no ${path}; using defaults (channel #aws-alerts)\n`);
    return parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'defaults');
  }
  return loadConfigFile(path);
}
