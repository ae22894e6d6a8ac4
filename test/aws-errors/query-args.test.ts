import { describe, expect, it } from 'vitest';
import { parseErrorsArgs, tokenize } from '../../src/aws-errors/query-args.js';
import { describeWindow } from '../../src/core/duration.js';

const parse = (text: string, options?: { allowPublic?: boolean }) => parseErrorsArgs(tokenize(text), options);

describe('parseErrorsArgs', () => {
  it('defaults to all functions over the last hour, private', () => {
    expect(parse('')).toEqual({
      kind: 'query',
      query: { target: { kind: 'all' }, sinceSeconds: 3600, public: false },
    });
  });

  it('reads a function name, a window, a region and --public', () => {
    expect(parse('checkout-api --since 15m --region eu-west-1 --public')).toEqual({
      kind: 'query',
      query: {
        target: { kind: 'function', name: 'checkout-api' },
        sinceSeconds: 900,
        region: 'eu-west-1',
        public: true,
      },
    });
  });

  it('reads a prefix and --since=VALUE', () => {
    expect(parse('orders_* --since=1d')).toMatchObject({
      query: { target: { kind: 'prefix', prefix: 'orders_' }, sinceSeconds: 86_400 },
    });
  });

  it('reads the em dash that macOS autocorrect makes of --', () => {
    expect(parse('\u2014since 2h')).toMatchObject({ query: { sinceSeconds: 7200 } });
  });

  it('accepts GovCloud and China regions', () => {
    expect(parse('--region us-gov-west-1')).toMatchObject({ query: { region: 'us-gov-west-1' } });
    expect(parse('--region cn-north-1')).toMatchObject({ query: { region: 'cn-north-1' } });
  });

  it.each(['help', 'HELP', '--help', '-h'])('answers %s with help', (text) => {
    expect(parse(text)).toEqual({ kind: 'help' });
  });

  it.each([
    ['--since 8d', '--since 8d is longer than 7 days'],
    ['--since 2w', '--since 2w is not a duration'],
    ['--since', '--since needs a duration'],
    ['--since 0m', 'at least 1m'],
    ['--region mars-1', '--region mars-1 is not a region code'],
    ['--region', '--region needs a region code'],
    ['--verbose', 'Unknown option --verbose'],
    ['a b', 'One function name or prefix at a time (got a and b)'],
    ['check<out>', 'check<out> is not a function name'],
    ['--since 1h --since 2h', '--since is given twice'],
    ['--public=yes', '--public takes no value'],
    ['x'.repeat(65), 'is not a function name'],
  ])('rejects %s with a specific message', (text, message) => {
    const parsed = parse(text);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' ? parsed.message : '').toContain(message);
  });

  it('allows 7 days exactly', () => {
    expect(parse('--since 7d')).toMatchObject({ query: { sinceSeconds: 604_800 } });
  });

  it('refuses --public in the CLI', () => {
    expect(parse('--public', { allowPublic: false })).toEqual({
      kind: 'error',
      message: '--public only applies in Slack.',
    });
  });
});

describe('describeWindow', () => {
  it.each([
    [3600, 'the last hour'],
    [900, 'the last 15 minutes'],
    [7200, 'the last 2 hours'],
    [86_400, 'the last day'],
    [5400, 'the last 90 minutes'],
  ])('%i s reads "%s"', (seconds, text) => {
    expect(describeWindow(seconds)).toBe(text);
  });
});
