import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, oneLine, safeText, truncate } from '../../src/slack/text.js';

describe('escapeMrkdwn', () => {
  it('neutralises mentions, broadcasts and disguised links', () => {
    expect(escapeMrkdwn('<!channel> <@U123> <https://evil.example|aws.amazon.com> & co')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|aws.amazon.com&gt; &amp; co',
    );
  });

  it('leaves every other character alone, Unicode included', () => {
    expect(escapeMrkdwn('결제-API-오류 *bold* _x_ "q" \'s\'')).toBe('결제-API-오류 *bold* _x_ "q" \'s\'');
  });
});

describe('truncate', () => {
  it('keeps short text as it is', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('cuts to the limit and ends with an ellipsis', () => {
    const out = truncate('checkout-api-errors', 10);
    expect(out).toBe('checkout-…');
    expect(out.length).toBe(10);
  });

  it('never leaves half of a surrogate pair', () => {
    const out = truncate('ab😀cdef', 4);
    expect(out).toBe('ab…');
    expect(() => encodeURIComponent(out)).not.toThrow();
  });
});

describe('safeText', () => {
  it('fits the escaped text within the limit and never cuts an entity', () => {
    const out = safeText('<'.repeat(100), 20);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out).toBe(`${'&lt;'.repeat(4)}…`);
  });

  it('returns escaped text unchanged when it fits', () => {
    expect(safeText('a < b', 100)).toBe('a &lt; b');
  });
});

describe('oneLine', () => {
  it('folds newlines and runs of spaces', () => {
    expect(oneLine(' a\n\n b \t c ')).toBe('a b c');
  });
});
