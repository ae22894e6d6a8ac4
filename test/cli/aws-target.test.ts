/**
 * Which profile and region an AWS command runs with: flags over the environment, empty values
 * as unset, the profile's own region only for the commands that ask for it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { awsTarget } from '../../src/cli/aws-target.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudbell-aws-target-'));
const awsConfig = join(dir, 'config');
writeFileSync(awsConfig, '[profile ops]\nregion = ap-south-1\n\n[profile no-region]\n');
/** An environment whose AWS files are the ones above, and nothing else. */
const files = {
  AWS_CONFIG_FILE: awsConfig,
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
  AWS_EC2_METADATA_DISABLED: 'true',
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('awsTarget', () => {
  it('takes --region and --profile over the environment', async () => {
    const env = { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'from-env' };
    expect(await awsTarget({ region: 'us-east-2', profile: 'ops' }, env)).toEqual({
      region: 'us-east-2',
      profile: 'ops',
    });
    expect(await awsTarget({}, env)).toEqual({ region: 'eu-west-1', profile: 'from-env' });
  });

  it('falls back to AWS_DEFAULT_REGION, and treats empty values as unset', async () => {
    expect(
      await awsTarget({}, { AWS_REGION: '', AWS_DEFAULT_REGION: 'eu-central-1', AWS_PROFILE: '' }),
    ).toEqual({ region: 'eu-central-1' });
  });

  it("reads the profile's region only when asked to", async () => {
    // The SDK reads its files from the process environment.
    vi.stubEnv('AWS_CONFIG_FILE', awsConfig);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', files.AWS_SHARED_CREDENTIALS_FILE);
    const env = { ...files, AWS_PROFILE: 'ops' };
    expect(await awsTarget({}, env, { profileRegion: true })).toEqual({
      region: 'ap-south-1',
      profile: 'ops',
    });
    await expect(awsTarget({}, env)).rejects.toThrow(
      new UsageError('no region: pass --region or set AWS_REGION'),
    );
    await expect(awsTarget({ profile: 'no-region' }, files, { profileRegion: true })).rejects.toThrow(
      'no region: pass --region, set AWS_REGION, or set one in your AWS profile',
    );
  });

  it('refuses a profile that exists in neither AWS file when asked to, before looking for a region', async () => {
    await expect(
      awsTarget({ profile: 'opps' }, files, { knownProfile: true, profileRegion: true }),
    ).rejects.toThrow(
      'AWS profile "opps" not found in ~/.aws/config or ~/.aws/credentials (see aws configure list-profiles)',
    );
    expect(await awsTarget({ profile: 'opps', region: 'eu-west-1' }, files)).toEqual({
      region: 'eu-west-1',
      profile: 'opps',
    });
  });
});
