/**
 * Strict argument parsing for every subcommand: an unknown option or a stray argument is a
 * usage error naming it, never silently ignored. Built on node:util `parseArgs` (no
 * dependency), with its messages turned into one short line.
 */
import { parseArgs } from 'node:util';
import { didYouMean } from '../core/did-you-mean.js';
import { CloudbellError } from '../core/errors.js';

/** Bad command-line usage: exit code 2, one line. */
export class UsageError extends CloudbellError {}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

/**
 * Parses `args` against `options`, allowing between `min` and `max` positionals.
 *
 * @throws {UsageError} naming the unknown option, the option missing its value, or the extra argument
 * @example
 * ```ts
 * const { values, positionals } = parseCliArgs(['a.json', '--channel', 'C1'], { channel: { type: 'string' } }, { min: 1, max: 1, what: 'FILE or -' });
 * ```
 */
export function parseCliArgs(
  args: readonly string[],
  options: OptionSpec,
  positional: { min: number; max: number; what: string },
): ParsedArgs {
  // `-` (stdin) is a positional, not an option.
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new UsageError(describeParseError(cause as Error & { code?: string }, args, Object.keys(options)), {
      cause,
    });
  }
  const positionals = parsed.positionals;
  if (positionals.length > positional.max) {
    const extra = positionals.slice(positional.max);
    throw new UsageError(
      positional.max === 0
        ? `unexpected argument ${quoteAll(extra)} (this command takes no arguments)`
        : `unexpected argument ${quoteAll(extra)} (expected ${positional.what})`,
    );
  }
  if (positionals.length < positional.min) throw new UsageError(`missing ${positional.what}`);
  return { values: parsed.values as ParsedArgs['values'], positionals };
}

function quoteAll(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

function describeParseError(
  error: Error & { code?: string },
  args: readonly string[],
  known: readonly string[],
): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const given = option ?? args.find((a) => a.startsWith('-') && a !== '-') ?? '';
      const hint = didYouMean(given.replace(/^-+/, '').split('=')[0] ?? '', known);
      return `unknown option ${given}${hint ? ` (did you mean --${hint}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take/.test(error.message)
        ? `${option ?? 'an option'} takes no value`
        : `${option ?? 'an option'} needs a value`;
    default:
      return error.message.split('\n')[0] ?? 'bad arguments';
  }
}
