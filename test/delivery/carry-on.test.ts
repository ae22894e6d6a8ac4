import { describe, expect, it } from 'vitest';
import { carryOn } from '../../src/delivery/carry-on.js';
import { newStats } from '../../src/delivery/runtime.js';

function runtime() {
  const lines: Array<{ level: string; message: string; attributes?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, attributes?: Record<string, unknown>) =>
    void lines.push({ level, message, ...(attributes ? { attributes } : {}) });
  return { lines, stats: newStats(), log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('carryOn', () => {
  it('returns what the attempt returns and logs nothing when it succeeds', async () => {
    const rt = runtime();
    expect(await carryOn(rt, { message: 'could not count' }, async () => 7, 1)).toBe(7);
    expect(rt.lines).toEqual([]);
  });

  it('logs an error with the error message first and returns the fallback when the attempt rejects', async () => {
    const rt = runtime();
    const result = await carryOn(
      rt,
      { message: 'could not count the storm window; using this batch alone' },
      async () => {
        throw new Error('table down');
      },
      3,
    );
    expect(result).toBe(3);
    expect(rt.lines).toEqual([
      {
        level: 'error',
        message: 'could not count the storm window; using this batch alone',
        attributes: { error: 'table down' },
      },
    ]);
    expect(rt.stats).toEqual(newStats());
  });

  it('logs at the given level with the given fields, counts the named counter, and survives a sync throw', async () => {
    const rt = runtime();
    await carryOn(
      rt,
      {
        message: 'could not update the thread parent',
        level: 'warn',
        fields: { channel: '#a' },
        count: 'slackErrors',
      },
      () => {
        throw new Error('ratelimited');
      },
      undefined,
    );
    expect(rt.lines).toEqual([
      {
        level: 'warn',
        message: 'could not update the thread parent',
        attributes: { error: 'ratelimited', channel: '#a' },
      },
    ]);
    expect(rt.stats.slackErrors).toBe(1);
  });
});
