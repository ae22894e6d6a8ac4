/**
 * Which AWS account and region a command runs against: the profile (`--profile`, else
 * AWS_PROFILE) and the region (`--region`, else AWS_REGION or AWS_DEFAULT_REGION, else — for
 * the commands that read it — the profile's own `region`). Empty values count as unset, as
 * for the SDK.
 */
import { UsageError } from './args.js';
import { profileExists } from './profiles.js';

/** `--region` and `--profile`, as every command that calls AWS takes them (spread into its options). */
export const AWS_TARGET_OPTIONS = {
  region: { type: 'string' },
  profile: { type: 'string' },
} as const;

export interface AwsTarget {
  readonly region: string;
  /** Absent: the SDK's default chain (environment, default profile, SSO, instance role…). */
  readonly profile?: string;
}

export interface AwsTargetOptions {
  /** Ask the SDK for the profile's `region` (from ~/.aws/config) when none is given. */
  readonly profileRegion?: boolean;
  /**
   * Refuse a profile missing from ~/.aws/config and ~/.aws/credentials up front: the SDK's
   * default chain would swallow the profile error into "Could not load credentials".
   */
  readonly knownProfile?: boolean;
}

/** The profile's `region` as the SDK reads it; undefined when it has none. */
async function regionOfProfile(profile: string | undefined): Promise<string | undefined> {
  try {
    // Loaded only here: most runs name their region and never need a client for this.
    const { cloudWatchClient } = await import('../aws/cloudwatch.js');
    return await cloudWatchClient(profile ? { profile } : {}).config.region();
  } catch {
    return undefined;
  }
}

/**
 * @throws {UsageError} when (with `knownProfile`) the profile does not exist, or no region is given, set in the environment or (with `profileRegion`) in the profile
 * @example
 * ```ts
 * const { region, profile } = await awsTarget({ region: values.region, profile: values.profile }, io.env);
 * ```
 */
export async function awsTarget(
  given: { readonly region?: string | undefined; readonly profile?: string | undefined },
  env: NodeJS.ProcessEnv,
  options: AwsTargetOptions = {},
): Promise<AwsTarget> {
  const profile = given.profile || env.AWS_PROFILE || undefined;
  if (profile && options.knownProfile && !(await profileExists(profile, env)))
    throw new UsageError(
      `AWS profile "${profile}" not found in ~/.aws/config or ~/.aws/credentials (see aws configure list-profiles)`,
    );
  const region =
    given.region ||
    env.AWS_REGION ||
    env.AWS_DEFAULT_REGION ||
    (options.profileRegion ? await regionOfProfile(profile) : undefined);
  if (!region)
    throw new UsageError(
      options.profileRegion
        ? 'no region: pass --region, set AWS_REGION, or set one in your AWS profile'
        : 'no region: pass --region or set AWS_REGION',
    );
  return { region, ...(profile ? { profile } : {}) };
}
