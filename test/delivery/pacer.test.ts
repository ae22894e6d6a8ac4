import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { startLocalTable } from '../helpers/dynalite.js';
import { SimClock } from '../helpers/sim-clock.js';

describe('ChannelPacer', () => {
  it('spaces posts to one channel by the interval and leaves other channels alone', async () => {
    const clock = new SimClock(0);
    const pacer = new ChannelPacer(clock, 1_100);
    const times: Array<[string, number]> = [];
    for (const channel of ['#a', '#a', '#b', '#a']) {
      await pacer.take(channel);
      times.push([channel, clock.now()]);
    }
    expect(times).toEqual([
      ['#a', 0],
      ['#a', 1_100],
      ['#b', 1_100],
      ['#a', 2_200],
    ]);
  });

  it('holds a channel back until a Retry-After has passed', async () => {
    const clock = new SimClock(0);
    const pacer = new ChannelPacer(clock, 1_100);
    await pacer.take('#a');
    pacer.holdUntil('#a', 30_000);
    expect(pacer.readyAt('#a')).toBe(30_000);
    await pacer.take('#a');
    expect(clock.now()).toBe(30_000);
    // A shorter hold never shortens a longer one.
    pacer.holdUntil('#a', 5_000);
    expect(pacer.readyAt('#a')).toBe(31_100);
  });
});

describe('ChannelPacer with shared slots', () => {
  it('makes two execution environments take turns on one channel', async () => {
    const table = await startLocalTable();
    try {
      const slots = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
      const clock = new SimClock(1_000_000);
      const a = new ChannelPacer(clock, 1_100);
      const b = new ChannelPacer(clock, 1_100);
      const turns: number[] = [];
      for (const pacer of [a, b, a, b])
        turns.push((await pacer.take('#shared', Number.POSITIVE_INFINITY, slots)) ?? -1);
      expect(turns).toEqual([1_000_000, 1_001_100, 1_002_200, 1_003_300]);
      // Another channel has its own slots.
      expect(await b.take('#other', Number.POSITIVE_INFINITY, slots)).toBe(clock.now());
    } finally {
      await table.close();
    }
  });

  it('gives up without waiting when the turn comes after the deadline', async () => {
    const clock = new SimClock(0);
    const pacer = new ChannelPacer(clock, 1_100);
    const far = { reserveSlot: async () => 60_000 };
    expect(await pacer.take('#a', 20_000, far)).toBeUndefined();
    expect(clock.now()).toBe(0);
  });
});
