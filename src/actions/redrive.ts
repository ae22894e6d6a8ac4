/**
 * Redrive of a dead-letter queue, from the DLQ alarm's Redrive button: the confirmation modal's
 * facts, then (in the worker) an SQS message move task back to the source queues, with its
 * progress and result reported in the alert's thread.
 */
import { safeText } from '../slack/text.js';
import { clockTime, userMention } from './state.js';

/** What the modal shows about the queue (read live; `undefined` when unreadable). */
export interface QueueFacts {
  readonly depth?: number;
  /** Queue URLs whose redrive policy points at this DLQ. */
  readonly sources?: readonly string[];
}

/** One message move task as ListMessageMoveTasks reports it. */
export interface MoveTask {
  readonly status: 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED' | string;
  readonly moved?: number;
  readonly toMove?: number;
  readonly failureReason?: string;
  /** Epoch ms. */
  readonly startedAt?: number;
  readonly handle?: string;
}

/** The SQS calls a redrive makes. */
export interface RedrivePort {
  describe(queueArn: string): Promise<QueueFacts>;
  /** Starts the move back to the source queues; returns the task handle. */
  start(queueArn: string): Promise<string>;
  /** The most recent tasks of the queue, newest first. */
  tasks(queueArn: string): Promise<MoveTask[]>;
}

export interface RedriveRun {
  readonly queueArn: string;
  readonly userId: string;
  readonly post: (text: string) => Promise<void>;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Stop watching (and say so) at this epoch ms. */
  readonly watchUntil: number;
  readonly pollMs?: number;
}

const PARTITIONS: ReadonlyArray<[RegExp, string]> = [
  [/^cn-/, 'aws-cn'],
  [/^us-gov-/, 'aws-us-gov'],
];

/** `arn:aws:sqs:eu-west-1:210987654321:orders-dlq`. */
export function queueArn(region: string, account: string, queue: string): string {
  const partition = PARTITIONS.find(([re]) => re.test(region))?.[1] ?? 'aws';
  return `arn:${partition}:sqs:${region}:${account}:${queue}`;
}

export const queueName = (arn: string): string => arn.split(':').at(-1) ?? arn;

const count = (n: number | undefined) =>
  n === undefined ? 'an unknown number of' : n.toLocaleString('en-US');

function progress(task: MoveTask): string {
  return task.toMove !== undefined
    ? `${count(task.moved ?? 0)} of ${count(task.toMove)}`
    : count(task.moved ?? 0);
}

/**
 * Starts the move task and reports in the thread until it ends or `watchUntil` comes.
 *
 * @example
 * ```ts
 * await runRedrive(sqsRedrivePort({ region }), { queueArn, userId, post, now: Date.now, sleep, watchUntil });
 * ```
 */
export async function runRedrive(port: RedrivePort, run: RedriveRun): Promise<MoveTask | undefined> {
  const name = queueName(run.queueArn);
  const startedAt = run.now();
  let handle: string;
  try {
    handle = await port.start(run.queueArn);
  } catch (error) {
    const reason = (error as Error).name === 'Error' ? (error as Error).message : (error as Error).name;
    await run.post(
      `❌ The redrive of ${name} asked for by ${userMention(run.userId)} did not start (${safeText(reason, 200)}). Only one move task may run per queue, and the source must be an SQS dead-letter queue.`,
    );
    return undefined;
  }
  await run.post(
    `🔁 ${userMention(run.userId)} started a redrive of ${name} back to its source queue at ${clockTime(startedAt, startedAt)}.`,
  );
  let last: MoveTask | undefined;
  for (;;) {
    await run.sleep(run.pollMs ?? 5_000);
    try {
      const tasks = await port.tasks(run.queueArn);
      last =
        tasks.find((t) => t.handle === handle) ??
        tasks.find((t) => (t.startedAt ?? 0) >= startedAt - 1_000) ??
        last;
    } catch {
      // A failed progress read is not a failed redrive: keep watching until the deadline.
    }
    if (last && last.status !== 'RUNNING' && last.status !== 'CANCELLING') break;
    if (run.now() >= run.watchUntil) {
      await run.post(
        `⏳ The redrive of ${name} is still running: ${last ? `${progress(last)} messages moved so far` : 'no progress reported yet'}. Follow it in the SQS console (Dead-letter queue redrive).`,
      );
      return last;
    }
  }
  const at = clockTime(run.now(), run.now());
  if (last.status === 'COMPLETED')
    await run.post(`✅ Redrive of ${name} completed at ${at}: ${progress(last)} messages moved.`);
  else
    await run.post(
      `❌ Redrive of ${name} ${last.status.toLowerCase()} at ${at} after ${progress(last)} messages${last.failureReason ? `: ${safeText(last.failureReason, 300)}` : ''}.`,
    );
  return last;
}
