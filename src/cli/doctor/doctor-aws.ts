/**
 * doctor's AWS adapter: SDK v3 clients, each imported only when its check runs, with the
 * caller's credentials (profile or environment). Errors become `PortError`s with AWS's code.
 */
import type { DoctorAws, RuleInfo, TrailInfo } from './doctor-ports.js';
import { PortError } from './doctor-ports.js';

export interface AwsAdapterOptions {
  readonly region: string;
  readonly profile?: string;
}

function portError(error: unknown): PortError {
  const e = error as { name?: string; message?: string };
  return new PortError(e.name ?? 'Error', e.message ?? String(error), { cause: error });
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw portError(error);
  }
}

/**
 * @example
 * ```ts
 * const aws = doctorAws({ region: 'eu-west-1', profile: 'prod-readonly' });
 * await aws.describeStack('cloudbell-prod', 'eu-west-1');
 * ```
 */
export function doctorAws(options: AwsAdapterOptions): DoctorAws {
  const base = (region: string) => ({ region, ...(options.profile ? { profile: options.profile } : {}) });
  return {
    async readSecret(ref) {
      let text: string | undefined;
      if ('secretId' in ref) {
        const { SecretsManagerClient, GetSecretValueCommand } = await import(
          '@aws-sdk/client-secrets-manager'
        );
        const client = new SecretsManagerClient(base(options.region));
        text = (await call(() => client.send(new GetSecretValueCommand({ SecretId: ref.secretId }))))
          .SecretString;
      } else {
        const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
        const client = new SSMClient(base(options.region));
        text = (
          await call(() =>
            client.send(new GetParameterCommand({ Name: ref.parameter, WithDecryption: true })),
          )
        ).Parameter?.Value;
      }
      try {
        return JSON.parse(text ?? '');
      } catch {
        // Never echo the value: it is a secret.
        throw new PortError('JSON', 'the secret value is not JSON');
      }
    },

    async describeStack(name, region) {
      const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
      const client = new CloudFormationClient(base(region));
      try {
        const out = await client.send(new DescribeStacksCommand({ StackName: name }));
        const stack = out.Stacks?.[0];
        if (!stack) return undefined;
        return {
          status: stack.StackStatus ?? 'UNKNOWN',
          outputs: Object.fromEntries(
            (stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
          ),
        };
      } catch (error) {
        // CloudFormation answers a missing stack with ValidationError "Stack with id … does not exist".
        if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message))
          return undefined;
        throw portError(error);
      }
    },

    async listRules(prefix, bus) {
      const { EventBridgeClient, ListRulesCommand } = await import('@aws-sdk/client-eventbridge');
      const client = new EventBridgeClient(base(options.region));
      const rules: RuleInfo[] = [];
      let token: string | undefined;
      do {
        const out = await call(() =>
          client.send(
            new ListRulesCommand({
              NamePrefix: prefix,
              ...(bus ? { EventBusName: bus } : {}),
              NextToken: token,
            }),
          ),
        );
        for (const r of out.Rules ?? []) rules.push({ name: r.Name ?? '', state: r.State ?? 'UNKNOWN' });
        token = out.NextToken;
      } while (token);
      return rules;
    },

    async trails(region) {
      const { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand } = await import(
        '@aws-sdk/client-cloudtrail'
      );
      const client = new CloudTrailClient(base(region));
      const out = await call(() => client.send(new DescribeTrailsCommand({ includeShadowTrails: true })));
      const applicable = (out.trailList ?? []).filter((t) => t.IsMultiRegionTrail || t.HomeRegion === region);
      const trails: TrailInfo[] = [];
      for (const t of applicable) {
        // A shadow trail's status is read with its ARN.
        const status = await call(() =>
          client.send(new GetTrailStatusCommand({ Name: t.TrailARN ?? t.Name })),
        );
        trails.push({
          name: t.Name ?? '?',
          homeRegion: t.HomeRegion ?? region,
          multiRegion: t.IsMultiRegionTrail === true,
          logging: status.IsLogging === true,
        });
      }
      return trails;
    },
  };
}
