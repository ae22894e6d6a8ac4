/**
 * Lambda's SQS poller, run against a real handler on a shared clock: `concurrency` pollers
 * (the event source's maximumConcurrency), each waiting until `batchSize` messages are visible
 * or the batching window since the first one ran out (no window: whatever is visible, at most
 * 10), invoking the handler with a Lambda context that times out after `timeoutMs`, deleting
 * what succeeded, hiding `batchItemFailures` (and every record of a timed-out or failed
 * invocation) for the visibility timeout, and moving a message received more than
 * `maxReceiveCount` times to the DLQ.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Clock } from '../../src/delivery/clock.js';
import { sqsRecord } from './alarm-events.js';

export interface PollerSettings {
  readonly batchSize: number;
  readonly batchWindowMs: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly visibilityTimeoutMs: number;
  readonly maxReceiveCount: number;
}

export interface PollerOptions extends PollerSettings {
  readonly clock: Clock;
  readonly invoke: (event: SQSEvent, timeoutMs: number) => Promise<SQSBatchResponse>;
  /** How often an idle poller looks again (clock ms). */
  readonly pollMs?: number;
}

export interface Arrival {
  readonly at: number;
  readonly body: unknown;
}

export interface PollerResult {
  readonly invocations: number;
  readonly timeouts: number;
  readonly dlq: unknown[];
  readonly finishedAt: number;
}

interface Message {
  readonly id: string;
  readonly body: unknown;
  readonly order: number;
  visibleAt: number;
  receives: number;
  inFlight: boolean;
  done: boolean;
}

/**
 * @example
 * ```ts
 * const result = await runPoller(arrivals, { clock, batchSize: 100, batchWindowMs: 1_000, concurrency: 2, timeoutMs: 30_000, visibilityTimeoutMs: 180_000, maxReceiveCount: 5, invoke });
 * ```
 */
export async function runPoller(arrivals: readonly Arrival[], options: PollerOptions): Promise<PollerResult> {
  const { clock } = options;
  const pollMs = options.pollMs ?? 20;
  const messages: Message[] = arrivals.map((a, i) => ({
    id: `m-${i}`,
    body: a.body,
    order: i,
    visibleAt: a.at,
    receives: 0,
    inFlight: false,
    done: false,
  }));
  const dlq: unknown[] = [];
  let invocations = 0;
  let timeouts = 0;
  const maxBatch = options.batchWindowMs > 0 ? options.batchSize : Math.min(10, options.batchSize);

  const visible = () =>
    messages
      .filter((m) => !m.done && !m.inFlight && m.visibleAt <= clock.now())
      .sort((a, b) => a.visibleAt - b.visibleAt || a.order - b.order);

  const poller = async (): Promise<void> => {
    for (;;) {
      if (messages.every((m) => m.done)) return;
      let ready = visible();
      if (ready.length === 0) {
        await clock.sleep(pollMs);
        continue;
      }
      if (options.batchWindowMs > 0) {
        const windowEnds =
          Math.max(ready[0]?.visibleAt ?? 0, clock.now() - options.batchWindowMs) + options.batchWindowMs;
        while (ready.length < maxBatch && clock.now() < windowEnds) {
          await clock.sleep(Math.min(pollMs, windowEnds - clock.now()));
          ready = visible();
        }
        if (ready.length === 0) continue;
      }
      const batch = ready.slice(0, maxBatch);
      const received = clock.now();
      const records = [];
      for (const m of batch) {
        m.receives += 1;
        if (m.receives > options.maxReceiveCount) {
          m.done = true;
          dlq.push(m.body);
          continue;
        }
        m.inFlight = true;
        records.push(sqsRecord(m.body, m.id, m.receives));
      }
      if (records.length === 0) continue;
      invocations += 1;
      let failed: Set<string>;
      const timer = clock.sleep(options.timeoutMs).then(() => 'timeout' as const);
      try {
        const outcome = await Promise.race([options.invoke({ Records: records }, options.timeoutMs), timer]);
        if (outcome === 'timeout') {
          timeouts += 1;
          failed = new Set(records.map((r) => r.messageId));
        } else failed = new Set(outcome.batchItemFailures.map((f) => f.itemIdentifier));
      } catch {
        failed = new Set(records.map((r) => r.messageId));
      }
      for (const m of batch) {
        if (!m.inFlight) continue;
        m.inFlight = false;
        if (failed.has(m.id)) m.visibleAt = received + options.visibilityTimeoutMs;
        else m.done = true;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, poller));
  return { invocations, timeouts, dlq, finishedAt: clock.now() };
}
