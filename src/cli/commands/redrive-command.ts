/**
 * `cloudbell redrive QUEUE --profile P`: the Redrive button from a terminal. Shows the queue's
 * depth and source queues; with `--yes` starts the SQS message move task back to the source
 * queues and follows it (ListMessageMoveTasks) until it ends or `--watch` seconds pass.
 */
import { type RedrivePort, runRedrive } from '../../actions/redrive.js';
import { parseCliArgs } from '../args.js';
import { AWS_TARGET_OPTIONS, type AwsTarget, awsTarget } from '../aws-target.js';
import { type CliCommand, ExitCode } from '../subcommand.js';

const HELP = `Usage: cloudbell redrive QUEUE [--region R] [--profile P] [--yes] [--watch SECONDS]

Moves every message of the dead-letter queue QUEUE back to the queue it came from (an SQS
message move task), with your AWS credentials. Without --yes it only shows what it would move.
Follows the task for --watch seconds (default 300), then says how far it got.

Needs sqs:GetQueueUrl, sqs:GetQueueAttributes, sqs:ListDeadLetterSourceQueues,
sqs:StartMessageMoveTask, sqs:ListMessageMoveTasks, sqs:ReceiveMessage, sqs:DeleteMessage on the
DLQ and sqs:SendMessage on its source queues.`;

const OPTIONS = {
  ...AWS_TARGET_OPTIONS,
  yes: { type: 'boolean' },
  watch: { type: 'string' },
} as const;

export interface RedriveCommandDeps {
  readonly arnOf: (queue: string, target: AwsTarget) => Promise<string>;
  readonly port: (target: AwsTarget) => Promise<RedrivePort>;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** SQS through the SDK (loaded on use, not at CLI start), with the caller's profile. */
export const awsRedriveDeps: RedriveCommandDeps = {
  arnOf: async (queue, { region, profile }) =>
    (await import('../../aws/sqs.js')).queueArnByName(queue, region, profile ? { profile } : {}),
  port: async ({ profile }) => (await import('../../aws/sqs.js')).sqsRedrivePort(profile ? { profile } : {}),
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Slack mrkdwn back to terminal text. */
const plainText = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/<@([^>]+)>/g, '$1');

/**
 * @example
 * ```ts
 * const redrive = createRedriveCommand({ ...awsRedriveDeps, now: () => clock.now(), sleep: (ms) => clock.sleep(ms) });
 * await redrive.run(['orders-dlq', '--yes'], io);
 * ```
 */
export function createRedriveCommand(deps: RedriveCommandDeps): CliCommand {
  return {
    help: HELP,
    async run(args, io) {
      // Unknown options and extra arguments are refused by the shared parser (exit 2, "did you mean").
      const { values, positionals } = parseCliArgs(args, OPTIONS, { min: 0, max: 1, what: 'QUEUE' });
      const [queue] = positionals;
      const watch = Number(values.watch ?? '300');
      if (!queue || !Number.isFinite(watch) || watch < 0) {
        io.stderr.write(`cloudbell redrive: give a queue name (and --watch in seconds)\n${HELP}\n`);
        return ExitCode.Usage;
      }
      const target = await awsTarget(values, io.env);
      const arn = await deps.arnOf(queue, target);
      const port = await deps.port(target);
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
}

/** The command wired to AWS. */
export const redriveCommand = createRedriveCommand(awsRedriveDeps);
