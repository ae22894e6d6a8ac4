/**
 * The SQS → Lambda event source mapping, simulated on a SimClock: messages become visible at
 * their arrival time, the poller waits for a full batch or the batching window, invokes the
 * handler (one at a time), deletes what succeeded, hides failed records for the visibility
 * timeout, and moves a message past `maxReceiveCount` to the DLQ.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sqsRecord } from './alarm-events.js';
import type { SimClock } from './sim-clock.js';

export interface QueueSimOptions {
  readonly clock: SimClock;
  readonly batchSize: number;
  readonly batchWindowMs: number;
  readonly visibilityTimeoutMs: number;
  readonly maxReceiveCount: number;
  readonly invoke: (event: SQSEvent) => Promise<SQSBatchResponse>;
}

export interface Arrival {
  readonly at: number;
  readonly body: unknown;
}

export interface QueueSimResult {
  readonly invocations: number;
  /** Bodies that ended in the DLQ. */
  readonly dlq: unknown[];
  /** Simulated time when the queue was empty. */
  readonly finishedAt: number;
}

interface Message {
  readonly id: string;
  readonly body: unknown;
  readonly order: number;
  visibleAt: number;
  receives: number;
}

/**
 * @example
 * ```ts
 * const result = await runQueue(arrivals, { clock, batchSize: 100, batchWindowMs: 5_000, visibilityTimeoutMs: 180_000, maxReceiveCount: 5, invoke });
 * ```
 */
export async function runQueue(
  arrivals: readonly Arrival[],
  options: QueueSimOptions,
): Promise<QueueSimResult> {
  const { clock } = options;
  let pending: Message[] = arrivals.map((a, i) => ({
    id: `m-${i}`,
    body: a.body,
    order: i,
    visibleAt: a.at,
    receives: 0,
  }));
  const dlq: unknown[] = [];
  let invocations = 0;
  while (pending.length > 0) {
    const times = pending.map((m) => m.visibleAt).sort((a, b) => a - b);
    const first = times[0] as number;
    const full = times[Math.min(options.batchSize, times.length) - 1] as number;
    // The poller starts a batch when it is full or the batching window since the first message ran out.
    const start = Math.max(clock.now(), Math.min(first + options.batchWindowMs, full));
    clock.advanceTo(start);
    const batch = pending
      .filter((m) => m.visibleAt <= clock.now())
      .sort((a, b) => a.visibleAt - b.visibleAt || a.order - b.order)
      .slice(0, options.batchSize);
    const received = clock.now();
    const records = [];
    for (const m of batch) {
      m.receives += 1;
      if (m.receives > options.maxReceiveCount) {
        dlq.push(m.body);
        pending = pending.filter((p) => p !== m);
        continue;
      }
      records.push(sqsRecord(m.body, m.id, m.receives));
    }
    if (records.length === 0) continue;
    invocations += 1;
    const response = await options.invoke({ Records: records });
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    for (const m of batch) {
      if (failed.has(m.id)) m.visibleAt = received + options.visibilityTimeoutMs;
    }
    pending = pending.filter((m) => !batch.includes(m) || failed.has(m.id));
  }
  return { invocations, dlq, finishedAt: clock.now() };
}
