/**
 * The one Bolt app behind POST /slack/events, as a Lambda handler. Bolt routes and acks; it does
 * not check the signature: the handler has already checked it once, with the secret as it is
 * now (re-read on its cache expiry), and refused a replay. The bot token is asked for on each
 * request too (a cache hit), so a rotated token is used without rebuilding the app.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { App, AwsLambdaReceiver, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { inWindowClientOptions } from './actions/deps.js';
import { type ActionListenerDeps, registerActionListeners } from './actions/listeners.js';
import { type CommandDeps, registerCommands } from './commands.js';

export type BoltHandler = ReturnType<AwsLambdaReceiver['toHandler']>;

export interface BoltAppOptions {
  /** The current bot token (cached by the secret provider; re-read when it expires). */
  readonly botToken: () => Promise<string>;
  readonly logger: Logger;
  readonly commands: CommandDeps;
  readonly actions: ActionListenerDeps;
}

function text(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : String(p))).join(' ');
}

/**
 * Bolt's warnings and errors go to the function's one Logger; its debug and info chatter (which
 * may describe request bodies) is dropped.
 */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...m: unknown[]) => logger.warn(text(m), { source: 'bolt' }),
    error: (...m: unknown[]) => logger.error(text(m), { source: 'bolt' }),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * @example
 * ```ts
 * const bolt = boltLambdaApp({ botToken: async () => token, logger, commands, actions });
 * const response = await bolt(verifiedEvent, context);
 * ```
 */
export function boltLambdaApp(options: BoltAppOptions): BoltHandler {
  const logger = boltLogger(options.logger);
  // The handler verified the signature (src/slack/verify.ts) before this runs: a second check
  // here would use the secret the app was built with, not the current one.
  const receiver = new AwsLambdaReceiver({ signatureVerification: false, signingSecret: '', logger });
  // A fixed authorize instead of `token`: Bolt 5 with a token calls auth.test on every request
  // unless given botId and botUserId, and these listeners never need to know the bot's ids.
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: await options.botToken() }),
    logger,
    clientOptions: inWindowClientOptions(),
  });
  registerActionListeners(app, options.actions);
  registerCommands(app, options.commands);
  return receiver.toHandler();
}
