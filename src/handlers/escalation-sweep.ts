/**
 * The errors-worker's second job: the escalation sweep, invoked once a minute by an EventBridge
 * schedule with the constant input `{"kind":"escalation-sweep"}` (only deployed when
 * `escalation.steps` is set). Wiring only: the sweep itself is src/actions/sweep.ts.
 */
import { type SweepReport, sweepReminders } from '../actions/sweep.js';
import type { Config } from '../core/config.js';
import type { WorkerDeps } from './worker-deps.js';

export const SWEEP_KIND = 'escalation-sweep';

export function isSweepEvent(event: unknown): boolean {
  return (event as { kind?: unknown } | null)?.kind === SWEEP_KIND;
}

type SweepDeps = Pick<WorkerDeps, 'actionStore' | 'slack' | 'logger' | 'now'>;

/**
 * @example
 * ```ts
 * if (isSweepEvent(event)) await runEscalationSweep(deps.config(), deps);
 * ```
 */
export async function runEscalationSweep(config: Config, deps: SweepDeps): Promise<SweepReport> {
  const { logger } = deps;
  const store = deps.actionStore();
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
