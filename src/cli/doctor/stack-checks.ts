/**
 * doctor's checks of the deployed stack cloudbell-STAGE: healthy with its outputs, its request
 * URL answering (and refusing unsigned requests), and the Slack app's /aws-errors URL the same.
 */
import { type CheckResult, fail, ok, warn } from './check.js';
import type { DoctorDeps, DoctorOptions } from './doctor-options.js';
import type { AppCommandUrl, DoctorAws } from './doctor-ports.js';
import { awsProblem, codeOf, messageOf } from './problem.js';

const STACK_OUTPUTS = ['SlackRequestUrl', 'AlertsTopicArn', 'CentralBusArn'];

/** A stack that finished its last operation without rolling back or being deleted. */
export const stackIsHealthy = (status: string): boolean =>
  /_COMPLETE$/.test(status) && !/ROLLBACK|DELETE/.test(status);

export async function stackChecks(options: DoctorOptions, deps: DoctorDeps): Promise<CheckResult[]> {
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
  const healthy = stackIsHealthy(stack.status);
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
