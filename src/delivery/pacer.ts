/**
 * Keeps posts to one channel under Slack's ~1 message/second/channel, and holds a channel
 * back after a 429 for as long as Slack asked. One pacer per execution environment, so warm
 * invocations keep pacing where the last one stopped; with a shared `SlotStore` (the table)
 * concurrent environments take turns too instead of earning 429s from each other.
 */
import type { Clock } from './clock.js';

/** A little over one second: the sustained rate stays under Slack's documented 1/s. */
export const DEFAULT_POST_INTERVAL_MS = 1_100;

/** Post slots per channel shared by every execution environment. */
export interface SlotStore {
  /**
   * Reserves the first slot at or after `earliest` (epoch ms) that no other environment holds,
   * and blocks the channel for `intervalMs` after it. Returns the slot's time.
   */
  reserveSlot(channel: string, earliest: number, intervalMs: number): Promise<number>;
}

export class ChannelPacer {
  private readonly nextAt = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number = DEFAULT_POST_INTERVAL_MS,
  ) {}

  /** When the next post to `channel` may go out, as far as this environment knows. */
  readyAt(channel: string): number {
    return Math.max(this.clock.now(), this.nextAt.get(channel) ?? 0);
  }

  /**
   * Waits for the channel's turn and takes it. Returns the time of the turn.
   *
   * @param notAfter - give up (return `undefined`, without waiting) when the turn would come later
   * @example
   * ```ts
   * if ((await pacer.take('#aws-alerts', deadline, store)) === undefined) throw new DeadlineError('post');
   * await slack.postMessage(message);
   * ```
   */
  async take(
    channel: string,
    notAfter = Number.POSITIVE_INFINITY,
    slots?: SlotStore,
  ): Promise<number | undefined> {
    let at = this.readyAt(channel);
    if (at > notAfter) return undefined;
    if (slots) {
      try {
        at = await slots.reserveSlot(channel, at, this.intervalMs);
      } catch {
        // Without the shared slots, local pacing and Slack's 429s still keep the rate.
      }
      // A reserved slot past the deadline is simply left unused.
      if (at > notAfter) return undefined;
    }
    const wait = at - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
    this.nextAt.set(channel, Math.max(this.clock.now(), at) + this.intervalMs);
    return at;
  }

  /** Slack said "not before `until`" (Retry-After). */
  holdUntil(channel: string, until: number): void {
    this.nextAt.set(channel, Math.max(this.nextAt.get(channel) ?? 0, until));
  }
}
