/**
 * doctor's checks of what brings events in: the stack's EventBridge rules (default bus and its
 * own), CloudTrail logging in this region and us-east-1, and the us-east-1 forwarder stack.
 */
import { type CheckResult, fail, ok, warn } from './check.js';
import type { DoctorOptions } from './doctor-options.js';
import type { DoctorAws } from './doctor-ports.js';
import { awsProblem } from './problem.js';
import { stackIsHealthy } from './stack-checks.js';

/** IAM, STS, Organizations and most sign-in events are delivered only here. */
const GLOBAL_REGION = 'us-east-1';

export async function ruleChecks(options: DoctorOptions, aws: DoctorAws): Promise<CheckResult[]> {
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

export async function trailChecks(options: DoctorOptions, aws: DoctorAws): Promise<CheckResult[]> {
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

export async function forwarderChecks(options: DoctorOptions, aws: DoctorAws): Promise<CheckResult[]> {
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
    const healthy = stackIsHealthy(stack.status);
    return [
      healthy
        ? ok(title, `${options.forwarderStack} is ${stack.status}`)
        : fail(title, `${options.forwarderStack} is ${stack.status} — redeploy infra/forwarder.yml`),
    ];
  } catch (error) {
    return [warn(title, `cannot check ${options.forwarderStack}: ${awsProblem(error)}`)];
  }
}
