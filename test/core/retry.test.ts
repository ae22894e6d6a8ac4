import { describe, expect, it } from 'vitest';
import { fullJitterDelay, type RetryClock, retry } from '../../src/core/retry.js';

class Busy extends Error {
  constructor(readonly retryAfterSeconds?: number) {
    super('busy');
  }
}

/** A clock whose sleeps move time on at once, recording each wait. */
function fakeClock(start = 0): RetryClock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

/** A call failing with `errors` in turn, then answering 'ok'. */
function failing(errors: Error[]): { call: () => Promise<string>; calls: () => number } {
  let n = 0;
  return {
    call: async () => {
      const error = errors[n];
      n += 1;
      if (error) throw error;
      return 'ok';
    },
    calls: () => n,
  };
}

const base = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  retryable: (e: unknown) => e instanceof Busy,
  retryAfterMs: (e: unknown) =>
    e instanceof Busy && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : undefined,
};

describe('fullJitterDelay', () => {
  it('spans the whole range from 0 to min(cap, base·2^retry)', () => {
    expect(fullJitterDelay(0, 100, 1_000, () => 0)).toBe(0);
    expect(fullJitterDelay(0, 100, 1_000, () => 0.999_999)).toBeCloseTo(100, 3);
    expect(fullJitterDelay(3, 100, 1_000, () => 0.5)).toBe(400);
    // Capped: 100·2^5 = 3200 > 1000.
    expect(fullJitterDelay(5, 100, 1_000, () => 0.999_999)).toBeCloseTo(1_000, 2);
    expect(fullJitterDelay(30, 100, 1_000, () => 0.5)).toBe(500);
  });

  it('stays inside the bounds with the real random source', () => {
    for (let retryIndex = 0; retryIndex < 12; retryIndex += 1) {
      for (let i = 0; i < 200; i += 1) {
        const delay = fullJitterDelay(retryIndex, 100, 2_000);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(2_000, 100 * 2 ** retryIndex));
      }
    }
  });
});

describe('retry', () => {
  it('retries a retryable failure with full-jitter backoff until the call succeeds', async () => {
    const clock = fakeClock();
    const flaky = failing([new Busy(), new Busy(), new Busy()]);
    const result = await retry(flaky.call, { ...base, clock, random: () => 0.5 });
    expect(result).toBe('ok');
    expect(flaky.calls()).toBe(4);
    // Half of 100, 200, 400: the exponential range with the pinned random draw.
    expect(clock.waits).toEqual([50, 100, 200]);
  });

  it('waits exactly the Retry-After instead of backoff', async () => {
    const clock = fakeClock();
    const limited = failing([new Busy(3), new Busy()]);
    const seen: Array<{ delayMs: number; retryAfter: boolean }> = [];
    await retry(limited.call, {
      ...base,
      clock,
      random: () => 0,
      onRetry: ({ delayMs, retryAfter }) => seen.push({ delayMs, retryAfter }),
    });
    expect(clock.waits).toEqual([3_000, 0]);
    expect(seen).toEqual([
      { delayMs: 3_000, retryAfter: true },
      { delayMs: 0, retryAfter: false },
    ]);
  });

  it('throws a non-retryable error at once', async () => {
    const clock = fakeClock();
    const refused = new Error('invalid_blocks');
    const bad = failing([refused]);
    await expect(retry(bad.call, { ...base, clock })).rejects.toBe(refused);
    expect(bad.calls()).toBe(1);
    expect(clock.waits).toEqual([]);
  });

  it('gives up with the last error after maxAttempts', async () => {
    const clock = fakeClock();
    const errors = [new Busy(), new Busy(), new Busy()];
    const down = failing(errors);
    await expect(retry(down.call, { ...base, maxAttempts: 3, clock })).rejects.toBe(errors[2]);
    expect(down.calls()).toBe(3);
    expect(clock.waits).toHaveLength(2);
  });

  it('never starts a wait that would end past the deadline, keeping room for the attempt', async () => {
    const clock = fakeClock(10_000);
    const down = failing(Array.from({ length: 50 }, () => new Busy()));
    const deadlineError = new Error('deadline');
    await expect(
      retry(down.call, {
        ...base,
        maxAttempts: 50,
        clock,
        random: () => 0.999,
        deadline: 12_000,
        reserveMs: 500,
        onDeadline: () => deadlineError,
      }),
    ).rejects.toBe(deadlineError);
    const waited = clock.waits.reduce((a, b) => a + b, 0);
    expect(clock.now()).toBe(10_000 + waited);
    expect(clock.now() + 500).toBeLessThanOrEqual(12_000);
    // Stopped by the deadline, not by the attempts.
    expect(down.calls()).toBeLessThan(50);
  });

  it('does not wait out a Retry-After longer than the time left', async () => {
    const clock = fakeClock(0);
    const limited = failing([new Busy(30)]);
    await expect(retry(limited.call, { ...base, clock, deadline: 10_000 })).rejects.toBeInstanceOf(Busy);
    expect(clock.waits).toEqual([]);
    expect(limited.calls()).toBe(1);
  });

  it('waits with the given wait function instead of sleeping', async () => {
    const clock = fakeClock();
    const holds: number[] = [];
    const flaky = failing([new Busy(2)]);
    await retry(flaky.call, { ...base, clock, wait: (ms) => void holds.push(ms) });
    expect(holds).toEqual([2_000]);
    expect(clock.waits).toEqual([]);
  });

  it('tells the call which attempt it is', async () => {
    const attempts: number[] = [];
    const flaky = failing([new Busy(), new Busy()]);
    await retry(
      (attempt) => {
        attempts.push(attempt);
        return flaky.call();
      },
      { ...base, clock: fakeClock() },
    );
    expect(attempts).toEqual([1, 2, 3]);
  });
});
