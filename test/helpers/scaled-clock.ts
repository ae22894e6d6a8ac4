/**
 * Real time, optionally sped up: `now()` runs `speed` times faster than the wall clock and
 * `sleep` waits `1/speed` as long. Unlike SimClock, concurrent sleepers overlap as they would in
 * production, so several invocations, Slack's rate limit and the queue run side by side; real
 * I/O (dynalite, the Slack stand-in) takes `speed` times longer in this clock's terms, which
 * only makes the figures more pessimistic.
 */
import type { Clock } from '../../src/delivery/clock.js';

export class ScaledClock implements Clock {
  private readonly wallStart = performance.now();

  constructor(
    readonly speed = 1,
    private readonly start = Date.now(),
  ) {}

  now(): number {
    return Math.round(this.start + (performance.now() - this.wallStart) * this.speed);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / this.speed));
  }
}
