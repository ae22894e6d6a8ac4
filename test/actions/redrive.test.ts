/**
 * Redrive through the real SQS adapter with aws-sdk-client-mock: the move task is started on
 * the DLQ's ARN, its progress is read with ListMessageMoveTasks, and the thread hears the
 * start and the end (or that it is still running when the worker stops watching).
 */
import { ListMessageMoveTasksCommand, SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runRedrive } from '../../src/actions/redrive.js';
import { queueUrl, sqsRedrivePort } from '../../src/aws/sqs.js';
import { SimClock } from '../helpers/sim-clock.js';

const sqs = mockClient(SQSClient);
const ARN = 'arn:aws:sqs:eu-west-1:210987654321:orders-dlq';
let clock: SimClock;
let posts: string[];

function run(watchMs = 60_000) {
  return runRedrive(sqsRedrivePort(), {
    queueArn: ARN,
    userId: 'U0ADMIN99',
    post: async (text) => void posts.push(text),
    now: () => clock.now(),
    sleep: (ms) => clock.sleep(ms),
    watchUntil: clock.now() + watchMs,
    pollMs: 5_000,
  });
}

const task = (status: string, moved: number, extra: Record<string, unknown> = {}) => ({
  Status: status,
  SourceArn: ARN,
  ApproximateNumberOfMessagesMoved: moved,
  ApproximateNumberOfMessagesToMove: 37,
  StartedTimestamp: clock.now(),
  ...(status === 'RUNNING' ? { TaskHandle: 'handle-1' } : {}),
  ...extra,
});

beforeEach(() => {
  sqs.reset();
  clock = new SimClock(Date.parse('2026-11-26T09:04:00Z'));
  posts = [];
});
afterAll(() => sqs.restore());

describe('redrive', () => {
  it('starts a move task on the DLQ back to its sources and reports the result in the thread', async () => {
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-1' });
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [task('RUNNING', 10)] })
      .resolves({ Results: [task('COMPLETED', 37)] });
    const last = await run();
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]?.args[0].input).toEqual({ SourceArn: ARN });
    expect(sqs.commandCalls(ListMessageMoveTasksCommand)[0]?.args[0].input).toEqual({
      SourceArn: ARN,
      MaxResults: 10,
    });
    expect(last?.status).toBe('COMPLETED');
    expect(posts).toEqual([
      '🔁 <@U0ADMIN99> started a redrive of orders-dlq back to its source queue at 09:04 UTC.',
      '✅ Redrive of orders-dlq completed at 09:04 UTC: 37 of 37 messages moved.',
    ]);
  });

  it('reports a failed task with its (escaped) reason', async () => {
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-1' });
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [task('FAILED', 3, { FailureReason: 'AccessDenied on <orders> & more' })],
    });
    await run();
    expect(posts[1]).toBe(
      '❌ Redrive of orders-dlq failed at 09:04 UTC after 3 of 37 messages: AccessDenied on &lt;orders&gt; &amp; more.',
    );
  });

  it('says it did not start when SQS refuses (a task already running, not a DLQ)', async () => {
    sqs
      .on(StartMessageMoveTaskCommand)
      .rejects(Object.assign(new Error('x'), { name: 'UnsupportedOperation' }));
    expect(await run()).toBeUndefined();
    expect(posts).toEqual([expect.stringContaining('did not start (UnsupportedOperation)')]);
    expect(sqs.commandCalls(ListMessageMoveTasksCommand)).toEqual([]);
  });

  it('says it is still running, with the progress, when the worker stops watching', async () => {
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-1' });
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [task('RUNNING', 12)] });
    await run(30_000);
    expect(posts.at(-1)).toBe(
      '⏳ The redrive of orders-dlq is still running: 12 of 37 messages moved so far. Follow it in the SQS console (Dead-letter queue redrive).',
    );
    expect(sqs.commandCalls(ListMessageMoveTasksCommand)).toHaveLength(6);
  });

  it('builds the queue URL from the ARN, in every partition', () => {
    expect(queueUrl(ARN)).toBe('https://sqs.eu-west-1.amazonaws.com/210987654321/orders-dlq');
    expect(queueUrl('arn:aws-cn:sqs:cn-north-1:210987654321:q-dlq')).toBe(
      'https://sqs.cn-north-1.amazonaws.com.cn/210987654321/q-dlq',
    );
  });
});
