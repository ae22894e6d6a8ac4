import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactJson, jsonHash } from '../../src/alerts/json.js';

const deepArray = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
const deepObject = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;

describe('compactJson', () => {
  it('spells any JSON value exactly as JSON.stringify does when it fits', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const out = compactJson(value, { maxDepth: 1_000, maxChars: 1_000_000 });
        expect(out).toEqual({ text: JSON.stringify(value), complete: true, cut: false });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps JSON.stringify’s treatment of undefined, functions and non-finite numbers', () => {
    const value = { a: undefined, b: () => 1, c: [undefined, Number.NaN, Number.POSITIVE_INFINITY], d: -0 };
    expect(compactJson(value).text).toBe(JSON.stringify(value));
  });

  it('shows arrays nested 200,000 deep (where JSON.stringify overflows the stack) down to maxDepth', () => {
    const value = deepArray(200_000);
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(compactJson(value, { maxDepth: 3 })).toEqual({ text: '[[[[…]]]]', complete: false, cut: false });
    expect(compactJson(deepObject(50_000), { maxDepth: 2 }).text).toBe('{"a":{"a":{…}}}');
  });

  it('stops at maxChars, saying so, and never ends on half a surrogate pair', () => {
    const out = compactJson({ s: 'x'.repeat(10_000) }, { maxChars: 100 });
    expect(out.text).toHaveLength(100);
    expect(out.cut).toBe(true);
    expect(out.complete).toBe(false);
    const emoji = compactJson(['😀'.repeat(100)], { maxChars: 11 });
    // '["' + 4 emoji (8 units) = 10; the 5th emoji would split at 11.
    expect(emoji.text).toBe(`["${'😀'.repeat(4)}`);
  });

  it('treats __proto__, constructor and toString keys as plain keys', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"constructor":2,"toString":3,"valueOf":"v"}');
    expect(compactJson(value).text).toBe('{"__proto__":{"x":1},"constructor":2,"toString":3,"valueOf":"v"}');
  });

  it('escapes lone surrogates as JSON.stringify does, so the text stays well-formed', () => {
    expect(compactJson(['a\ud800b']).text).toBe('["a\\ud800b"]');
  });
});

describe('jsonHash', () => {
  it('is the SHA-256 of JSON.stringify for ordinary values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const expected = createHash('sha256').update(JSON.stringify(value)).digest('hex');
        expect(jsonHash(value)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('hashes values of any depth, and tells deep values apart by their leaves', () => {
    const a = JSON.parse(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`);
    const b = JSON.parse(`${'['.repeat(100_000)}2${']'.repeat(100_000)}`);
    expect(jsonHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(jsonHash(a)).not.toBe(jsonHash(b));
    const again = JSON.parse(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`);
    expect(jsonHash(again)).toBe(jsonHash(a));
  });
});
