/**
 * `cloudbell redrive QUEUE --profile P`: the Redrive button from a terminal. Shows the queue's
 * depth and source queues; with `--yes` starts the SQS message move task back to the source
 * queues and follows it (ListMessageMoveTasks) until it ends or `--watch` seconds pass.
 */
import { type RedrivePort, runRedrive } from '../actions/redrive.js';
import { parseCliArgs } from './args.js';
import { type CliCommand, ExitCode } from './subcommand.js';

const HELP = `Usage: cloudbell redrive QUEUE [--region R] [--profile P] [--yes] [--watch SECONDS]

Moves every message of the dead-letter queue QUEUE back to the queue it came from (an SQS
message move task), with your AWS credentials. Without --yes it only shows what it would move.
Follows the task for --watch seconds (default 300), then says how far it got.

Needs sqs:GetQueueUrl, sqs:GetQueueAttributes, sqs:ListDeadLetterSourceQueues,
sqs:StartMessageMoveTask, sqs:ListMessageMoveTasks, sqs:ReceiveMessage, sqs:DeleteMessage on the
DLQ and sqs:SendMessage on its source queues.`;

export interface RedriveCliDeps {
  readonly arnOf: (queue: string, region: string, profile?: string) => Promise<string>;
  readonly port: (profile?: string) => Promise<RedrivePort>;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}
const defaults: RedriveCliDeps = {
  // SQS is loaded on use, not at CLI start.
  arnOf: async (queue, region, profile) =>
    (await import('../aws/sqs.js')).queueArnByName(queue, region, profile ? { profile } : {}),
  port: async (profile) => (await import('../aws/sqs.js')).sqsRedrivePort(profile ? { profile } : {}),
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
let deps = defaults;
export function setRedriveCliDeps(next: Partial<RedriveCliDeps> | undefined): void {
  deps = { ...defaults, ...(next ?? {}) };
}

/** Slack mrkdwn back to terminal text. */
const plainText = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/<@([^>]+)>/g, '$1');

export const redriveCommand: CliCommand = {
  name: 'redrive',
  summary: 'move a dead-letter queue back to its source queues (the Redrive button, from a terminal)',
  help: HELP,
  async run(args, io) {
    const parsed = parse(args);
    const [queue] = parsed.positionals;
    const { values } = parsed;
    const watch = Number(values.watch ?? '300');
    if (!queue || !Number.isFinite(watch) || watch < 0) {
      io.stderr.write(`cloudbell redrive: give a queue name (and --watch in seconds)\n${HELP}\n`);
      return ExitCode.Usage;
    }
    const profile = values.profile ?? io.env.AWS_PROFILE;
    const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
    if (!region) {
      io.stderr.write('cloudbell redrive: no region: pass --region or set AWS_REGION\n');
      return ExitCode.Usage;
    }
    const arn = await deps.arnOf(queue, region, profile);
    const port = await deps.port(profile);
    const facts = await port.describe(arn);
    const sources = (facts.sources ?? []).map((u) => u.split('/').at(-1)).join(', ');
    io.stdout.write(
      `${queue}: ${facts.depth ?? 'unknown number of'} messages waiting; back to ${sources || 'the queue each came from'}\n`,
    );
    if (!values.yes) {
      io.stdout.write('Nothing moved: rerun with --yes to start the redrive.\n');
      return ExitCode.Ok;
    }
    const last = await runRedrive(port, {
      queueArn: arn,
      userId: 'cloudbell CLI',
      post: async (text) => void io.stdout.write(`${plainText(text)}\n`),
      now: deps.now,
      sleep: deps.sleep,
      watchUntil: deps.now() + watch * 1000,
    });
    return last && last.status !== 'FAILED' && last.status !== 'CANCELLED' ? ExitCode.Ok : ExitCode.Failure;
  },
};

/** Unknown options and extra arguments are refused by the shared parser (exit 2, "did you mean"). */
function parse(args: string[]) {
  const { values, positionals } = parseCliArgs(
    args,
    {
      region: { type: 'string' },
      profile: { type: 'string' },
      yes: { type: 'boolean' },
      watch: { type: 'string' },
    },
    { min: 0, max: 1, what: 'QUEUE' },
  );
  // The spec above declares exactly these options and types.
  return {
    positionals,
    values: values as { region?: string; profile?: string; yes?: boolean; watch?: string },
  };
}
