/**
 * doctor's checks of the Slack secret: readable (Secrets Manager or SSM) with botToken and
 * signingSecret, and a signing secret shaped like Slack's. SLACK_BOT_TOKEN and
 * SLACK_SIGNING_SECRET, when set, stand in for the stored values.
 */
import { type CheckResult, fail, ok, warn } from './check.js';
import type { DoctorOptions } from './doctor-options.js';
import type { DoctorAws } from './doctor-ports.js';
import { AWS_FIXES, codeOf, messageOf } from './problem.js';

export interface SecretValue {
  botToken?: string;
  signingSecret?: string;
}

/** The results, and the credentials the Slack checks go on with. */
export async function secretChecks(
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
