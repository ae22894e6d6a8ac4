/**
 * A Powertools Parameters provider (caching, `maxAge`, JSON transform) that reads Secrets
 * Manager secrets and SSM SecureStrings through the signed JSON API (./json-api.ts) instead
 * of the SDK clients Powertools' own providers import: those cost ~70 ms each of every cold
 * start, and the slack Lambda must answer Slack within 3 s.
 */
import { BaseProvider } from '@aws-lambda-powertools/parameters/base';
import { AwsJsonClient } from './json-api.js';

export const SecretStore = { SecretsManager: 'secretsmanager', Ssm: 'ssm' } as const;
export type SecretStore = (typeof SecretStore)[keyof typeof SecretStore];

const secretsManager = new AwsJsonClient({
  service: 'secretsmanager',
  targetPrefix: 'secretsmanager',
  jsonVersion: '1.1',
  endpointEnvId: 'SECRETS_MANAGER',
});
const ssm = new AwsJsonClient({
  service: 'ssm',
  targetPrefix: 'AmazonSSM',
  jsonVersion: '1.1',
  endpointEnvId: 'SSM',
});

/**
 * @example
 * ```ts
 * const provider = new SignedSecretProvider('secretsmanager');
 * const value = await provider.get('cloudbell/slack', { transform: 'json', maxAge: 300 });
 * ```
 */
export class SignedSecretProvider extends BaseProvider {
  constructor(private readonly kind: SecretStore) {
    // No SDK client: _get below does the call.
    super({});
  }

  protected async _get(name: string): Promise<string | undefined> {
    if (this.kind === SecretStore.Ssm) {
      const out = await ssm.call<{ Parameter?: { Value?: string } }>('GetParameter', {
        Name: name,
        WithDecryption: true,
      });
      return out.Parameter?.Value;
    }
    const out = await secretsManager.call<{ SecretString?: string; SecretBinary?: string }>(
      'GetSecretValue',
      {
        SecretId: name,
      },
    );
    // The JSON protocol carries binary secrets as base64.
    return (
      out.SecretString ??
      (out.SecretBinary ? Buffer.from(out.SecretBinary, 'base64').toString('utf8') : undefined)
    );
  }

  protected async _getMultiple(): Promise<Record<string, unknown> | undefined> {
    throw new Error('SignedSecretProvider reads single secrets only');
  }
}
