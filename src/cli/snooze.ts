/**
 * `cloudbell snooze ALARM 4h`: the Snooze button from a terminal, with the caller's AWS
 * credentials. Finds the alarm's ARN (DescribeAlarms), its open threads in the state table, and
 * snoozes each exactly like the button does (same item, same conditional write); with
 * SLACK_BOT_TOKEN set it also records it in each thread.
 */
import { userInfo } from 'node:os';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { ThreadNote } from '../actions/decide.js';
import { isSnoozeChoice, snoozeUntil } from '../actions/state.js';
import { clientConfig } from '../aws/client-options.js';
import { cloudWatchClient } from '../aws/cloudwatch.js';
import { createSlackClient } from '../slack/client.js';
import type { ActionStore } from '../state/action-store.js';
import { parseCliArgs } from './args.js';
import { type CliCommand, ExitCode } from './subcommand.js';

const HELP = `Usage: cloudbell snooze ALARM 1h|4h|24h|ok [--region R] [--profile P] [--stage S | --table T] [--as NAME]

Snoozes the open Slack threads of a CloudWatch alarm, as the Snooze button does: later state
changes go into the thread without mentions until the snooze ends (ok: until the alarm is OK).
The state table is cloudbell-<stage>-state (--stage, default dev) or --table. With
SLACK_BOT_TOKEN set, the snooze is also noted in each thread.

Needs cloudwatch:DescribeAlarms and dynamodb:Query/GetItem/PutItem on the state table.`;

/** Tests point the CLI at local stand-ins. */
export interface SnoozeCliDeps {
  readonly alarmArn: (name: string, region: string, profile?: string) => Promise<string | undefined>;
  readonly store: (table: string, region: string, profile?: string) => Promise<ActionStore>;
  readonly now: () => number;
}

const defaults: SnoozeCliDeps = {
  async alarmArn(name, region, profile) {
    const out = await cloudWatchClient({ region, ...(profile ? { profile } : {}) }).send(
      new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
    );
    return out.MetricAlarms?.[0]?.AlarmArn ?? out.CompositeAlarms?.[0]?.AlarmArn;
  },
  async store(table, region, profile) {
    // Loaded here, not at CLI start: the other commands never need DynamoDB.
    const [{ DynamoDBClient }, { DynamoDBDocumentClient }, { ActionStore }] = await Promise.all([
      import('@aws-sdk/client-dynamodb'),
      import('@aws-sdk/lib-dynamodb'),
      import('../state/action-store.js'),
    ]);
    const client = new DynamoDBClient(
      clientConfig({ region, ...(profile ? { profile } : {}) }, { maxAttempts: 3 }),
    );
    return new ActionStore({ tableName: table, client: DynamoDBDocumentClient.from(client) });
  },
  now: Date.now,
};
let deps = defaults;
export function setSnoozeCliDeps(next: Partial<SnoozeCliDeps> | undefined): void {
  deps = { ...defaults, ...(next ?? {}) };
}

export const snoozeCommand: CliCommand = {
  name: 'snooze',
  summary: "snooze an alarm's open Slack threads (the Snooze button, from a terminal)",
  help: HELP,
  async run(args, io) {
    const parsed = parse(args);
    const [alarm, choice] = parsed.positionals;
    if (!alarm || !isSnoozeChoice(choice)) {
      io.stderr.write(`cloudbell snooze: give an alarm name and 1h, 4h, 24h or ok\n${HELP}\n`);
      return ExitCode.Usage;
    }
    const { values } = parsed;
    const profile = values.profile ?? io.env.AWS_PROFILE;
    const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
    if (!region) {
      io.stderr.write('cloudbell snooze: no region: pass --region or set AWS_REGION\n');
      return ExitCode.Usage;
    }
    const table = values.table ?? `cloudbell-${values.stage ?? 'dev'}-state`;
    const by = values.as ?? `cli:${userInfo().username}`;
    const arn = await deps.alarmArn(alarm, region, profile);
    if (!arn) {
      io.stderr.write(`cloudbell snooze: no alarm named ${alarm} in ${region}\n`);
      return ExitCode.Usage;
    }
    const store = await deps.store(table, region, profile);
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

/** Unknown options and extra arguments are refused by the shared parser (exit 2, "did you mean"). */
function parse(args: string[]) {
  const { values, positionals } = parseCliArgs(
    args,
    {
      region: { type: 'string' },
      profile: { type: 'string' },
      stage: { type: 'string' },
      table: { type: 'string' },
      as: { type: 'string' },
    },
    { min: 0, max: 2, what: 'ALARM and DURATION' },
  );
  // The spec above declares exactly these options and types.
  return {
    positionals,
    values: values as { region?: string; profile?: string; stage?: string; table?: string; as?: string },
  };
}
