/**
 * `cloudbell doctor`'s checks of an installation, end to end: config, the Slack secret, the
 * token and its scopes, channel membership, the stack and its request URL, the EventBridge
 * rules, CloudTrail and the forwarder. Each yields one result with what to fix; a check that
 * depends on a failed one says so instead of piling up errors.
 */
import type { Config } from '../../core/config.js';
import { type CheckResult, fail, ok, warn } from './check.js';
import type { AppCommandUrl, ChannelInfo, DoctorAws, DoctorSlack, HttpProbe } from './ports.js';
import { AWS_FIXES, awsProblem, codeOf, messageOf } from './problem.js';

export interface DoctorOptions {
  readonly stage: string;
  readonly region: string;
  readonly service?: string;
  /** Secrets Manager secret (default `cloudbell/slack`), or an SSM parameter. */
  readonly secret: { secretId: string } | { parameter: string };
  readonly forwarderStack: string;
  /** Set when SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET override the stored secret. */
  readonly localToken?: string;
  readonly localSigningSecret?: string;
}

export interface DoctorDeps {
  readonly aws: DoctorAws;
  /** Slack calls with a given bot token. */
  readonly slack: (token: string) => Promise<DoctorSlack>;
  readonly probe: HttpProbe;
  /** Set when an app configuration token and app id are given. */
  readonly appCommandUrl?: AppCommandUrl;
}

/** The Slack scopes the app needs (slack/manifest.yml), and why. */
export const REQUIRED_SCOPES: Readonly<Record<string, string>> = {
  'chat:write': 'post and update alerts',
  commands: 'the /aws-errors command',
};
const PUBLIC_SCOPE = 'chat:write.public';
const STACK_OUTPUTS = ['SlackRequestUrl', 'AlertsTopicArn', 'CentralBusArn'];
/** IAM, STS, Organizations and most sign-in events are delivered only here. */
const GLOBAL_REGION = 'us-east-1';

/** Every channel the config posts to: the default, route channels and the digest's. */
export function configuredChannels(config: Config): string[] {
  const all = [
    config.slack.defaultChannel,
    ...config.routes.flatMap((r) => r.channels),
    ...(config.errors.digest.enabled && config.errors.digest.channel ? [config.errors.digest.channel] : []),
  ];
  return [...new Set(all)];
}

interface SecretValue {
  botToken?: string;
  signingSecret?: string;
}

async function secretChecks(
  options: DoctorOptions,
  aws: DoctorAws,
): Promise<{ results: CheckResult[]; secret: SecretValue }> {
  const name = 'secretId' in options.secret ? options.secret.secretId : options.secret.parameter;
  const where = 'secretId' in options.secret ? 'Secrets Manager' : 'SSM';
  const results: CheckResult[] = [];
  let stored: SecretValue = {};
  let unreadable = false;
  try {
    const value = await aws.readSecret(options.secret);
    const v = (value ?? {}) as Record<string, unknown>;
    stored = {
      ...(typeof v.botToken === 'string' && v.botToken ? { botToken: v.botToken } : {}),
      ...(typeof v.signingSecret === 'string' && v.signingSecret ? { signingSecret: v.signingSecret } : {}),
    };
    const missing = ['botToken', 'signingSecret'].filter((k) => !(k in stored));
    results.push(
      missing.length === 0
        ? ok(
            'Slack secret',
            `${name} is readable (${where}, ${options.region}) and holds botToken and signingSecret`,
          )
        : fail(
            'Slack secret',
            `${name} is readable but has no ${missing.join(' or ')}: store {"botToken":"xoxb-…","signingSecret":"…"} in it`,
          ),
    );
  } catch (error) {
    const code = codeOf(error);
    const fix =
      code === 'ResourceNotFoundException' || code === 'ParameterNotFound'
        ? `create it in ${options.region} (README, Install step 2) or pass --secret NAME`
        : code === 'AccessDeniedException'
          ? `your credentials may not read it (${where === 'SSM' ? 'ssm:GetParameter and kms:Decrypt' : 'secretsmanager:GetSecretValue'}); the functions have their own role`
          : code === 'JSON'
            ? 'its value must be JSON: {"botToken":"xoxb-…","signingSecret":"…"}'
            : (AWS_FIXES[code] ?? messageOf(error));
    results.push(fail('Slack secret', `cannot read ${name} (${where}, ${options.region}): ${code} — ${fix}`));
    unreadable = true;
  }
  const secret: SecretValue = {
    ...stored,
    ...(options.localToken ? { botToken: options.localToken } : {}),
    ...(options.localSigningSecret ? { signingSecret: options.localSigningSecret } : {}),
  };
  const from = options.localSigningSecret ? 'SLACK_SIGNING_SECRET' : name;
  if (!secret.signingSecret && unreadable)
    results.push(warn('signing secret', `not checked: ${name} could not be read (above)`));
  else if (!secret.signingSecret)
    results.push(
      fail(
        'signing secret',
        `missing — without it the slack function rejects every /aws-errors request; copy it from the Slack app (Basic Information → Signing Secret) into ${name}`,
      ),
    );
  else if (!/^[0-9a-f]{32}$/.test(secret.signingSecret))
    results.push(
      warn(
        'signing secret',
        `present in ${from} but not 32 hex characters like Slack's — check it is the Signing Secret, not the Client Secret or a token`,
      ),
    );
  else results.push(ok('signing secret', `present in ${from}`));
  return { results, secret };
}

async function slackChecks(
  token: string | undefined,
  config: Config | undefined,
  slack: DoctorSlack | undefined,
) {
  if (!token || !slack)
    return [
      warn('Slack token', 'not checked: no bot token (see the Slack secret above, or set SLACK_BOT_TOKEN)'),
    ];
  const results: CheckResult[] = [];
  let scopes: string[];
  try {
    const auth = await slack.authTest();
    scopes = auth.scopes;
    const missing = Object.keys(REQUIRED_SCOPES).filter((s) => !scopes.includes(s));
    if (missing.length > 0)
      results.push(
        fail(
          'Slack token',
          `works (@${auth.user} in ${auth.team}) but lacks ${missing.map((s) => `${s} (${REQUIRED_SCOPES[s]})`).join(', ')} — add the scopes from slack/manifest.yml and reinstall the app`,
        ),
      );
    else
      results.push(
        ok(
          'Slack token',
          `works: @${auth.user} in ${auth.team} (${auth.teamId}), scopes ${scopes.join(', ')}`,
        ),
      );
  } catch (error) {
    const code = codeOf(error);
    const fix =
      code === 'invalid_auth' ||
      code === 'not_authed' ||
      code === 'token_revoked' ||
      code === 'account_inactive'
        ? 'copy the Bot User OAuth Token (xoxb-…) from the Slack app (OAuth & Permissions) into the secret'
        : messageOf(error);
    return [fail('Slack token', `auth.test failed: ${code} — ${fix}`)];
  }
  if (!config) return results;
  const canPostPublic = scopes.includes(PUBLIC_SCOPE);
  for (const channel of configuredChannels(config)) {
    const title = `channel ${channel}`;
    let info: ChannelInfo | undefined;
    try {
      info = channel.startsWith('#')
        ? await slack.channelByName(channel.slice(1))
        : await slack.channelById(channel);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'missing_scope') {
        results.push(
          warn(
            'channels',
            `cannot check membership of ${configuredChannels(config).join(', ')}: the app lacks channels:read and groups:read (optional; add them to let doctor check, or invite the bot to private channels yourself)`,
          ),
        );
        break;
      }
      results.push(
        fail(
          title,
          code === 'channel_not_found'
            ? 'not found — check the id, or invite the bot (a private channel is invisible until then)'
            : `${code} — ${messageOf(error)}`,
        ),
      );
      continue;
    }
    if (!info) {
      results.push(
        fail(
          title,
          'no such channel visible to the bot — check the name, or invite the bot if it is private',
        ),
      );
      continue;
    }
    if (info.isArchived)
      results.push(fail(title, `#${info.name} (${info.id}) is archived — unarchive it or route elsewhere`));
    else if (info.isMember) results.push(ok(title, `the bot is a member of #${info.name} (${info.id})`));
    else if (!info.isPrivate && canPostPublic)
      results.push(
        ok(title, `#${info.name} (${info.id}) is public: the bot posts there with ${PUBLIC_SCOPE}`),
      );
    else
      results.push(
        fail(title, `the bot is not in #${info.name} (${info.id}) — run /invite @cloudbell in that channel`),
      );
  }
  return results;
}

async function stackChecks(options: DoctorOptions, deps: DoctorDeps): Promise<CheckResult[]> {
  const name = `${options.service ?? 'cloudbell'}-${options.stage}`;
  let stack: Awaited<ReturnType<DoctorAws['describeStack']>>;
  try {
    stack = await deps.aws.describeStack(name, options.region);
  } catch (error) {
    return [fail('stack', `cannot describe ${name} in ${options.region}: ${awsProblem(error)}`)];
  }
  if (!stack)
    return [
      fail(
        'stack',
        `${name} not found in ${options.region} — deploy it (npx osls deploy --stage ${options.stage} --region ${options.region}) or pass --stage/--region`,
      ),
    ];
  const results: CheckResult[] = [];
  const healthy = /_COMPLETE$/.test(stack.status) && !/ROLLBACK|DELETE/.test(stack.status);
  const missing = STACK_OUTPUTS.filter((o) => !stack.outputs[o]);
  if (stack.status === 'UPDATE_ROLLBACK_COMPLETE')
    results.push(
      warn(
        'stack',
        `${name}: its last update rolled back, so the previous version runs — see the stack's events and redeploy`,
      ),
    );
  else if (!healthy)
    results.push(
      fail('stack', `${name} is ${stack.status} — see its events in the CloudFormation console and redeploy`),
    );
  else if (missing.length > 0)
    results.push(
      fail(
        'stack',
        `${name} (${stack.status}) has no output ${missing.join(', ')} — redeploy with this version`,
      ),
    );
  else results.push(ok('stack', `${name} is ${stack.status} with outputs ${STACK_OUTPUTS.join(', ')}`));
  const url = stack.outputs.SlackRequestUrl;
  if (url) {
    try {
      const { status } = await deps.probe(url);
      results.push(
        status === 401
          ? ok(
              'request URL',
              `${url} answers and rejects unsigned requests — the Slack app's /aws-errors URL must be exactly this (npx cloudbell init --manifest prints it filled in)`,
            )
          : fail(
              'request URL',
              `${url} answered HTTP ${status} to an unsigned request (expected 401) — check the slack function's logs`,
            ),
      );
    } catch (error) {
      results.push(fail('request URL', `${url} is unreachable: ${messageOf(error)}`));
    }
    results.push(await appUrlCheck(url, deps.appCommandUrl));
  }
  return results;
}

async function appUrlCheck(url: string, appCommandUrl: AppCommandUrl | undefined): Promise<CheckResult> {
  const title = 'Slack app';
  if (!appCommandUrl)
    return warn(
      title,
      "its /aws-errors URL not checked — set SLACK_CONFIG_TOKEN (an app configuration token) and pass --app-id A… to compare it with the stack's",
    );
  try {
    const configured = await appCommandUrl();
    if (configured === url) return ok(title, `/aws-errors points at ${url}`);
    return fail(
      title,
      `/aws-errors points at ${configured ?? 'nothing'}, not ${url} — paste the manifest from npx cloudbell init --manifest under App Manifest`,
    );
  } catch (error) {
    return fail(
      title,
      `apps.manifest.export failed: ${codeOf(error)} — check SLACK_CONFIG_TOKEN and --app-id`,
    );
  }
}

async function ruleChecks(options: DoctorOptions, aws: DoctorAws): Promise<CheckResult[]> {
  const prefix = `${options.service ?? 'cloudbell'}-${options.stage}`;
  const results: CheckResult[] = [];
  for (const [bus, label] of [
    [undefined, 'default bus'],
    [prefix, `bus ${prefix}`],
  ] as const) {
    const title = `EventBridge rules (${label})`;
    try {
      const rules = await aws.listRules(`${prefix}-`, bus);
      const off = rules.filter((r) => !r.state.startsWith('ENABLED'));
      if (rules.length === 0)
        results.push(fail(title, `no rule named ${prefix}-… in ${options.region} — deploy the stack`));
      else if (off.length > 0)
        results.push(
          fail(
            title,
            `${off.length} of ${rules.length} disabled: ${off.map((r) => r.name).join(', ')} — enable them (aws events enable-rule) or redeploy`,
          ),
        );
      else results.push(ok(title, `${rules.length} rules, all enabled`));
    } catch (error) {
      results.push(fail(title, `cannot list rules: ${awsProblem(error)}`));
    }
  }
  return results;
}

async function trailChecks(options: DoctorOptions, aws: DoctorAws): Promise<CheckResult[]> {
  const regions = [...new Set([options.region, GLOBAL_REGION])];
  const results: CheckResult[] = [];
  for (const region of regions) {
    const title = `CloudTrail (${region})`;
    const why =
      region === options.region
        ? 'security events of this region'
        : 'IAM, STS, Organizations and console sign-in events, which only us-east-1 delivers';
    try {
      const trails = await aws.trails(region);
      const logging = trails.filter((t) => t.logging);
      if (logging.length > 0)
        results.push(
          ok(
            title,
            `${logging.map((t) => `${t.name}${t.multiRegion ? ' (multi-region)' : ''}`).join(', ')} logging`,
          ),
        );
      else if (trails.length > 0)
        results.push(
          fail(
            title,
            `${trails.map((t) => t.name).join(', ')} not logging — start it (aws cloudtrail start-logging) for ${why}`,
          ),
        );
      else
        results.push(
          fail(
            title,
            `no trail records management events here — create one (a multi-region or organization trail) for ${why}`,
          ),
        );
    } catch (error) {
      results.push(warn(title, `cannot check: ${awsProblem(error)}`));
    }
  }
  return results;
}

async function forwarderChecks(options: DoctorOptions, aws: DoctorAws): Promise<CheckResult[]> {
  if (options.region === GLOBAL_REGION) return [];
  const title = `forwarder (${GLOBAL_REGION})`;
  try {
    const stack = await aws.describeStack(options.forwarderStack, GLOBAL_REGION);
    if (!stack)
      return [
        warn(
          title,
          `no stack ${options.forwarderStack} in ${GLOBAL_REGION}: IAM, STS, Organizations and sign-in events will not arrive — deploy infra/forwarder.yml there (README, Install step 7)`,
        ),
      ];
    const healthy = /_COMPLETE$/.test(stack.status) && !/ROLLBACK|DELETE/.test(stack.status);
    return [
      healthy
        ? ok(title, `${options.forwarderStack} is ${stack.status}`)
        : fail(title, `${options.forwarderStack} is ${stack.status} — redeploy infra/forwarder.yml`),
    ];
  } catch (error) {
    return [warn(title, `cannot check ${options.forwarderStack}: ${awsProblem(error)}`)];
  }
}

/**
 * Runs every check. Independent groups run in parallel; results keep a stable order.
 *
 * @example
 * ```ts
 * const results = await runDoctor(options, config, deps);
 * const failed = results.some((r) => r.status === 'fail');
 * ```
 */
export async function runDoctor(
  options: DoctorOptions,
  config: Config | undefined,
  deps: DoctorDeps,
): Promise<CheckResult[]> {
  const secretPart = (async () => {
    const { results, secret } = await secretChecks(options, deps.aws);
    const slack = secret.botToken ? await deps.slack(secret.botToken) : undefined;
    return [...results, ...(await slackChecks(secret.botToken, config, slack))];
  })();
  const parts = await Promise.all([
    secretPart,
    stackChecks(options, deps),
    ruleChecks(options, deps.aws),
    trailChecks(options, deps.aws),
    forwarderChecks(options, deps.aws),
  ]);
  return parts.flat();
}
