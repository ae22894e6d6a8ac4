/**
 * The errors-worker's second job: the escalation sweep, invoked once a minute by an EventBridge
 * schedule with the constant input `{"kind":"escalation-sweep"}` (only deployed when
 * `escalation.steps` is set). Wiring only: the sweep itself is src/actions/sweep.ts.
 */
import { type SweepReport, sweepReminders } from '../actions/sweep.js';
import type { Config } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { ActionStore } from '../state/action-store.js';
import type { WorkerDeps } from './worker-deps.js';

export const SWEEP_KIND = 'escalation-sweep';

export function isSweepEvent(event: unknown): boolean {
  return (event as { kind?: unknown } | null)?.kind === SWEEP_KIND;
}

type SweepDeps = Pick<WorkerDeps, 'tableName' | 'slack' | 'logger' | 'now'>;

/** One store per table name, so a warm worker keeps its DynamoDB client. */
const stores = new Map<string, ActionStore>();

/**
 * @example
 * ```ts
 * if (isSweepEvent(event)) await runEscalationSweep(lambdaConfig(), defaultWorkerDeps());
 * ```
 */
export async function runEscalationSweep(config: Config, deps: SweepDeps): Promise<SweepReport> {
  const { tableName, logger } = deps;
  if (!tableName)
    throw new ConfigError('CLOUDBELL_TABLE is not set: the escalation sweep needs the state table');
  const store = stores.get(tableName) ?? new ActionStore({ tableName });
  stores.set(tableName, store);
  const client = await deps.slack();
  const report = await sweepReminders({
    store,
    steps: config.escalation.steps,
    now: deps.now(),
    log: { info: (m, e) => logger.info(m, e ?? {}), error: (m, e) => logger.error(m, e ?? {}) },
    slack: {
      async post(channel, text, threadTs) {
        await client.chat.postMessage({
          channel,
          text,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
      },
      async permalink(channel, ts) {
        return (await client.chat.getPermalink({ channel, message_ts: ts })).permalink;
      },
    },
  });
  if (report.posted + report.failed + report.cancelled + report.postponed > 0)
    logger.info('escalation sweep', { ...report });
  return report;
}
