import { describe, expect, it } from 'vitest';
import { type ClientKey, keyOf } from '../../src/aws/client-options.js';
import { regionalClients } from '../../src/aws/regional-clients.js';

describe('regionalClients', () => {
  it('creates one client per region and profile and hands the same one back afterwards', () => {
    const created: ClientKey[] = [];
    const client = regionalClients(keyOf, (key: ClientKey) => {
      created.push(key);
      return { region: key.region, profile: key.profile };
    });
    const eu = client({ region: 'eu-west-1' });
    expect(client({ region: 'eu-west-1' })).toBe(eu);
    expect(client({ region: 'us-east-1' })).not.toBe(eu);
    expect(client({ region: 'eu-west-1', profile: 'prod' })).not.toBe(eu);
    expect(client({ region: 'eu-west-1', profile: 'prod' })).toBe(
      client({ region: 'eu-west-1', profile: 'prod' }),
    );
    expect(created).toEqual([
      { region: 'eu-west-1' },
      { region: 'us-east-1' },
      { region: 'eu-west-1', profile: 'prod' },
    ]);
  });

  it('keeps the promise of a lazily built client, so its SDK is imported and built once', async () => {
    let builds = 0;
    const client = regionalClients(keyOf, async (key: ClientKey) => {
      builds += 1;
      await Promise.resolve();
      return { region: key.region };
    });
    const [a, b] = await Promise.all([client({ region: 'eu-west-1' }), client({ region: 'eu-west-1' })]);
    expect(a).toBe(b);
    expect(builds).toBe(1);
  });

  it('tells clients apart by whatever the id includes, such as their timeouts', () => {
    const client = regionalClients(
      ({ key, timeoutMs }: { key: ClientKey; timeoutMs: number }) => `${keyOf(key)}|${timeoutMs}`,
      ({ timeoutMs }) => ({ timeoutMs }),
    );
    expect(client({ key: {}, timeoutMs: 1_500 })).toBe(client({ key: {}, timeoutMs: 1_500 }));
    expect(client({ key: {}, timeoutMs: 1_500 })).not.toBe(client({ key: {}, timeoutMs: 10_000 }));
  });
});
