import { describe, expect, it } from 'vitest';
import { matchesPattern, PatternError, validatePattern } from '../../src/pattern/index.js';

describe('validatePattern', () => {
  it('accepts every documented operator form', () => {
    expect(() =>
      validatePattern({
        source: ['aws.ec2', { prefix: 'aws.' }, { suffix: { 'equals-ignore-case': '.EC2' } }],
        detail: {
          a: [{ 'anything-but': ['x', 'y'] }, { 'anything-but': { wildcard: ['*/lib/*', '*.tmp'] } }],
          b: [{ numeric: ['>=', 0, '<', 1e9] }, { cidr: '2001:db8::/32' }, { exists: true }, null, true, 3],
          $or: [{ c: [{ wildcard: 'a*b' }] }, { d: [{ 'equals-ignore-case': 'x' }] }],
        },
      }),
    ).not.toThrow();
  });

  it.each([
    [{ detail: { state: [{ contains: 'run' }] } }, /detail\.state: unsupported operator "contains"/],
    [{ detail: { state: 'running' } }, /detail\.state: must be a list of values or a nested pattern/],
    [{ detail: { state: [] } }, /detail\.state: a field needs at least one value/],
    [{ detail: { state: [['running']] } }, /cannot contain another list/],
    [{ detail: { state: [{ prefix: 'a', suffix: 'b' }] } }, /exactly one operator/],
    [{ detail: { state: [{ prefix: 3 }] } }, /prefix needs a string/],
    [
      { detail: { state: [{ 'anything-but': { regex: 'a' } }] } },
      /unsupported anything-but operator "regex"/,
    ],
    [{ detail: { state: [{ 'anything-but': ['a', 1] }] } }, /only strings or only numbers/],
    [{ detail: { n: [{ numeric: ['>', 'zero'] }] } }, /numeric > needs a number/],
    [{ detail: { n: [{ numeric: ['>', 0, '>', 5] }] } }, /one lower .* and one upper/],
    [{ detail: { n: [{ numeric: ['>', 10, '<', 5] }] } }, /lower bound is above the upper/],
    [{ detail: { n: [{ numeric: ['~', 1] }] } }, /numeric operator must be one of/],
    [{ detail: { n: [{ numeric: ['<', 1e10] }] } }, /outside ±5e9/],
    [{ detail: { ip: [{ cidr: '10.0.0.0/33' }] } }, /not an IPv4 or IPv6 CIDR block/],
    [{ detail: { ip: [{ cidr: '300.0.0.0/8' }] } }, /not an IPv4 or IPv6 CIDR block/],
    [{ detail: { e: [{ exists: 'yes' }] } }, /exists needs true or false/],
    [{ detail: { w: [{ wildcard: 'a**b' }] } }, /consecutive \*/],
    [{ detail: { w: [{ wildcard: 'a\\b' }] } }, /backslash may only escape/],
    [{ detail: { $or: [{ a: ['x'] }] } }, /detail\.\$or: \$or needs a list of at least two/],
    [{ detail: {} }, /detail: an empty pattern object/],
    [[], /a pattern must be a JSON object/],
  ])('rejects %j', (pattern, message) => {
    expect(() => validatePattern(pattern)).toThrow(PatternError);
    expect(() => validatePattern(pattern)).toThrow(message);
  });

  it('makes matchesPattern throw for an invalid pattern instead of guessing', () => {
    expect(() => matchesPattern({ a: [{ regex: '.*' }] }, { a: 'x' })).toThrow(
      /unsupported operator "regex"/,
    );
  });
});
