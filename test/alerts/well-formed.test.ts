import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeUriPart,
  isWellFormed,
  MAX_KEY_LENGTH,
  storableKey,
  wellFormed,
} from '../../src/alerts/well-formed.js';

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

describe('storableKey', () => {
  it('keeps real keys as they are, well-formed', () => {
    const arn = `arn:aws:cloudwatch:eu-west-1:210987654321:alarm:${'한'.repeat(255)}`;
    const key = `alarm:${arn}:2026-11-26T14:02:10.123Z`;
    expect(storableKey(key)).toBe(key);
    expect(Buffer.byteLength(`dedupe#${key}`)).toBeLessThan(2048);
    expect(storableKey('eb:\ud800')).toBe('eb:\ufffd');
  });

  it('shortens a hostile key to its start and a hash of the whole, the same every time', () => {
    const long = `eb:${'x'.repeat(100_000)}`;
    const other = `eb:${'x'.repeat(99_999)}y`;
    expect(storableKey(long)).toHaveLength(MAX_KEY_LENGTH);
    expect(storableKey(long)).toBe(storableKey(long));
    expect(storableKey(long)).not.toBe(storableKey(other));
    expect(storableKey(long)).toMatch(/^eb:x+#[0-9a-f]{32}$/);
    // Worst case in bytes: every unit a 3-byte character.
    expect(Buffer.byteLength(`dedupe#${storableKey('한'.repeat(5_000))}`)).toBeLessThanOrEqual(2048);
  });
});
