import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { lambdaConfigSource, readLambdaConfig } from '../../src/handlers/lambda-config.js';

describe('lambdaConfig outside a bundle', () => {
  it('reads and validates CLOUDBELL_CONFIG_JSON, applying the defaults', () => {
    const config = readLambdaConfig({ CLOUDBELL_CONFIG_JSON: '{"slack":{"defaultChannel":"#ops"}}' });
    expect(config.slack.defaultChannel).toBe('#ops');
    expect(config.storm.threshold).toBe(5);
  });

  it('keeps the first config for the life of the execution environment', () => {
    const env: NodeJS.ProcessEnv = { CLOUDBELL_CONFIG_JSON: '{"slack":{"defaultChannel":"#first"}}' };
    const config = lambdaConfigSource(env);
    expect(config().slack.defaultChannel).toBe('#first');
    env.CLOUDBELL_CONFIG_JSON = '{"slack":{"defaultChannel":"#second"}}';
    expect(config().slack.defaultChannel).toBe('#first');
  });

  it('explains how to provide a config when there is none', () => {
    expect(() => readLambdaConfig({})).toThrow(ConfigError);
    expect(() => readLambdaConfig({})).toThrow(/npm run package.*CLOUDBELL_CONFIG_JSON/);
  });

  it('names the variable and the bad key of an invalid config', () => {
    expect(() => readLambdaConfig({ CLOUDBELL_CONFIG_JSON: '{"slack":' })).toThrow(
      /CLOUDBELL_CONFIG_JSON: not valid JSON/,
    );
    expect(() => readLambdaConfig({ CLOUDBELL_CONFIG_JSON: '{"slack":{}}' })).toThrow(
      /CLOUDBELL_CONFIG_JSON: slack\.defaultChannel/,
    );
  });

  it('does not keep a failed read: the next call reads the environment again', () => {
    const env: NodeJS.ProcessEnv = {};
    const config = lambdaConfigSource(env);
    expect(() => config()).toThrow(ConfigError);
    env.CLOUDBELL_CONFIG_JSON = '{"slack":{"defaultChannel":"#later"}}';
    expect(config().slack.defaultChannel).toBe('#later');
  });
});
