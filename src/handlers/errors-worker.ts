/**
 * Lambda `errors-worker`: answers a /aws-errors command handed over by the slack handler
 * (src/aws-errors/answer-command.ts); on the schedule, posts the errors digest
 * (src/aws-errors/scheduled-digest.ts). It also runs the buttons' slow work (Show errors,
 * Redrive, rate-limited thread notes: action-jobs.ts) and, once a minute when escalation is
 * configured, the reminder sweep. Wiring only: it tells the events apart and dispatches.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { isActionJob } from '../actions/jobs.js';
import { answerErrorsCommand } from '../aws-errors/answer-command.js';
import { isDigestEvent } from '../aws-errors/errors-job.js';
import { postErrorsDigest } from '../aws-errors/scheduled-digest.js';
import { runActionJob } from './action-jobs.js';
import { isSweepEvent, runEscalationSweep } from './escalation-sweep.js';
import { defaultWorkerDeps, type WorkerDeps } from './worker-deps.js';

/**
 * Builds the worker; tests pass their own AWS ports, Slack client and clock.
 *
 * @example
 * ```ts
 * const worker = createErrorsWorkerHandler({ ...defaultWorkerDeps(), errorsPort: () => fakePort });
 * await worker({ kind: 'command', query: { … }, responseUrl: 'https://hooks.slack.com/commands/…', … }, context);
 * ```
 */
export function createErrorsWorkerHandler(deps: WorkerDeps) {
  const { logger } = deps;
  const worker = async (event: unknown): Promise<void> => {
    const config = deps.config();
    if (isSweepEvent(event)) {
      await runEscalationSweep(config, deps);
      return;
    }
    if (isActionJob(event)) {
      await runActionJob(event, config, deps);
      return;
    }
    if (isDigestEvent(event)) {
      await postErrorsDigest(config, deps);
      return;
    }
    await answerErrorsCommand(event, config, deps);
  };
  return middy(worker).use(injectLambdaContext(logger));
}

/** The deployed worker: its clients are built on first use. */
export const handler = createErrorsWorkerHandler(defaultWorkerDeps());
