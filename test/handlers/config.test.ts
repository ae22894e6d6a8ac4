import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { lambdaConfig, setLambdaConfig } from '../../src/handlers/config.js';

afterEach(() => setLambdaConfig(undefined));

describe('lambdaConfig outside a bundle', () => {
  it('reads and validates CLOUDBELL_CONFIG_JSON, applying the defaults', () => {
    const config = lambdaConfig({ CLOUDBELL_CONFIG_JSON: '{"slack":{"defaultChannel":"#ops"}}' });
    expect(config.slack.defaultChannel).toBe('#ops');
    expect(config.storm.threshold).toBe(5);
  });

  it('keeps the first config for the life of the execution environment', () => {
    lambdaConfig({ CLOUDBELL_CONFIG_JSON: '{"slack":{"defaultChannel":"#first"}}' });
    expect(
      lambdaConfig({ CLOUDBELL_CONFIG_JSON: '{"slack":{"defaultChannel":"#second"}}' }).slack.defaultChannel,
    ).toBe('#first');
  });

  it('explains how to provide a config when there is none', () => {
    expect(() => lambdaConfig({})).toThrow(ConfigError);
    expect(() => lambdaConfig({})).toThrow(/npm run package.*CLOUDBELL_CONFIG_JSON/);
  });

  it('names the variable and the bad key of an invalid config', () => {
    expect(() => lambdaConfig({ CLOUDBELL_CONFIG_JSON: '{"slack":' })).toThrow(
      /CLOUDBELL_CONFIG_JSON: not valid JSON/,
    );
    expect(() => lambdaConfig({ CLOUDBELL_CONFIG_JSON: '{"slack":{}}' })).toThrow(
      /CLOUDBELL_CONFIG_JSON: slack\.defaultChannel/,
    );
  });

  it('uses a config set by setLambdaConfig until it is cleared', () => {
    setLambdaConfig(parseConfig({ slack: { defaultChannel: '#set' } }, 'test'));
    expect(lambdaConfig({}).slack.defaultChannel).toBe('#set');
    setLambdaConfig(undefined);
    expect(() => lambdaConfig({})).toThrow(ConfigError);
  });
});
