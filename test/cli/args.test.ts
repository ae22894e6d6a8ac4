/** The shared argument parsing: typed values, empty values refused, options taken out for another parser. */
import { describe, expect, it } from 'vitest';
import { parseCliArgs, refuseEmptyValues, takeOption, UsageError } from '../../src/cli/args.js';

describe('parseCliArgs', () => {
  it('returns the values the spec declares, repeated options as lists', () => {
    const { values, positionals } = parseCliArgs(
      ['a.json', '--account', '111111111111=prod', '--account', '222222222222=dev', '-y'],
      { account: { type: 'string', multiple: true }, yes: { type: 'boolean', short: 'y' } },
      { min: 1, max: 1, what: 'FILE' },
    );
    expect(values).toEqual({ account: ['111111111111=prod', '222222222222=dev'], yes: true });
    expect(positionals).toEqual(['a.json']);
  });

  it('names the unknown option with a suggestion, and the missing or extra argument', () => {
    const spec = { region: { type: 'string' } } as const;
    expect(() => parseCliArgs(['--regoin', 'x'], spec, { min: 0, max: 0, what: '' })).toThrow(
      new UsageError('unknown option --regoin (did you mean --region?)'),
    );
    expect(() => parseCliArgs([], spec, { min: 1, max: 1, what: 'QUEUE' })).toThrow('missing QUEUE');
    expect(() => parseCliArgs(['a', 'b'], spec, { min: 1, max: 1, what: 'QUEUE' })).toThrow(
      'unexpected argument "b" (expected QUEUE)',
    );
  });
});

describe('refuseEmptyValues', () => {
  it('refuses an option given the empty string, naming it', () => {
    expect(() => refuseEmptyValues({ channel: '#ops', yes: true })).not.toThrow();
    expect(() => refuseEmptyValues({ channel: '#ops', stage: '' })).toThrow(
      new UsageError('--stage needs a value'),
    );
  });
});

describe('takeOption', () => {
  it('takes NAME VALUE or NAME=VALUE and leaves the rest in order', () => {
    expect(takeOption(['a.json', '--profile', 'prod', '--json'], '--profile')).toEqual({
      value: 'prod',
      rest: ['a.json', '--json'],
    });
    expect(takeOption(['--profile=prod', 'b'], '--profile')).toEqual({ value: 'prod', rest: ['b'] });
    expect(takeOption(['b'], '--profile')).toEqual({ rest: ['b'] });
  });

  it('says when the value is missing', () => {
    expect(takeOption(['--profile'], '--profile').error).toBe('--profile needs a value');
    expect(takeOption(['--profile', '--json'], '--profile').error).toBe('--profile needs a value');
  });
});
