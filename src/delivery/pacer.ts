/**
 * Keeps posts to one channel under Slack's ~1 message/second/channel, and holds a channel
 * back after a 429 for as long as Slack asked. One pacer per execution environment, so warm
 * invocations keep pacing where the last one stopped.
 */
import type { Clock } from './clock.js';

/** A little over one second: the sustained rate stays under Slack's documented 1/s. */
export const DEFAULT_POST_INTERVAL_MS = 1_100;

export class ChannelPacer {
  private readonly nextAt = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number = DEFAULT_POST_INTERVAL_MS,
  ) {}

  /** When the next post to `channel` may go out. */
  readyAt(channel: string): number {
    return Math.max(this.clock.now(), this.nextAt.get(channel) ?? 0);
  }

  /**
   * Waits for the channel's turn and takes it.
   *
   * @example
   * ```ts
   * await pacer.take('#aws-alerts');
   * await slack.postMessage(message);
   * ```
   */
  async take(channel: string): Promise<void> {
    const wait = this.readyAt(channel) - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
    this.nextAt.set(channel, this.clock.now() + this.intervalMs);
  }

  /** Slack said "not before `until`" (Retry-After). */
  holdUntil(channel: string, until: number): void {
    this.nextAt.set(channel, Math.max(this.nextAt.get(channel) ?? 0, until));
  }
}
