/**
 * `cloudbell doctor`: checks a real installation end to end and prints one line per check,
 * ✅/⚠️/❌ with what to fix. Exit code 0 when nothing failed (warnings allowed), 1 when a check
 * failed, 2 for bad usage — so scripts and CI can run it after a deploy.
 */
import type { Config } from '../core/config.js';
import { parseCliArgs, UsageError } from './args.js';
import { type CheckResult, fail, formatCheck, ok } from './doctor/check.js';
import { configuredChannels, type DoctorDeps, type DoctorOptions, runDoctor } from './doctor/checks.js';
import { cliConfig } from './io.js';
import { type CliCommand, type CliIo, ExitCode } from './subcommand.js';

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

export type DoctorDepsFactory = (options: {
  region: string;
  profile?: string;
  appId?: string;
  io: CliIo;
}) => Promise<DoctorDeps>;

/** The real adapters, imported only now: nothing of the AWS or Slack SDK loads before doctor runs. */
const realDeps: DoctorDepsFactory = async ({ region, profile, appId, io }) => {
  const [{ doctorAws }, { doctorSlack, appCommandUrl }] = await Promise.all([
    import('./doctor/aws.js'),
    import('./doctor/slack.js'),
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

let depsFactory: DoctorDepsFactory = realDeps;
/** Tests replace the adapters' construction (e.g. to count calls); `undefined` restores it. */
export function setDoctorDeps(factory: DoctorDepsFactory | undefined): void {
  depsFactory = factory ?? realDeps;
}

async function resolveRegion(given: string | undefined, io: CliIo, profile: string | undefined) {
  if (given) return given;
  const env = io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION;
  if (env) return env;
  try {
    const { CloudFormationClient } = await import('@aws-sdk/client-cloudformation');
    return await new CloudFormationClient(profile ? { profile } : {}).config.region();
  } catch {
    return undefined;
  }
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'check an installation end to end (Slack token, channels, secret, stack, rules, CloudTrail)',
  help: HELP,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        stage: { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        secret: { type: 'string' },
        'secret-parameter': { type: 'string' },
        'forwarder-stack': { type: 'string' },
        'app-id': { type: 'string' },
      },
      { min: 0, max: 0, what: '' },
    );
    for (const [k, v] of Object.entries(values)) if (v === '') throw new UsageError(`--${k} needs a value`);
    if (values.secret && values['secret-parameter'])
      throw new UsageError('give --secret or --secret-parameter, not both');
    const profile = (values.profile as string | undefined) ?? (io.env.AWS_PROFILE || undefined);
    const region = await resolveRegion(values.region as string | undefined, io, profile);
    if (!region)
      throw new UsageError('no region: pass --region, set AWS_REGION, or set one in your AWS profile');
    const stage = (values.stage as string | undefined) ?? 'dev';

    const results: CheckResult[] = [];
    let config: Config | undefined;
    try {
      config = cliConfig(io);
      results.push(ok('config', `valid; posts to ${configuredChannels(config).join(', ')}`));
    } catch (error) {
      results.push(fail('config', (error as Error).message.split('\n')[0] ?? 'invalid'));
    }
    const options: DoctorOptions = {
      stage,
      region,
      secret: values['secret-parameter']
        ? { parameter: values['secret-parameter'] as string }
        : { secretId: (values.secret as string | undefined) ?? 'cloudbell/slack' },
      forwarderStack: (values['forwarder-stack'] as string | undefined) ?? 'cloudbell-forwarder',
      ...(io.env.SLACK_BOT_TOKEN ? { localToken: io.env.SLACK_BOT_TOKEN } : {}),
      ...(io.env.SLACK_SIGNING_SECRET ? { localSigningSecret: io.env.SLACK_SIGNING_SECRET } : {}),
    };
    io.stdout.write(
      `cloudbell doctor · stack cloudbell-${stage} · ${region}${profile ? ` · profile ${profile}` : ''}\n`,
    );
    const appId = values['app-id'] as string | undefined;
    const deps = await depsFactory({
      region,
      ...(profile ? { profile } : {}),
      ...(appId ? { appId } : {}),
      io,
    });
    results.push(...(await runDoctor(options, config, deps)));
    for (const r of results) io.stdout.write(`${formatCheck(r)}\n`);
    const failed = results.filter((r) => r.status === 'fail').length;
    const warned = results.filter((r) => r.status === 'warn').length;
    io.stdout.write(
      failed + warned === 0
        ? `\nall ${results.length} checks passed\n`
        : `\n${failed} failed, ${warned} to look at, ${results.length - failed - warned} passed\n`,
    );
    return failed > 0 ? ExitCode.Failure : ExitCode.Ok;
  },
};
