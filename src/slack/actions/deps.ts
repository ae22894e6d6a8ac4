/**
 * The listeners' production wiring: the table named by `CLOUDBELL_TABLE` (its client created
 * on the first button press and kept with these deps), SQS for the Redrive modal, the worker
 * by async invoke, and the system clock. The slack handler adds its config and its Logger.
 */
import type { ActionStorePort } from '../../actions/store-port.js';
import { invokeAsync } from '../../aws/invoke.js';
import { sqsRedrivePort } from '../../aws/sqs.js';
import { ConfigError } from '../../core/errors.js';
import type { ActionListenerDeps } from './press.js';

/** What the listeners need beyond the handler's own config and Logger. */
export type ActionWiring = Omit<ActionListenerDeps, 'config' | 'logger'>;

/** The Slack Web API settings for calls made inside Slack's 3-second window. */
export function inWindowClientOptions(env: NodeJS.ProcessEnv = process.env) {
  return {
    // One attempt, short: a failed thread note goes to the worker instead (press.ts).
    timeout: 1_200,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
  };
}

/**
 * @example
 * ```ts
 * registerActionListeners(app, { ...defaultActionDeps(process.env), config, logger });
 * ```
 */
export function defaultActionDeps(env: NodeJS.ProcessEnv = process.env): ActionWiring {
  let store: Promise<ActionStorePort> | undefined;
  return {
    now: Date.now,
    region: env.AWS_REGION ?? 'us-east-1',
    redrive: () => sqsRedrivePort({ requestTimeoutMs: 1_000 }),
    invoke: async (job) => {
      const worker = env.ERRORS_WORKER_FUNCTION;
      if (!worker) throw new ConfigError('ERRORS_WORKER_FUNCTION is not set');
      await invokeAsync(worker, job);
    },
    store: () => {
      // Loaded on the first press: /aws-errors and the signature check never load it.
      store ??= import('../../state/action-store.js').then(({ ActionStore }) => {
        const tableName = env.CLOUDBELL_TABLE;
        if (!tableName) throw new ConfigError('CLOUDBELL_TABLE is not set: the buttons need the state table');
        return new ActionStore({ tableName });
      });
      // A failed start is not kept: the next press tries again.
      store.catch(() => {
        store = undefined;
      });
      return store;
    },
  };
}
