/**
 * Storm and latency figures of notify's SQS delivery plan: the plan in serverless.yml and
 * infra/queues.yml now, beside the previous plan (5 s window, batches of 10), both measured in
 * this run with Lambda's poller driving the real handler (test/helpers/poller.ts), dynalite as
 * the table and the Slack stand-in at 1 post/s/channel, plus a naive one-post-per-event baseline.
 *
 * - storm: 1,000 alarms for one channel within 60 s, on a clock running 2× real time (real I/O
 *   then counts twice as long: pessimistic for both plans).
 * - isolated: 5 alarms 3.5 s apart (below the storm threshold), in real time: event → Slack.
 */
import { readFileSync } from 'node:fs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parse } from 'yaml';
import { parseConfig } from '../src/core/config.js';
import { processInput } from '../src/pipeline.js';
import { createSlackClient } from '../src/slack/client.js';
import { alarmEvent } from '../test/helpers/alarm-events.js';
import { runQueue } from '../test/helpers/queue-sim.js';
import { ScaledClock } from '../test/helpers/scaled-clock.js';
import { SimClock } from '../test/helpers/sim-clock.js';
import { startStandin } from '../test/helpers/slack-standin.js';
import { evenly, type Plan, type PlanFigures, PREVIOUS_PLAN, percentile, runPlan } from './delivery-plan.js';

export const name = 'storm and latency: the template plan beside the previous one';

const STORM = { count: 1_000, spanMs: 60_000, speed: 2 };
const ISOLATED = { count: 5, spanMs: 17_500 };

/** The plan as deployed: notify's SQS event and the alerts queue's settings. */
export function templatePlan(): Plan {
  const sls = parse(readFileSync('serverless.yml', 'utf8')) as {
    functions: { notify: { timeout: number; events: Array<{ sqs?: Record<string, number> }> } };
  };
  const queues = parse(readFileSync('infra/queues.yml', 'utf8')) as {
    Resources: {
      AlertsQueue: { Properties: { VisibilityTimeout: number; RedrivePolicy: { maxReceiveCount: number } } };
    };
  };
  const notify = sls.functions.notify;
  const sqs = notify.events.find((e) => e.sqs)?.sqs ?? {};
  const queue = queues.Resources.AlertsQueue.Properties;
  return {
    name: 'template',
    batchSize: sqs.batchSize ?? 10,
    batchWindowMs: (sqs.maximumBatchingWindow ?? 0) * 1000,
    concurrency: sqs.maximumConcurrency ?? 2,
    timeoutMs: notify.timeout * 1000,
    visibilityTimeoutMs: queue.VisibilityTimeout * 1000,
    maxReceiveCount: queue.RedrivePolicy.maxReceiveCount,
  };
}

const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'bench');

function storm(plan: Plan): Promise<PlanFigures> {
  return runPlan(
    plan,
    { arrivals: evenly('storm', STORM.count, STORM.spanMs), config },
    new ScaledClock(STORM.speed),
  );
}

function isolated(plan: Plan): Promise<PlanFigures> {
  return runPlan(
    plan,
    { arrivals: evenly('lone', ISOLATED.count, ISOLATED.spanMs), config },
    new ScaledClock(1),
  );
}

/** One chat.postMessage per event, in arrival order; a 429 is waited out and retried. */
async function naive(): Promise<{
  posts: number;
  calls: number;
  rateLimited: number;
  lastVisibleSeconds: number;
}> {
  const clock = new SimClock();
  const slack = await startStandin({ clock });
  try {
    const client = createSlackClient({ token: 'xoxb-test', apiUrl: slack.url, retries: 0 });
    const start = clock.now();
    const invoke = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      for (const outcome of processInput(event, { config, now: new Date(clock.now()) })) {
        for (const { message } of outcome.deliveries) {
          for (;;) {
            try {
              await client.chat.postMessage(message as never);
              break;
            } catch (error) {
              const retryAfter = (error as { retryAfter?: number }).retryAfter;
              if (retryAfter === undefined) throw error;
              await clock.sleep(retryAfter * 1000);
            }
          }
        }
      }
      return { batchItemFailures: [] };
    };
    const arrivals = evenly(
      'storm',
      STORM.count,
      STORM.spanMs,
    )(start).map(({ at }, i) => ({
      at,
      body: alarmEvent({ name: `storm-${String(i).padStart(4, '0')}`, state: 'ALARM', at }),
    }));
    await runQueue(arrivals, {
      clock,
      batchSize: 10,
      batchWindowMs: 5_000,
      visibilityTimeoutMs: 185_000,
      maxReceiveCount: 5,
      invoke,
    });
    return {
      posts: slack.messages.length,
      calls: slack.calls.filter((c) => c.method === 'chat.postMessage').length,
      rateLimited: slack.rateLimited,
      lastVisibleSeconds: (Math.max(...slack.messages.map((m) => m.at)) - start) / 1000,
    };
  } finally {
    await slack.close();
  }
}

function stormFigures(prefix: string, f: PlanFigures): Record<string, number> {
  return {
    [`${prefix}_top_level_posts`]: f.topLevelPosts,
    [`${prefix}_updates`]: f.updates,
    [`${prefix}_429s`]: f.rateLimited,
    [`${prefix}_last_visible_s`]: f.lastVisibleSeconds,
    [`${prefix}_p50_event_to_slack_s`]: percentile(f.latenciesMs, 50) / 1000,
    [`${prefix}_p95_event_to_slack_s`]: percentile(f.latenciesMs, 95) / 1000,
    [`${prefix}_invocations`]: f.invocations,
    [`${prefix}_dlq`]: f.dlq,
    [`${prefix}_dynamodb_calls_per_alert`]: f.tableCallsPerAlert,
  };
}

function latencyFigures(prefix: string, f: PlanFigures): Record<string, number> {
  return {
    [`${prefix}_p50_event_to_slack_ms`]: percentile(f.latenciesMs, 50),
    [`${prefix}_p95_event_to_slack_ms`]: percentile(f.latenciesMs, 95),
    [`${prefix}_dynamodb_calls_per_alert`]: f.tableCallsPerAlert,
  };
}

export async function run(): Promise<Record<string, number>> {
  const plan = templatePlan();
  const before = await storm(PREVIOUS_PLAN);
  const after = await storm(plan);
  const loneBefore = await isolated(PREVIOUS_PLAN);
  const loneAfter = await isolated(plan);
  const plain = await naive();
  return {
    storm_events: STORM.count,
    plan_batch_size: plan.batchSize,
    plan_batch_window_s: plan.batchWindowMs / 1000,
    plan_max_concurrency: plan.concurrency,
    ...stormFigures('storm_template', after),
    ...stormFigures('storm_previous', before),
    storm_naive_posts: plain.posts,
    storm_naive_post_calls: plain.calls,
    storm_naive_429s: plain.rateLimited,
    storm_naive_last_visible_s: plain.lastVisibleSeconds,
    storm_last_visible_ratio_previous_to_template: before.lastVisibleSeconds / after.lastVisibleSeconds,
    storm_posts_ratio_naive_to_template: plain.posts / after.topLevelPosts,
    ...latencyFigures('isolated_template', loneAfter),
    ...latencyFigures('isolated_previous', loneBefore),
    isolated_p50_ratio_previous_to_template:
      percentile(loneBefore.latenciesMs, 50) / percentile(loneAfter.latenciesMs, 50),
  };
}
