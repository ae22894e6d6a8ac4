/**
 * Evidence posts share the channel's post slots with the alerts (the table's `pace#<channel>`
 * item that notify's pacer reserves, same protocol), so a graph and a log reply never push the
 * channel past Slack's ~1 message/second and earn the alerts a 429. A slot further away than
 * `maxWaitMs` (a busy channel) skips the post: evidence is worth less than the next alert.
 */
import { CloudbellError } from '../core/errors.js';
import type { EvidenceLedger, EvidenceSlack } from './evidence-ports.js';

/** As notify's pacer: a little over one second between posts to one channel. */
export const POST_INTERVAL_MS = 1_100;
export const MAX_PACE_WAIT_MS = 15_000;

/** The channel stayed busy for longer than evidence is worth waiting. */
export class ChannelBusyError extends CloudbellError {}

export interface PaceOptions {
  readonly ledger: EvidenceLedger;
  /** The channel as notify paces it (the routed name or id). */
  readonly channel: string;
  readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: { error(message: string, attributes?: Record<string, unknown>): void };
  readonly maxWaitMs?: number;
  /** Epoch ms by which a post must have started, leaving time for the call itself. */
  readonly deadline?: number;
}

/** Time one Slack call (an upload is three) may take after its slot. */
export const CALL_MARGIN_MS = 8_000;

/**
 * Wraps `slack` so each call first takes the channel's next post slot.
 *
 * @example
 * ```ts
 * const paced = pacedSlack(slack, { ledger, channel: job.channel, clock: Date.now, sleep, log });
 * await paced.uploadImage(…);
 * ```
 */
export function pacedSlack(slack: EvidenceSlack, options: PaceOptions): EvidenceSlack {
  const maxWait = options.maxWaitMs ?? MAX_PACE_WAIT_MS;
  const turn = async (): Promise<void> => {
    const now = options.clock();
    let slot = now;
    try {
      slot = await options.ledger.reservePostSlot(options.channel, now, POST_INTERVAL_MS);
    } catch (error) {
      // Without the shared slots, Slack's own 429 is the limit; the post still goes.
      options.log.error('evidence: could not reserve a post slot; posting unpaced', {
        error: (error as Error).name,
      });
      return;
    }
    const wait = slot - options.clock();
    if (wait > maxWait) throw new ChannelBusyError(`channel busy for ${Math.round(wait / 1000)} s`);
    if (options.deadline !== undefined && slot + CALL_MARGIN_MS > options.deadline)
      throw new ChannelBusyError('no time left in this invocation for the post');
    if (wait > 0) await options.sleep(wait);
  };
  return {
    async uploadImage(input) {
      await turn();
      await slack.uploadImage(input);
    },
    async reply(input) {
      await turn();
      await slack.reply(input);
    },
  };
}
