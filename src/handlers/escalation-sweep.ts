/**
 * The errors-worker's second job: the escalation sweep, invoked once a minute by an EventBridge
 * schedule with the constant input `{"kind":"escalation-sweep"}` (only deployed when
 * `escalation.steps` is set). Wiring only: the sweep itself is src/actions/sweep.ts.
 */
import { type SweepReport, sweepReminders } from '../actions/sweep.js';
import { slackSecret } from '../aws/secrets.js';
import type { Config } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { createSlackClient } from '../slack/client.js';
import { ActionStore } from '../state/action-store.js';

export const SWEEP_KIND = 'escalation-sweep';

export function isSweepEvent(event: unknown): boolean {
  return (event as { kind?: unknown } | null)?.kind === SWEEP_KIND;
}

let store: ActionStore | undefined;

function log(level: 'INFO' | 'ERROR', message: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level, message, service: 'cloudbell-escalation', ...extra }));
}

/**
 * @example
 * ```ts
 * if (isSweepEvent(event)) await runEscalationSweep(lambdaConfig());
 * ```
 */
export async function runEscalationSweep(config: Config, now: number = Date.now()): Promise<SweepReport> {
  const tableName = process.env.CLOUDBELL_TABLE;
  if (!tableName)
    throw new ConfigError('CLOUDBELL_TABLE is not set: the escalation sweep needs the state table');
  store ??= new ActionStore({ tableName });
  const { botToken } = await slackSecret(['botToken']);
  const client = createSlackClient({ token: botToken, retries: 1 });
  const report = await sweepReminders({
    store,
    steps: config.escalation.steps,
    now,
    log: { info: (m, e) => log('INFO', m, e), error: (m, e) => log('ERROR', m, e) },
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
    log('INFO', 'escalation sweep', { ...report });
  return report;
}
