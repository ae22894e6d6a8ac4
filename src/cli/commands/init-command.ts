/**
 * `cloudbell init`: writes a commented cloudbell.config.yml from a few questions (or flags),
 * and prints the Slack app manifest with the stack's request URL filled in once it exists.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { configPath } from '../../core/config-file.js';
import { type ParsedArgs, parseCliArgs, refuseEmptyValues, UsageError } from '../args.js';
import { AWS_TARGET_OPTIONS } from '../aws-target.js';
import { type InitAnswers, initConfigText } from '../init-config.js';
import { manifestWithUrl, shippedManifest } from '../manifest.js';
import { type CliCommand, type CliIo, ExitCode } from '../subcommand.js';

const HELP = `Usage: cloudbell init [--channel C] [--team T…] [--account ID=ALIAS]… [--security-channel C] [--yes] [--force]
       cloudbell init --manifest [--stage prod] [--region R] [--profile P] [--request-url URL]

Writes a commented cloudbell.config.yml (or CLOUDBELL_CONFIG, or --output PATH), validated like
any config. On a terminal it asks; with flags or --yes it asks nothing and uses defaults for the
rest (channel #aws-alerts, /aws-errors off). It never replaces a file without --force.

  --channel C           where alerts go: #name or a channel id (default #aws-alerts)
  --team T…             the Slack workspace id allowed to run /aws-errors (default: nobody yet)
  --account ID=ALIAS    name an AWS account in messages (repeatable)
  --security-channel C  a channel for critical and high security events
  --manifest            print slack/manifest.yml with the request URL of the deployed stack
                        cloudbell-STAGE (or --request-url) filled in, and write nothing
  --stage, --region, --profile   which stack to read the URL from (default stage dev)`;

const OPTIONS = {
  channel: { type: 'string' },
  team: { type: 'string' },
  account: { type: 'string', multiple: true },
  'security-channel': { type: 'string' },
  output: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  force: { type: 'boolean' },
  manifest: { type: 'boolean' },
  stage: { type: 'string' },
  ...AWS_TARGET_OPTIONS,
  'request-url': { type: 'string' },
} as const;

/** The deployed stack's SlackRequestUrl output; undefined when the stack or the output is missing. */
export type StackUrlReader = (options: {
  stage: string;
  region: string;
  profile?: string;
}) => Promise<string | undefined>;

export interface InitCommandDeps {
  readonly stackUrl: StackUrlReader;
}

/** CloudFormation through doctor's adapter (loaded only for --manifest). */
export const readStackUrl: StackUrlReader = async ({ stage, region, profile }) => {
  const { doctorAws } = await import('../doctor/doctor-aws.js');
  const stack = await doctorAws({ region, ...(profile ? { profile } : {}) }).describeStack(
    `cloudbell-${stage}`,
    region,
  );
  return stack?.outputs.SlackRequestUrl;
};

function parseAccounts(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const match = /^(\d{12})=(.+)$/.exec(value.trim());
    if (!match) throw new UsageError(`--account ${value}: expected ID=ALIAS with a 12-digit account id`);
    out[match[1] as string] = (match[2] as string).trim();
  }
  return out;
}

async function ask(io: CliIo): Promise<InitAnswers> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  // One iterator for every question: it buffers lines typed (or piped) ahead of the prompt.
  const lines = rl[Symbol.asyncIterator]();
  const question = async (text: string, fallback: string) => {
    io.stderr.write(`${text}${fallback ? ` [${fallback}]` : ''}: `);
    const answer = (await lines.next()).value as string | undefined;
    return (answer ?? '').trim() || fallback;
  };
  try {
    const channel = await question('Channel for alerts (#name or channel id)', '#aws-alerts');
    const team = await question(
      'Slack workspace (team) ID allowed to run /aws-errors, T… (blank: nobody yet)',
      '',
    );
    const account = await question('An AWS account to name in messages, as ID=alias (blank: none)', '');
    const securityChannel = await question(
      'Channel for critical and high security events (blank: the same)',
      '',
    );
    return {
      channel,
      ...(team ? { team } : {}),
      ...(account ? { accounts: parseAccounts([account]) } : {}),
      ...(securityChannel ? { securityChannel } : {}),
    };
  } finally {
    rl.close();
  }
}

async function requestUrl(
  values: ParsedArgs<typeof OPTIONS>['values'],
  io: CliIo,
  stackUrl: StackUrlReader,
): Promise<string | undefined> {
  if (typeof values['request-url'] === 'string') return values['request-url'];
  const region = values.region ?? (io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION);
  if (!region) throw new UsageError('no region to find the stack in: pass --region (or --request-url URL)');
  const stage = values.stage ?? 'dev';
  const profile = values.profile ?? (io.env.AWS_PROFILE || undefined);
  try {
    return await stackUrl({ stage, region, ...(profile ? { profile } : {}) });
  } catch (error) {
    const { awsProblem } = await import('../doctor/problem.js');
    throw new UsageError(
      `cannot read stack cloudbell-${stage} in ${region}: ${awsProblem(error)}; or pass --request-url URL`,
    );
  }
}

/**
 * @example
 * ```ts
 * const init = createInitCommand({ stackUrl: async () => 'https://abc.execute-api.eu-west-1.amazonaws.com/slack/events' });
 * await init.run(['--manifest', '--stage', 'prod', '--region', 'eu-west-1'], io);
 * ```
 */
export function createInitCommand(deps: InitCommandDeps): CliCommand {
  return {
    help: HELP,
    async run(args, io) {
      const { values } = parseCliArgs(args, OPTIONS, { min: 0, max: 0, what: '' });
      refuseEmptyValues(values);

      if (values.manifest) {
        const url = await requestUrl(values, io, deps.stackUrl);
        if (!url) {
          io.stderr.write(
            `cloudbell init: stack cloudbell-${values.stage ?? 'dev'} not found (or it has no SlackRequestUrl): deploy it first, or pass --request-url URL\n`,
          );
          return ExitCode.Failure;
        }
        io.stdout.write(manifestWithUrl(shippedManifest(), url));
        return ExitCode.Ok;
      }

      const path = values.output ?? configPath(io.env);
      if (existsSync(path) && !values.force)
        throw new UsageError(
          `${path} exists: pass --force to replace it, or --output PATH to write elsewhere`,
        );
      const flagged = (['channel', 'team', 'account', 'security-channel'] as const).some(
        (k) => values[k] !== undefined,
      );
      const interactive = !values.yes && !flagged && (io.stdin as NodeJS.ReadStream).isTTY === true;
      const answers: InitAnswers = interactive
        ? await ask(io)
        : {
            channel: values.channel ?? '#aws-alerts',
            ...(values.team ? { team: values.team } : {}),
            ...(values.account ? { accounts: parseAccounts(values.account) } : {}),
            ...(values['security-channel'] ? { securityChannel: values['security-channel'] } : {}),
          };
      const text = initConfigText(answers);
      writeFileSync(path, text);
      io.stderr.write(`wrote ${path}\n`);

      if (values['request-url'] || values.stage) {
        const url = await requestUrl(values, io, deps.stackUrl);
        if (url) {
          io.stderr.write(
            'Slack app manifest (paste it under App Manifest, or Create New App → From a manifest):\n',
          );
          io.stdout.write(manifestWithUrl(shippedManifest(), url));
          return ExitCode.Ok;
        }
      }
      io.stderr.write(
        'next: create the Slack app from slack/manifest.yml, deploy (README, Install), then\n' +
          '  npx cloudbell init --manifest --stage STAGE --region REGION\n' +
          'prints the manifest with the request URL filled in.\n',
      );
      return ExitCode.Ok;
    },
  };
}

/** The command reading the stack's URL from CloudFormation. */
export const initCommand = createInitCommand({ stackUrl: readStackUrl });
