import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../src/delivery/pacer.js';
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
