/**
 * `/aws-errors` arguments: `[NAME|PREFIX*] [--since 15m|2h|1d] [--region R] [--public] | help`.
 * The same parser serves the CLI (which strips its own flags first and forbids --public).
 */
import { formatWindow, MAX_WINDOW_SECONDS, parseDuration } from '../core/duration.js';

/** Which functions a query covers. */
export type ErrorsTarget =
  | { readonly kind: 'all' }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** One parsed `/aws-errors` request. */
export interface ErrorsQuery {
  readonly target: ErrorsTarget;
  readonly sinceSeconds: number;
  /** Region asked for; the handler's own region when absent. */
  readonly region?: string;
  /** Post the answer to the channel instead of only to the asker. */
  readonly public: boolean;
}

export type ParsedErrorsArgs =
  | { readonly kind: 'query'; readonly query: ErrorsQuery }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export const DEFAULT_SINCE_SECONDS = 3600;

/** Echoed user input is cut to this many characters: an error quotes it, it does not repeat it. */
const MAX_ECHO = 40;
/** `token` as quoted back in an error message, cut short. */
const echo = (token: string) => (token.length > MAX_ECHO ? `${token.slice(0, MAX_ECHO - 1)}…` : token);

/** Lambda function names: letters, digits, hyphens and underscores, at most 64 characters. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const PREFIX = /^[A-Za-z0-9_-]{1,63}\*$/;
/** Commercial, China, GovCloud and ISO regions: eu-west-1, cn-north-1, us-gov-west-1, us-iso-east-1. */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

export const ERRORS_USAGE = [
  'Usage: `/aws-errors [NAME|PREFIX*] [--since 15m|2h|1d] [--region R] [--public]`',
  '• `/aws-errors` — every Lambda function, last hour',
  '• `/aws-errors checkout-api` — one function · `/aws-errors checkout-*` — names starting with checkout-',
  '• `--since 15m`, `2h` or `1d` (up to 7d) · `--region eu-west-1` · `--public` posts the answer in the channel',
].join('\n');

/**
 * Splits command text into tokens. Slack clients (macOS autocorrect) turn `--` into an em or
 * en dash, so a leading `—`/`–` reads as `--`.
 */
export function tokenize(text: string): string[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => t.replace(/^[\u2014\u2013](?=[a-z])/, '--'));
}

/**
 * Parses `/aws-errors` tokens; every rejection says exactly what was wrong.
 *
 * @param options.allowPublic - false for the CLI, where `--public` means nothing
 * @example
 * ```ts
 * parseErrorsArgs(tokenize('checkout-* --since 2h'));
 * // { kind: 'query', query: { target: { kind: 'prefix', prefix: 'checkout-' }, sinceSeconds: 7200, public: false } }
 * ```
 */
export function parseErrorsArgs(
  tokens: readonly string[],
  options: { allowPublic?: boolean } = {},
): ParsedErrorsArgs {
  const allowPublic = options.allowPublic ?? true;
  if (tokens.length === 1 && /^(help|-h|--help|\?)$/i.test(tokens[0] ?? '')) return { kind: 'help' };

  let target: ErrorsTarget = { kind: 'all' };
  let sinceSeconds = DEFAULT_SINCE_SECONDS;
  let region: string | undefined;
  let isPublic = false;
  const seen = new Set<string>();

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    const [flag, inline] = token.startsWith('--') ? splitInline(token) : [token, undefined];
    if (flag.startsWith('--')) {
      if (seen.has(flag)) return { kind: 'error', message: `${echo(flag)} is given twice.` };
      seen.add(flag);
    }
    switch (flag) {
      case '--since': {
        const value = inline ?? tokens[++i];
        if (value === undefined)
          return { kind: 'error', message: '--since needs a duration such as 15m, 2h or 1d.' };
        const seconds = parseDuration(value);
        if (seconds === undefined) {
          return {
            kind: 'error',
            message: `--since ${echo(value)} is not a duration: use minutes, hours or days, such as 15m, 2h or 1d.`,
          };
        }
        if (seconds < 60) return { kind: 'error', message: '--since must be at least 1m.' };
        if (seconds > MAX_WINDOW_SECONDS) {
          return {
            kind: 'error',
            message: `--since ${echo(value)} is longer than 7 days (${formatWindow(MAX_WINDOW_SECONDS)}), the longest window searched.`,
          };
        }
        sinceSeconds = seconds;
        break;
      }
      case '--region': {
        const value = inline ?? tokens[++i];
        if (value === undefined)
          return { kind: 'error', message: '--region needs a region code such as eu-west-1.' };
        if (!REGION.test(value))
          return {
            kind: 'error',
            message: `--region ${echo(value)} is not a region code such as eu-west-1.`,
          };
        region = value;
        break;
      }
      case '--public':
        if (!allowPublic) return { kind: 'error', message: '--public only applies in Slack.' };
        if (inline !== undefined) return { kind: 'error', message: '--public takes no value.' };
        isPublic = true;
        break;
      default: {
        if (flag.startsWith('-')) return { kind: 'error', message: `Unknown option ${echo(flag)}.` };
        if (target.kind !== 'all')
          return {
            kind: 'error',
            message: `One function name or prefix at a time (got ${describeTarget(target)} and ${echo(token)}).`,
          };
        if (token === 'help') return { kind: 'error', message: 'help takes no other arguments.' };
        if (PREFIX.test(token)) target = { kind: 'prefix', prefix: token.slice(0, -1) };
        else if (FUNCTION_NAME.test(token)) target = { kind: 'function', name: token };
        else if (token === '*') target = { kind: 'all' };
        else {
          return {
            kind: 'error',
            message: `${echo(token)} is not a function name (letters, digits, - and _, up to 64) or a prefix ending in *.`,
          };
        }
      }
    }
  }
  return { kind: 'query', query: { target, sinceSeconds, ...(region ? { region } : {}), public: isPublic } };
}

function splitInline(token: string): [string, string | undefined] {
  const at = token.indexOf('=');
  return at < 0 ? [token, undefined] : [token.slice(0, at), token.slice(at + 1)];
}

/**
 * "checkout-api", "functions starting with checkout-" or "all functions".
 *
 * @example
 * ```ts
 * describeTarget({ kind: 'prefix', prefix: 'checkout-' }); // 'functions starting with checkout-'
 * ```
 */
export function describeTarget(target: ErrorsTarget): string {
  switch (target.kind) {
    case 'function':
      return target.name;
    case 'prefix':
      return `functions starting with ${target.prefix}`;
    default:
      return 'all functions';
  }
}
