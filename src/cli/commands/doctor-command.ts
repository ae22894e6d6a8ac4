/**
 * `cloudbell doctor`: checks a real installation end to end and prints one line per check,
 * ✅/⚠️/❌ with what to fix. Exit code 0 when nothing failed (warnings allowed), 1 when a check
 * failed, 2 for bad usage — so scripts and CI can run it after a deploy.
 */
import type { Config } from '../../core/config.js';
import { parseCliArgs, refuseEmptyValues, UsageError } from '../args.js';
import { AWS_TARGET_OPTIONS, awsTarget } from '../aws-target.js';
import { type CheckResult, fail, formatCheck, ok } from '../doctor/check.js';
import type { DoctorDeps, DoctorOptions } from '../doctor/doctor-options.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { configuredChannels } from '../doctor/slack-checks.js';
import { cliConfig } from '../io.js';
import { type CliCommand, type CliIo, ExitCode } from '../subcommand.js';

const HELP = `Usage: cloudbell doctor [--stage prod] [--region R] [--profile P] [--secret NAME | --secret-parameter NAME]

Checks an installation and prints one line per check, ✅ fine, ⚠️ worth a look, ❌ broken, each
with what to fix: the config, the Slack secret (readable, with botToken and signingSecret), the
bot token and its scopes (auth.test), the bot's membership of every configured channel, the
stack cloudbell-STAGE and its outputs, its request URL (answers, rejects unsigned requests), the
EventBridge rules, CloudTrail in this region and us-east-1, and the forwarder in us-east-1.

  --stage            the osls stage deployed (default dev, like osls)
  --region           the stack's region (default AWS_REGION or the profile's)
  --profile          AWS profile (default AWS_PROFILE)
  --secret           Secrets Manager secret with the Slack credentials (default cloudbell/slack)
  --secret-parameter an SSM SecureString parameter instead
  --forwarder-stack  the us-east-1 forwarder stack's name (default cloudbell-forwarder)
  --app-id           the Slack app's id (A…): with SLACK_CONFIG_TOKEN (an app configuration
                     token) doctor compares the app's /aws-errors URL with the stack's

SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET, when set, are checked instead of the stored ones.
Needs read-only access: cloudformation:DescribeStacks, events:ListRules,
cloudtrail:DescribeTrails and GetTrailStatus, secretsmanager:GetSecretValue (or ssm:GetParameter).
Exit codes: 0 no ❌, 1 at least one ❌, 2 bad usage.`;

const OPTIONS = {
  stage: { type: 'string' },
  ...AWS_TARGET_OPTIONS,
  secret: { type: 'string' },
  'secret-parameter': { type: 'string' },
  'forwarder-stack': { type: 'string' },
  'app-id': { type: 'string' },
} as const;

/** Builds the adapters doctor checks through, once the account and region are known. */
export type DoctorDepsFactory = (options: {
  region: string;
  profile?: string;
  appId?: string;
  io: CliIo;
}) => Promise<DoctorDeps>;

/** The real adapters, imported only now: nothing of the AWS or Slack SDK loads before doctor runs. */
export const realDoctorDeps: DoctorDepsFactory = async ({ region, profile, appId, io }) => {
  const [{ doctorAws }, { doctorSlack, appCommandUrl }] = await Promise.all([
    import('../doctor/doctor-aws.js'),
    import('../doctor/doctor-slack.js'),
  ]);
  const apiUrl = io.env.SLACK_API_URL;
  const configToken = io.env.SLACK_CONFIG_TOKEN;
  return {
    ...(configToken && appId ? { appCommandUrl: () => appCommandUrl(configToken, appId, apiUrl) } : {}),
    aws: doctorAws({ region, ...(profile ? { profile } : {}) }),
    slack: (token) => doctorSlack(token, apiUrl),
    probe: async (url) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'command=%2Faws-errors&text=help',
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status };
    },
  };
};

/** The config as doctor's first check: valid (and where it posts), or why not. */
function configCheck(io: CliIo): { config?: Config; result: CheckResult } {
  try {
    const config = cliConfig(io);
    return { config, result: ok('config', `valid; posts to ${configuredChannels(config).join(', ')}`) };
  } catch (error) {
    return { result: fail('config', (error as Error).message.split('\n')[0] ?? 'invalid') };
  }
}

/** The totals line under the checks. */
function summary(results: readonly CheckResult[]): string {
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  return failed + warned === 0
    ? `\nall ${results.length} checks passed\n`
    : `\n${failed} failed, ${warned} to look at, ${results.length - failed - warned} passed\n`;
}

/**
 * @example
 * ```ts
 * const doctor = createDoctorCommand({ adapters: async () => ({ aws: standInAws, slack: async () => standInSlack, probe }) });
 * await doctor.run(['--stage', 'prod', '--region', 'eu-west-1'], io);
 * ```
 */
export function createDoctorCommand(deps: { readonly adapters: DoctorDepsFactory }): CliCommand {
  return {
    help: HELP,
    async run(args, io) {
      const { values } = parseCliArgs(args, OPTIONS, { min: 0, max: 0, what: '' });
      refuseEmptyValues(values);
      if (values.secret && values['secret-parameter'])
        throw new UsageError('give --secret or --secret-parameter, not both');
      const { region, profile } = await awsTarget(values, io.env, { profileRegion: true });
      const stage = values.stage ?? 'dev';
      const { config, result } = configCheck(io);
      const options: DoctorOptions = {
        stage,
        region,
        secret: values['secret-parameter']
          ? { parameter: values['secret-parameter'] }
          : { secretId: values.secret ?? 'cloudbell/slack' },
        forwarderStack: values['forwarder-stack'] ?? 'cloudbell-forwarder',
        ...(io.env.SLACK_BOT_TOKEN ? { localToken: io.env.SLACK_BOT_TOKEN } : {}),
        ...(io.env.SLACK_SIGNING_SECRET ? { localSigningSecret: io.env.SLACK_SIGNING_SECRET } : {}),
      };
      io.stdout.write(
        `cloudbell doctor · stack cloudbell-${stage} · ${region}${profile ? ` · profile ${profile}` : ''}\n`,
      );
      const appId = values['app-id'];
      const adapters = await deps.adapters({
        region,
        ...(profile ? { profile } : {}),
        ...(appId ? { appId } : {}),
        io,
      });
      const results = [result, ...(await runDoctor(options, config, adapters))];
      for (const r of results) io.stdout.write(`${formatCheck(r)}\n`);
      io.stdout.write(summary(results));
      return results.some((r) => r.status === 'fail') ? ExitCode.Failure : ExitCode.Ok;
    },
  };
}

/** The command wired to AWS and Slack through their SDKs. */
export const doctorCommand = createDoctorCommand({ adapters: realDoctorDeps });
