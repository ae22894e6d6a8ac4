/**
 * The slack and errors-worker handlers as deployed (built from the environment a test set up
 * through their `defaultXDeps`), with a config the test sets per case instead of the one the
 * environment would give.
 */
import type { Context } from 'aws-lambda';
import type { Config } from '../../src/core/config.js';
import { createErrorsWorkerHandler } from '../../src/handlers/errors-worker.js';
import { createSlackHandler, defaultSlackDeps, type SlackHandlerDeps } from '../../src/handlers/slack.js';
import { defaultWorkerDeps } from '../../src/handlers/worker-deps.js';

/** The config the next invocation runs with; reading it before a test set one fails loudly. */
export interface TestConfig {
  set(config: Config | undefined): void;
  readonly get: () => Config;
}

/**
 * @example
 * ```ts
 * const current = testConfig();
 * current.set(parseConfig({ slack: { defaultChannel: '#a' } }, 'test'));
 * ```
 */
export function testConfig(): TestConfig {
  let config: Config | undefined;
  return {
    set(next) {
      config = next;
    },
    get: () => {
      if (!config) throw new Error('no test config: the test sets one first');
      return config;
    },
  };
}

/** The slack handler, built from the environment now, with `config` and any other `deps` given. */
export function deployedSlack(config: () => Config, deps: Partial<SlackHandlerDeps> = {}) {
  return createSlackHandler({ ...defaultSlackDeps(), config, ...deps });
}

/** Invokes the worker built from the environment as it is at the call, with `config`. */
export function deployedWorker(config: () => Config): (event: unknown) => Promise<void> {
  return (event) =>
    createErrorsWorkerHandler({ ...defaultWorkerDeps(), config })(event, { awsRequestId: 'test' } as Context);
}
