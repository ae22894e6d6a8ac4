/**
 * `cloudbell snooze` and `cloudbell redrive` in process: the state table on dynalite, SQS
 * through the real adapter mocked with aws-sdk-client-mock, the alarm lookup stubbed.
 */
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsRedriveDeps, createRedriveCommand } from '../../../src/cli/commands/redrive-command.js';
import { createSnoozeCommand } from '../../../src/cli/commands/snooze-command.js';
import type { CliCommand } from '../../../src/cli/subcommand.js';
import { DynamoStore } from '../../../src/state/dynamo-store.js';
import { actionStoreOn } from '../../helpers/action-store.js';
import { cli as runCli } from '../../helpers/cli.js';
import { type LocalTable, startLocalTable } from '../../helpers/dynalite.js';
import { SimClock } from '../../helpers/sim-clock.js';

const ARN = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors';
const sqs = mockClient(SQSClient);
let table: LocalTable;
const T0 = Date.parse('2026-11-26T09:04:00Z');

beforeAll(async () => {
  table = await startLocalTable();
  await new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 }).putThreads(
    [
      {
        threadKey: ARN,
        channel: '#aws-alerts',
        channelId: 'C0ALERTS1',
        ts: '1764151320.000100',
        state: 'ALARM',
        since: '2026-11-26T09:00:00Z',
        openedAt: '2026-11-26T09:00:00Z',
        kind: 'alert',
      },
      {
        threadKey: ARN,
        channel: '#old',
        channelId: 'C0OLD1234',
        ts: '1764150000.000100',
        state: 'OK',
        since: '2026-11-26T08:00:00Z',
        openedAt: '2026-11-26T07:00:00Z',
        kind: 'alert',
      },
    ],
    T0,
  );
});

/** The alarm lookup stubbed, the state table on dynalite, the clock fixed. */
const snooze = createSnoozeCommand({
  alarmArn: async (name) => (name === 'checkout-api-errors' ? ARN : undefined),
  store: async () => actionStoreOn(table),
  now: () => T0,
});
/** The real SQS adapter (mocked underneath) on a simulated clock, set per test. */
let redrive: CliCommand;
const cli = (args: string[], options: Parameters<typeof runCli>[1] = {}) =>
  runCli(args, { ...options, commands: { snooze, redrive } });

beforeEach(() => sqs.reset());
afterAll(async () => {
  sqs.restore();
  await table.close();
});

describe('cloudbell snooze', () => {
  it("snoozes the alarm's open threads like the button, and says so once", async () => {
    const env = { AWS_REGION: 'eu-west-1' };
    const first = await cli(['snooze', 'checkout-api-errors', '4h', '--as', 'U0ALICE12'], { env });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('#aws-alerts: snoozed until 2026-11-26T13:04:00.000Z');
    expect(first.stdout).not.toContain('#old');
    expect(await actionStoreOn(table).get({ channelId: 'C0ALERTS1', ts: '1764151320.000100' })).toEqual({
      snooze: { by: 'U0ALICE12', at: T0, until: T0 + 4 * 3_600_000 },
    });
    const again = await cli(['snooze', 'checkout-api-errors', '1h'], { env });
    expect(again.stdout).toContain(
      '#aws-alerts: already snoozed by U0ALICE12 until 2026-11-26T13:04:00.000Z',
    );
  });

  it('refuses a bad choice or an unknown alarm with exit 2', async () => {
    const env = { AWS_REGION: 'eu-west-1' };
    expect((await cli(['snooze', 'checkout-api-errors', '2h'], { env })).code).toBe(2);
    const unknown = await cli(['snooze', 'nope', '1h'], { env });
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('no alarm named nope in eu-west-1');
  });

  it('refuses unknown options and extra arguments like every other command, with exit 2', async () => {
    const env = { AWS_REGION: 'eu-west-1' };
    const typo = await cli(['snooze', 'checkout-api-errors', '1h', '--regoin', 'eu-west-1'], { env });
    expect(typo).toMatchObject({ code: 2 });
    expect(typo.stderr).toContain('did you mean --region?');
    const extra = await cli(['redrive', 'orders-dlq', 'more'], { env });
    expect(extra).toMatchObject({ code: 2 });
    expect(extra.stderr).toContain('unexpected argument "more"');
  });
});

describe('cloudbell redrive', () => {
  beforeEach(() => {
    const clock = new SimClock(T0);
    redrive = createRedriveCommand({
      ...awsRedriveDeps,
      now: () => clock.now(),
      sleep: (ms) => clock.sleep(ms),
    });
    sqs
      .on(GetQueueUrlCommand)
      .resolves({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/210987654321/orders-dlq' });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '37' } });
    sqs
      .on(ListDeadLetterSourceQueuesCommand)
      .resolves({ queueUrls: ['https://sqs.eu-west-1.amazonaws.com/210987654321/orders'] });
  });

  it('only shows what it would move without --yes', async () => {
    const out = await cli(['redrive', 'orders-dlq', '--region', 'eu-west-1']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      'orders-dlq: 37 messages waiting; back to orders\nNothing moved: rerun with --yes to start the redrive.\n',
    );
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toEqual([]);
  });

  it('with --yes moves the messages back and follows the task to its end', async () => {
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'h1' });
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [
        {
          Status: 'COMPLETED',
          ApproximateNumberOfMessagesMoved: 37,
          ApproximateNumberOfMessagesToMove: 37,
          StartedTimestamp: T0,
        },
      ],
    });
    const out = await cli(['redrive', 'orders-dlq', '--region', 'eu-west-1', '--yes', '--profile', 'P']);
    expect(out.code).toBe(0);
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]?.args[0].input).toEqual({
      SourceArn: 'arn:aws:sqs:eu-west-1:210987654321:orders-dlq',
    });
    expect(out.stdout).toContain('cloudbell CLI started a redrive of orders-dlq back to its source queue');
    expect(out.stdout).toContain('✅ Redrive of orders-dlq completed at 09:04 UTC: 37 of 37 messages moved.');
  });

  it('exits 1 when the move task fails', async () => {
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'h1' });
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [{ Status: 'FAILED', FailureReason: 'AccessDenied', StartedTimestamp: T0 }],
    });
    const out = await cli(['redrive', 'orders-dlq', '--region', 'eu-west-1', '--yes']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('failed');
  });
});
