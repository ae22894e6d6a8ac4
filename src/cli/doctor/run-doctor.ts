/**
 * `cloudbell doctor`'s checks of an installation, end to end: the Slack secret, the token and
 * its scopes, channel membership, the stack and its request URL, the EventBridge rules,
 * CloudTrail and the forwarder. Each yields one result with what to fix; a check that depends
 * on a failed one says so instead of piling up errors.
 */
import type { Config } from '../../core/config.js';
import type { CheckResult } from './check.js';
import type { DoctorDeps, DoctorOptions } from './doctor-options.js';
import { forwarderChecks, ruleChecks, trailChecks } from './event-source-checks.js';
import { secretChecks } from './secret-checks.js';
import { slackChecks } from './slack-checks.js';
import { stackChecks } from './stack-checks.js';

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
