/**
 * What the errors-worker's jobs (/aws-errors, the digest, the buttons' jobs, the escalation
 * sweep) are built from: injected, so tests build the worker with their own stand-ins and the
 * deployed one builds each AWS or Slack client on first use.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { WebClient } from '@slack/web-api';
import type { RedrivePort } from '../actions/redrive.js';
import type { ActionStorePort } from '../actions/store-port.js';
import { awsErrorsPort } from '../aws/errors-port.js';
import { sqsRedrivePort } from '../aws/sqs.js';
import type { ErrorsPort } from '../aws-errors/query-port.js';
import type { Config } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { createSlackClient } from '../slack/client.js';
import { ActionStore } from '../state/action-store.js';
import { lambdaConfigSource } from './lambda-config.js';
import { botClient } from './slack-bot.js';

export interface WorkerDeps {
  readonly config: () => Config;
  /** The stack's region: where the digest runs. */
  readonly region: string;
  /** The /aws-errors reads in one region. */
  readonly errorsPort: (region: string) => ErrorsPort;
  /** SQS for the Redrive button. */
  readonly redrivePort: () => RedrivePort;
  /** A bot-token client, rebuilt when the token is rotated. */
  readonly slack: () => Promise<WebClient>;
  /**
   * The state table's button actions and reminders (the escalation sweep), kept once made;
   * throws a ConfigError when no table is configured.
   */
  readonly actionStore: () => ActionStorePort;
  readonly logger: Logger;
  readonly now: () => number;
}

/**
 * @example
 * ```ts
 * export const handler = createErrorsWorkerHandler(defaultWorkerDeps());
 * ```
 */
export function defaultWorkerDeps(env: NodeJS.ProcessEnv = process.env): WorkerDeps {
  let store: ActionStore | undefined;
  return {
    config: lambdaConfigSource(env),
    region: env.AWS_REGION ?? 'us-east-1',
    errorsPort: (region) => awsErrorsPort({ region }),
    redrivePort: () => sqsRedrivePort({ requestTimeoutMs: 5_000 }),
    slack: botClient((token) => createSlackClient({ token }), env),
    actionStore: () => {
      const tableName = env.CLOUDBELL_TABLE;
      if (!tableName)
        throw new ConfigError('CLOUDBELL_TABLE is not set: the escalation sweep needs the state table');
      // One store per environment, so a warm worker keeps its DynamoDB client.
      store ??= new ActionStore({ tableName });
      return store;
    },
    logger: new Logger({ serviceName: 'cloudbell-errors-worker' }),
    now: Date.now,
  };
}
