/**
 * notify's side of evidence: after each posted alarm state change, decide whether it gets
 * evidence in that channel and, if so, hand a job to the worker at once (not after the batch,
 * so the first alert's graph is not held up by the last alert's pacing). Hand-offs run beside
 * the remaining posts and are awaited, bounded, before notify returns. A hand-off that fails is
 * logged and counted; it never fails, retries or delays an alert.
 */
import type { Alert } from '../alerts/alert.js';
import type { Config } from '../core/config.js';
import type { PostedStateChange } from '../delivery/runtime.js';
import type { Envelope } from '../sources/envelope.js';
import type { EvidenceJob } from './evidence-job.js';
import { evidenceFor } from './settings.js';

export interface HandOffStats {
  handedOff: number;
  failed: number;
}

export interface HandOffOptions {
  readonly config: Pick<Config, 'evidence' | 'routes' | 'slack'>;
  /** The envelope each alert came from (the job carries the event, the worker reads it again). */
  readonly envelopeOf: (alert: Alert) => Envelope | undefined;
  readonly handOff: (job: EvidenceJob) => Promise<void>;
  readonly clock: () => number;
  readonly log: { error(message: string, attributes?: Record<string, unknown>): void };
}

export interface EvidenceHandOff {
  readonly onPosted: (posted: PostedStateChange) => void;
  /** Waits for the hand-offs in flight, at most `withinMs`; what is still pending is counted failed. */
  settle(withinMs: number): Promise<HandOffStats>;
}

/**
 * @example
 * ```ts
 * const evidence = evidenceHandOff({ config, envelopeOf, handOff: (job) => invokeAsync(fn, job), clock: Date.now, log });
 * await deliver(outcomes, { …, runtime: { …, onPosted: evidence.onPosted } });
 * const { handedOff, failed } = await evidence.settle(3_000);
 * ```
 */
export function evidenceHandOff(options: HandOffOptions): EvidenceHandOff {
  const stats: HandOffStats = { handedOff: 0, failed: 0 };
  const pending = new Set<Promise<void>>();

  const onPosted = (posted: PostedStateChange): void => {
    const { alert } = posted;
    const switches = evidenceFor(alert, posted.channel, options.config);
    if (!switches.graphs && !switches.logs) return;
    const envelope = options.envelopeOf(alert);
    if (!envelope) return;
    const job: EvidenceJob = {
      kind: 'evidence',
      envelope: {
        shape: envelope.shape,
        event: envelope.event,
        ...(envelope.sns ? { sns: envelope.sns } : {}),
      },
      dedupeKey: alert.dedupeKey,
      channel: posted.channel,
      channelId: posted.channelId,
      threadTs: posted.threadTs,
      graphs: switches.graphs,
      logs: switches.logs,
      postedAt: options.clock(),
    };
    const task = Promise.resolve()
      .then(() => options.handOff(job))
      .then(
        () => {
          stats.handedOff += 1;
        },
        (error: unknown) => {
          stats.failed += 1;
          options.log.error('evidence hand-off failed; the alert is posted, its graph will be missing', {
            dedupeKey: alert.dedupeKey,
            channel: posted.channel,
            error: (error as Error)?.message ?? String(error),
          });
        },
      )
      .finally(() => pending.delete(task));
    pending.add(task);
  };

  return {
    onPosted,
    async settle(withinMs) {
      if (pending.size > 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.max(0, withinMs));
        });
        await Promise.race([Promise.allSettled([...pending]), timeout]);
        clearTimeout(timer);
      }
      if (pending.size > 0) {
        stats.failed += pending.size;
        options.log.error('evidence hand-offs still pending when notify had to return', {
          pending: pending.size,
        });
        pending.clear();
      }
      return { ...stats };
    },
  };
}
