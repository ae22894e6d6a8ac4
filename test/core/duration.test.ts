import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { MAX_WINDOW_SECONDS, parseDuration } from '../../src/core/duration.js';

const withWindow = (window: string) =>
  parseConfig(
    { slack: { defaultChannel: '#aws-alerts' }, errors: { digest: { enabled: true, window } } },
    'inline',
  );
const configAccepts = (window: string) => {
  try {
    withWindow(window);
    return true;
  } catch {
    return false;
  }
};

describe('parseDuration', () => {
  it('reads minutes, hours and days, a week in minutes included', () => {
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('1d')).toBe(86_400);
    expect(parseDuration('10080m')).toBe(MAX_WINDOW_SECONDS);
  });

  it('reads nothing else', () => {
    for (const text of ['2 hours', '2w', '1.5h', '-1h', 'h', '', '1234567m'])
      expect(parseDuration(text)).toBeUndefined();
  });
});

describe('the digest window in the config', () => {
  it('is accepted exactly when the worker reads it as a positive duration up to 7 days', () => {
    const window = fc.oneof(
      fc
        .tuple(fc.stringMatching(/^\d{1,9}$/), fc.constantFrom('m', 'h', 'd', 'M', 's', 'w'))
        .map(([n, u]) => n + u),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(window, (text) => {
        const seconds = parseDuration(text);
        const readable = seconds !== undefined && seconds > 0 && seconds <= MAX_WINDOW_SECONDS;
        expect(configAccepts(text)).toBe(readable);
        if (readable) expect(parseDuration(withWindow(text).errors.digest.window)).toBe(seconds);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a five-digit window past 7 days with the reason, instead of the worker falling back to 24h', () => {
    expect(() => withWindow('99999m')).toThrow(/up to 7d/);
    expect(withWindow('10080m').errors.digest.window).toBe('10080m');
  });
});
