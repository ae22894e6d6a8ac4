/**
 * Simulated time: `sleep` moves the clock instead of waiting, so minutes of outage and
 * rate limiting run in milliseconds of real time.
 */
import type { Clock } from '../../src/delivery/clock.js';

export class SimClock implements Clock {
  constructor(private t = Date.parse('2026-11-26T10:00:00Z')) {}

  now(): number {
    return this.t;
  }

  async sleep(ms: number): Promise<void> {
    this.t += Math.max(0, ms);
    await Promise.resolve();
  }

  /** Moves the clock forward to `t` (never back). */
  advanceTo(t: number): void {
    this.t = Math.max(this.t, t);
  }
}
