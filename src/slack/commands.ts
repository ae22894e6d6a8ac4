/**
 * The slash-command listeners of the one Bolt app: `/aws-errors` (exactly that name) decides,
 * hands a query off and acks; any other command routed here gets a short refusal instead of
 * silence. Listeners only: AWS and configuration come in as dependencies, so the app can grow
 * more listeners (block actions) beside these.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { App } from '@slack/bolt';
import { decideCommand } from '../aws-errors/command.js';
import type { ErrorsJob } from '../aws-errors/errors-job.js';
import type { Config } from '../core/config.js';
import { safeText } from './text.js';

export const AWS_ERRORS_COMMAND = '/aws-errors';

export interface CommandDeps {
  readonly config: () => Config;
  /** The stack's region: the default for queries. */
  readonly region: string;
  /** Hands a job to the worker; rejects with an error whose `code` may be shown. */
  readonly startJob: (job: ErrorsJob) => Promise<void>;
  /** The function's one Logger (shared with the button listeners). */
  readonly logger: Logger;
}

/** A code that is safe to show: an AWS error name, an HTTP status, nothing else. */
function shownCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Za-z0-9 ._-]{1,64}$/.test(code) ? code : 'Error';
}

/**
 * @example
 * ```ts
 * registerCommands(app, { config: lambdaConfig, region: 'eu-west-1', startJob: (job) => invokeAsync(worker, job), logger });
 * ```
 */
export function registerCommands(app: App, deps: CommandDeps): void {
  // A string pattern is an exact match in Bolt: /aws-errors-admin does not reach this listener.
  app.command(AWS_ERRORS_COMMAND, async ({ command, ack }) => {
    const decision = decideCommand(command, deps.config(), deps.region, new Date());
    if (decision.job) {
      try {
        await deps.startJob(decision.job);
      } catch (error) {
        deps.logger.error('cannot start the errors query', { code: shownCode(error) });
        // The code says why (no credentials, no such function, denied), never the message.
        await ack({
          response_type: 'ephemeral',
          text: `❌ Could not start the query: the errors worker did not accept it (${shownCode(error)}). Try again in a minute.`,
        });
        return;
      }
    }
    await ack({ response_type: 'ephemeral', text: decision.reply });
  });

  // Any other command pointed at this app: say so at once rather than leave Slack waiting.
  app.command(/^(?!\/aws-errors$)/, async ({ command, ack }) => {
    await ack({
      response_type: 'ephemeral',
      text: `cloudbell does not handle ${safeText(command.command, 40)}; its command is ${AWS_ERRORS_COMMAND}.`,
    });
  });
}
