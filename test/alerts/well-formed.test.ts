import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeUriPart, isWellFormed, wellFormed } from '../../src/alerts/well-formed.js';

describe('wellFormed', () => {
  it('replaces lone high and low surrogates with U+FFFD and keeps pairs', () => {
    expect(wellFormed('a\ud800b')).toBe('a\ufffdb');
    expect(wellFormed('a\udc00')).toBe('a\ufffd');
    expect(wellFormed('\udc00\ud800')).toBe('\ufffd\ufffd');
    expect(wellFormed('😀 ok')).toBe('😀 ok');
    expect(wellFormed('\ud83d')).toBe('\ufffd');
  });

  it('always returns well-formed text that encodeURIComponent accepts, and leaves well-formed text alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = wellFormed(text);
        expect(isWellFormed(out)).toBe(true);
        expect(() => encodeURIComponent(out)).not.toThrow();
        expect(out).toHaveLength(text.length);
        if (isWellFormed(text)) expect(out).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodeUriPart', () => {
  it('encodes what encodeURIComponent encodes, and a lone surrogate as U+FFFD instead of throwing', () => {
    expect(() => encodeURIComponent('cpu-\ud800')).toThrow(URIError);
    expect(encodeUriPart('cpu-\ud800')).toBe('cpu-%EF%BF%BD');
    expect(encodeUriPart('a/b c')).toBe(encodeURIComponent('a/b c'));
  });
});
