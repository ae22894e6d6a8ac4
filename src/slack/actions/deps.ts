/**
 * The listeners' production wiring: the Lambda config, the table named by `CLOUDBELL_TABLE`
 * (created on the first button press), and the system clock.
 */
import type { ActionStorePort } from '../../actions/port.js';
import { invokeAsync } from '../../aws/invoke.js';
import { sqsRedrivePort } from '../../aws/sqs.js';
import { ConfigError } from '../../core/errors.js';
import { lambdaConfig } from '../../handlers/config.js';
import type { ActionListenerDeps } from './listeners.js';

let store: Promise<ActionStorePort> | undefined;

/** The Slack Web API settings for calls made inside Slack's 3-second window. */
export function inWindowClientOptions(env: NodeJS.ProcessEnv = process.env) {
  return {
    // One attempt, short: a failed thread note goes to the worker instead (listeners.ts).
    timeout: 1_200,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
  };
}

/**
 * @example
 * ```ts
 * registerActionListeners(app, defaultActionDeps());
 * ```
 */
export function defaultActionDeps(): ActionListenerDeps {
  return {
    config: lambdaConfig,
    now: Date.now,
    region: process.env.AWS_REGION ?? 'us-east-1',
    redrive: () => sqsRedrivePort({ requestTimeoutMs: 1_000 }),
    invoke: async (job) => {
      const worker = process.env.ERRORS_WORKER_FUNCTION;
      if (!worker) throw new ConfigError('ERRORS_WORKER_FUNCTION is not set');
      await invokeAsync(worker, job);
    },
    store: () => {
      store ??= import('../../state/action-store.js').then(({ ActionStore }) => {
        const tableName = process.env.CLOUDBELL_TABLE;
        if (!tableName) throw new ConfigError('CLOUDBELL_TABLE is not set: the buttons need the state table');
        return new ActionStore({ tableName });
      });
      store.catch(() => {
        store = undefined;
      });
      return store;
    },
  };
}
