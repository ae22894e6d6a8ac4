/**
 * One delivery plan (the SQS event source settings of serverless.yml and infra/queues.yml) run
 * end to end: Lambda's poller (test/helpers/poller.ts) invoking the real notify handler with
 * dynalite as the table and the Slack stand-in (1 post/s/channel), on a shared clock.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Config } from '../src/core/config.js';
import type { Clock } from '../src/delivery/clock.js';
import { alarmEvent } from '../test/helpers/alarm-events.js';
import { startLocalTable } from '../test/helpers/dynalite.js';
import { localNotify } from '../test/helpers/local-notify.js';
import { type Arrival, type PollerSettings, runPoller } from '../test/helpers/poller.js';
import { startStandin } from '../test/helpers/slack-standin.js';

export interface Plan extends PollerSettings {
  readonly name: string;
}

/** The template before issue 8: 5 s window, batches of 10, two at a time. */
export const PREVIOUS_PLAN: Plan = {
  name: 'previous',
  batchSize: 10,
  batchWindowMs: 5_000,
  concurrency: 2,
  timeoutMs: 30_000,
  visibilityTimeoutMs: 185_000,
  maxReceiveCount: 5,
};

export interface PlanFigures {
  /** Top-level messages (digests and alerts; thread replies not counted). */
  readonly topLevelPosts: number;
  readonly posts: number;
  readonly updates: number;
  readonly rateLimited: number;
  /** From the first arrival until the last alarm's name is visible in Slack. */
  readonly lastVisibleSeconds: number;
  /** Event (arrival in the queue) → its name first visible in Slack, per alarm. */
  readonly latenciesMs: number[];
  readonly invocations: number;
  readonly timeouts: number;
  readonly dlq: number;
  /** DynamoDB requests the table answered, per alarm delivered. */
  readonly tableCallsPerAlert: number;
}

export interface Scenario {
  readonly arrivals: (start: number) => Array<Arrival & { name: string }>;
  readonly config: Config;
}

/** Alarms named `${prefix}-0000`… arriving evenly over `spanMs`. */
export function evenly(prefix: string, count: number, spanMs: number) {
  return (start: number) =>
    Array.from({ length: count }, (_, i) => {
      const at = start + Math.floor((i * spanMs) / count);
      const name = `${prefix}-${String(i).padStart(4, '0')}`;
      return { at, name, body: alarmEvent({ name, state: 'ALARM', at }) };
    });
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * @example
 * ```ts
 * const figures = await runPlan(PREVIOUS_PLAN, { arrivals: evenly('storm', 1000, 60_000), config }, new ScaledClock(4));
 * ```
 */
export async function runPlan(plan: Plan, scenario: Scenario, clock: Clock): Promise<PlanFigures> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const slack = await startStandin({ clock });
  const table = await startLocalTable();
  let tableCalls = 0;
  const counted = {
    call: ((operation, input, options) => {
      tableCalls += 1;
      return table.client.call(operation, input, options);
    }) as typeof table.client.call,
  };
  try {
    const notify = localNotify({
      config: scenario.config,
      clock,
      slackUrl: slack.url,
      table: { ...table, client: counted },
      metrics: new Metrics({ namespace: 'cloudbell', serviceName: 'notify' }),
    });
    const start = clock.now() + 50;
    const arrivals = scenario.arrivals(start);
    const result = await runPoller(arrivals, {
      ...plan,
      clock,
      invoke: (event, timeoutMs) => notify(event, timeoutMs),
    });
    const texts = slack.messages.map((m) => ({
      at: m.at,
      text: JSON.stringify([m.text, m.blocks, m.attachments ?? []]),
    }));
    // An alarm is visible when a message naming it is posted; a digest edit shows it when the
    // edit lands, which the stand-in records as a chat.update call.
    const updates = slack.calls
      .filter((c) => c.method === 'chat.update' && c.status === 200 && !c.error)
      .map((c) => ({ at: c.at, text: JSON.stringify([c.args.text, c.args.blocks]) }));
    const shown = [...texts, ...updates].sort((a, b) => a.at - b.at);
    const latenciesMs = arrivals.map((a) => {
      const first = shown.find((s) => s.text.includes(a.name));
      return first ? first.at - a.at : Number.POSITIVE_INFINITY;
    });
    const lastShown = Math.max(...arrivals.map((a, i) => a.at + (latenciesMs[i] ?? 0)));
    return {
      topLevelPosts: slack.messages.filter((m) => !m.thread_ts).length,
      posts: slack.messages.length,
      updates: slack.calls.filter((c) => c.method === 'chat.update').length,
      rateLimited: slack.rateLimited,
      lastVisibleSeconds: (lastShown - start) / 1000,
      latenciesMs,
      invocations: result.invocations,
      timeouts: result.timeouts,
      dlq: result.dlq.length,
      tableCallsPerAlert: tableCalls / arrivals.length,
    };
  } finally {
    await Promise.all([slack.close(), table.close()]);
  }
}
