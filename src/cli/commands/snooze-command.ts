/**
 * `cloudbell snooze ALARM 4h`: the Snooze button from a terminal, with the caller's AWS
 * credentials. Finds the alarm's ARN (DescribeAlarms), its open threads in the state table, and
 * snoozes each exactly like the button does (same item, same conditional write); with
 * SLACK_BOT_TOKEN set it also records it in each thread.
 */
import { userInfo } from 'node:os';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { ThreadNote } from '../../actions/decide.js';
import { isSnoozeChoice, snoozeUntil } from '../../actions/state.js';
import { clientConfig } from '../../aws/client-options.js';
import { cloudWatchClient } from '../../aws/cloudwatch.js';
import { createSlackClient } from '../../slack/client.js';
import type { ActionStore } from '../../state/action-store.js';
import { parseCliArgs } from '../args.js';
import { AWS_TARGET_OPTIONS, type AwsTarget, awsTarget } from '../aws-target.js';
import { type CliCommand, ExitCode } from '../subcommand.js';

const HELP = `Usage: cloudbell snooze ALARM 1h|4h|24h|ok [--region R] [--profile P] [--stage S | --table T] [--as NAME]

Snoozes the open Slack threads of a CloudWatch alarm, as the Snooze button does: later state
changes go into the thread without mentions until the snooze ends (ok: until the alarm is OK).
The state table is cloudbell-<stage>-state (--stage, default dev) or --table. With
SLACK_BOT_TOKEN set, the snooze is also noted in each thread.

Needs cloudwatch:DescribeAlarms and dynamodb:Query/GetItem/PutItem on the state table.`;

const OPTIONS = {
  ...AWS_TARGET_OPTIONS,
  stage: { type: 'string' },
  table: { type: 'string' },
  as: { type: 'string' },
} as const;

export interface SnoozeCommandDeps {
  /** The alarm's ARN (metric or composite), or undefined when there is no alarm of that name. */
  readonly alarmArn: (name: string, target: AwsTarget) => Promise<string | undefined>;
  /** The state table's snooze records. */
  readonly store: (table: string, target: AwsTarget) => Promise<ActionStore>;
  readonly now: () => number;
}

/** CloudWatch and DynamoDB through the SDK, with the caller's profile. */
export const awsSnoozeDeps: SnoozeCommandDeps = {
  async alarmArn(name, { region, profile }) {
    const out = await cloudWatchClient({ region, ...(profile ? { profile } : {}) }).send(
      new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
    );
    return out.MetricAlarms?.[0]?.AlarmArn ?? out.CompositeAlarms?.[0]?.AlarmArn;
  },
  async store(table, { region, profile }) {
    // Loaded here, not at CLI start: the other commands never need DynamoDB.
    const [{ DynamoDBClient }, { DynamoDBDocumentClient }, { ActionStore }] = await Promise.all([
      import('@aws-sdk/client-dynamodb'),
      import('@aws-sdk/lib-dynamodb'),
      import('../../state/action-store.js'),
    ]);
    const client = new DynamoDBClient(
      clientConfig({ region, ...(profile ? { profile } : {}) }, { maxAttempts: 3 }),
    );
    return new ActionStore({ tableName: table, client: DynamoDBDocumentClient.from(client) });
  },
  now: Date.now,
};

/**
 * @example
 * ```ts
 * const snooze = createSnoozeCommand({ ...awsSnoozeDeps, now: () => T0 });
 * await snooze.run(['checkout-api-errors', '4h', '--region', 'eu-west-1'], io);
 * ```
 */
export function createSnoozeCommand(deps: SnoozeCommandDeps): CliCommand {
  return {
    help: HELP,
    async run(args, io) {
      // Unknown options and extra arguments are refused by the shared parser (exit 2, "did you mean").
      const { values, positionals } = parseCliArgs(args, OPTIONS, {
        min: 0,
        max: 2,
        what: 'ALARM and DURATION',
      });
      const [alarm, choice] = positionals;
      if (!alarm || !isSnoozeChoice(choice)) {
        io.stderr.write(`cloudbell snooze: give an alarm name and 1h, 4h, 24h or ok\n${HELP}\n`);
        return ExitCode.Usage;
      }
      const target = await awsTarget(values, io.env);
      const table = values.table ?? `cloudbell-${values.stage ?? 'dev'}-state`;
      const by = values.as ?? `cli:${userInfo().username}`;
      const arn = await deps.alarmArn(alarm, target);
      if (!arn) {
        io.stderr.write(`cloudbell snooze: no alarm named ${alarm} in ${target.region}\n`);
        return ExitCode.Usage;
      }
      const store = await deps.store(table, target);
      const threads = await store.openThreads(arn);
      if (threads.length === 0) {
        io.stdout.write(
          `${alarm} has no open Slack thread (it is OK, or cloudbell never posted it): nothing to snooze.\n`,
        );
        return ExitCode.Ok;
      }
      const now = deps.now();
      const until = snoozeUntil(choice, now);
      const token = io.env.SLACK_BOT_TOKEN;
      const slack = token ? createSlackClient({ token }) : undefined;
      for (const t of threads) {
        const thread = { channelId: t.channelId, ts: t.ts };
        const result = await store.snooze(thread, by, choice, until, now);
        if (!result.done) {
          const current = result.current;
          const end = current?.until ? new Date(current.until).toISOString() : 'OK';
          io.stdout.write(`${t.channel}: already snoozed by ${current?.by ?? 'someone'} until ${end}\n`);
          continue;
        }
        io.stdout.write(
          `${t.channel}: snoozed until ${until === null ? 'OK' : new Date(until).toISOString()}\n`,
        );
        await slack?.chat
          .postMessage({
            channel: t.channelId,
            thread_ts: t.ts,
            text: ThreadNote.snoozed(by, choice, until, now),
          })
          .catch((error: Error) =>
            io.stderr.write(`${t.channel}: snoozed, but the thread note failed (${error.message})\n`),
          );
      }
      if (!slack) io.stdout.write('note: set SLACK_BOT_TOKEN to also note the snooze in the thread\n');
      return ExitCode.Ok;
    },
  };
}

/** The command wired to AWS. */
export const snoozeCommand = createSnoozeCommand(awsSnoozeDeps);
