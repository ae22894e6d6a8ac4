/**
 * What the errors-worker's jobs (/aws-errors, the digest, the buttons' jobs, the escalation
 * sweep) are built from: injected, so tests build the worker with their own stand-ins and the
 * deployed one builds each AWS or Slack client on first use.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { WebClient } from '@slack/web-api';
import type { RedrivePort } from '../actions/redrive.js';
import { awsErrorsPort } from '../aws/errors-port.js';
import { onSecretChange, slackSecret } from '../aws/secrets.js';
import { sqsRedrivePort } from '../aws/sqs.js';
import type { ErrorsPort } from '../aws-errors/query-port.js';
import type { Config } from '../core/config.js';
import { createSlackClient } from '../slack/client.js';
import { lambdaConfig } from './config.js';

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
  /** The state table's name; undefined when none is configured. */
  readonly tableName: string | undefined;
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
  return {
    config: lambdaConfig,
    region: env.AWS_REGION ?? 'us-east-1',
    errorsPort: (region) => awsErrorsPort({ region }),
    redrivePort: () => sqsRedrivePort({ requestTimeoutMs: 5_000 }),
    slack: onSecretChange(
      async () => (await slackSecret(['botToken'], env)).botToken,
      (token) => createSlackClient({ token }),
    ),
    tableName: env.CLOUDBELL_TABLE,
    logger: new Logger({ serviceName: 'cloudbell-errors-worker' }),
    now: Date.now,
  };
}
