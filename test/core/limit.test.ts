import { describe, expect, it } from 'vitest';
import { forEachLimit, mapLimit } from '../../src/core/limit.js';

/** Resolves on the next macrotask, so work overlaps the way real I/O does. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('mapLimit', () => {
  it('keeps at most `limit` calls in flight and the results in item order', async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 20 }, (_, i) => i);
    const results = await mapLimit(items, 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      // Later items finish first: order must come from the index, not completion.
      await new Promise((resolve) => setTimeout(resolve, (20 - n) % 4));
      inFlight -= 1;
      return n * 2;
    });
    expect(peak).toBe(3);
    expect(results).toEqual(items.map((n) => n * 2));
  });

  it('starts items in order', async () => {
    const started: number[] = [];
    await mapLimit([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await tick();
    });
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('answers an empty list without calling anything, and treats a limit below 1 as 1', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
    let peak = 0;
    let inFlight = 0;
    const out = await mapLimit([1, 2, 3], 0, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight -= 1;
      return n;
    });
    expect(out).toEqual([1, 2, 3]);
    expect(peak).toBe(1);
  });

  it('rejects with the first failure', async () => {
    await expect(
      mapLimit([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('two');
        return n;
      }),
    ).rejects.toThrow('two');
  });
});

describe('forEachLimit', () => {
  it('runs every item once', async () => {
    const seen: string[] = [];
    await forEachLimit(['a', 'b', 'c', 'd'], 2, async (s) => {
      await tick();
      seen.push(s);
    });
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
