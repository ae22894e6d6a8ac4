import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseConfig } from '../src/config.js';
import { processInput } from '../src/pipeline.js';
import { createSlackClient } from '../src/slack/client.js';
import { alarmEvent } from '../test/helpers/alarm-events.js';
import { startLocalTable } from '../test/helpers/dynalite.js';
import { localNotify } from '../test/helpers/local-notify.js';
import { runQueue } from '../test/helpers/queue-sim.js';
import { SimClock } from '../test/helpers/sim-clock.js';
import { type SlackStandin, startStandin } from '../test/helpers/slack-standin.js';

export const name = 'storm: 1,000 alarms for one channel in 60 s (simulated time)';

const EVENTS = 1_000;
const SPAN_MS = 60_000;
/** The defaults, except that a digest may name a whole batch when batches exceed `hardCap`. */
const configFor = (batchSize: number) =>
  parseConfig(
    { slack: { defaultChannel: '#aws-alerts' }, storm: { hardCap: Math.max(40, batchSize) } },
    'bench',
  );

interface Figures {
  /** Messages Slack accepted. */
  posts: number;
  /** chat.postMessage calls made, 429s included. */
  calls: number;
  /** chat.update calls (a growing digest is edited when a later batch joins it). */
  updates: number;
  rateLimited: number;
  /** From the first event's arrival until the last event is visible in Slack. */
  lastVisibleSeconds: number;
  invocations: number;
}

function arrivals(start: number) {
  return Array.from({ length: EVENTS }, (_, i) => {
    const at = start + Math.floor((i * SPAN_MS) / EVENTS);
    return { at, body: alarmEvent({ name: `storm-${String(i).padStart(4, '0')}`, state: 'ALARM', at }) };
  });
}

function lastVisible(slack: SlackStandin, start: number): number {
  const last = Math.max(...slack.messages.map((m) => m.at));
  return (last - start) / 1000;
}

async function cloudbell(batchSize: number): Promise<Figures> {
  const config = configFor(batchSize);
  const clock = new SimClock();
  const slack = await startStandin({ clock });
  const table = await startLocalTable();
  try {
    const notify = localNotify({ config, clock, slackUrl: slack.url, table });
    const start = clock.now();
    const result = await runQueue(arrivals(start), {
      clock,
      batchSize,
      batchWindowMs: 5_000,
      visibilityTimeoutMs: 185_000,
      maxReceiveCount: 5,
      invoke: (event) => notify(event),
    });
    if (result.dlq.length > 0) throw new Error(`${result.dlq.length} alerts ended in the DLQ`);
    return figuresOf(slack, start, result.invocations);
  } finally {
    await Promise.all([slack.close(), table.close()]);
  }
}

/** What reached the Slack stand-in during one run. */
function figuresOf(slack: SlackStandin, start: number, invocations: number): Figures {
  return {
    posts: slack.messages.length,
    calls: slack.calls.filter((c) => c.method === 'chat.postMessage').length,
    updates: slack.calls.filter((c) => c.method === 'chat.update').length,
    rateLimited: slack.rateLimited,
    lastVisibleSeconds: lastVisible(slack, start),
    invocations,
  };
}

/** One chat.postMessage per event, in arrival order; a 429 is waited out and retried. */
async function naive(): Promise<Figures> {
  const clock = new SimClock();
  const slack = await startStandin({ clock });
  try {
    const client = createSlackClient({ token: 'xoxb-test', apiUrl: slack.url, retries: 0 });
    const start = clock.now();
    const invoke = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      for (const outcome of processInput(event, { config: configFor(10), now: new Date(clock.now()) })) {
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
    const result = await runQueue(arrivals(start), {
      clock,
      batchSize: 10,
      batchWindowMs: 5_000,
      visibilityTimeoutMs: 185_000,
      maxReceiveCount: 5,
      invoke,
    });
    return figuresOf(slack, start, result.invocations);
  } finally {
    await slack.close();
  }
}

export async function run(): Promise<Record<string, number>> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const realStart = performance.now();
  const ours = await cloudbell(100);
  const realMs = performance.now() - realStart;
  const small = await cloudbell(10);
  const plain = await naive();
  return {
    storm_events: EVENTS,
    storm_cloudbell_posts: ours.posts,
    storm_cloudbell_post_calls: ours.calls,
    storm_cloudbell_429s: ours.rateLimited,
    storm_cloudbell_updates: ours.updates,
    storm_cloudbell_last_visible_s: ours.lastVisibleSeconds,
    storm_cloudbell_invocations: ours.invocations,
    storm_cloudbell_real_ms: Math.round(realMs),
    storm_cloudbell_batch10_posts: small.posts,
    storm_cloudbell_batch10_429s: small.rateLimited,
    storm_cloudbell_batch10_updates: small.updates,
    storm_cloudbell_batch10_last_visible_s: small.lastVisibleSeconds,
    storm_naive_posts: plain.posts,
    storm_naive_post_calls: plain.calls,
    storm_naive_429s: plain.rateLimited,
    storm_naive_last_visible_s: plain.lastVisibleSeconds,
    storm_posts_ratio_naive_to_cloudbell: plain.posts / ours.posts,
    storm_calls_ratio_naive_to_cloudbell: plain.calls / ours.calls,
    storm_time_ratio_naive_to_cloudbell: plain.lastVisibleSeconds / ours.lastVisibleSeconds,
  };
}
