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

/** The value an option of `spec` parses to: a boolean flag, a string, or every string of a repeated one. */
type ValueOf<S extends OptionSpec[string]> = S['type'] extends 'boolean'
  ? boolean
  : S['multiple'] extends true
    ? string[]
    : string;

export interface ParsedArgs<O extends OptionSpec = OptionSpec> {
  /** Typed from the spec, so commands read `values.region` as `string | undefined` without casts. */
  readonly values: { [K in keyof O]?: ValueOf<O[K]> };
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
export function parseCliArgs<const O extends OptionSpec>(
  args: readonly string[],
  options: O,
  positional: { min: number; max: number; what: string },
): ParsedArgs<O> {
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
  // parseArgs checked every value against `options`: the types above are what it returned.
  return { values: parsed.values as ParsedArgs<O>['values'], positionals };
}

/**
 * Every option given the empty string (`--channel ''`) refused as missing its value.
 *
 * @throws {UsageError} `--NAME needs a value`
 */
export function refuseEmptyValues(values: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(values))
    if (value === '') throw new UsageError(`--${name} needs a value`);
}

/**
 * Takes `name VALUE` or `name=VALUE` out of `args`, for the commands whose other arguments
 * another parser reads (`errors` shares /aws-errors' syntax).
 *
 * @example
 * ```ts
 * takeOption(['a.json', '--profile', 'prod'], '--profile'); // { value: 'prod', rest: ['a.json'] }
 * ```
 */
export function takeOption(args: string[], name: string): { value?: string; rest: string[]; error?: string } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    if (a === name) {
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) return { rest, error: `${name} needs a value` };
      i += 1;
    } else if (a.startsWith(`${name}=`)) value = a.slice(name.length + 1);
    else rest.push(a);
  }
  return { ...(value !== undefined ? { value } : {}), rest };
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
