/**
 * The notify Lambda: an SQS batch of AWS events in, Slack messages out, and the records whose
 * delivery failed back to the queue (`batchItemFailures`). A record that cannot be parsed
 * still becomes a generic message (or, failing even that, a fixed "unreadable record" message
 * naming its SQS message id); only delivery failures are retried.
 *
 * Thin on purpose: the pipeline makes the messages, `deliver` gets them to Slack.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { threadActionsPort } from '../actions/thread-port.js';
import { dynamoDb } from '../aws/dynamodb.js';
import { onSecretChange, slackSecret } from '../aws/secrets.js';
import type { Config } from '../core/config.js';
import { ConfigError, SlackDeliveryError } from '../core/errors.js';
import { type Clock, systemClock } from '../delivery/clock.js';
import { deliver } from '../delivery/deliver.js';
import { ChannelPacer } from '../delivery/pacer.js';
import { DEFAULT_RETRY, type DeliveryStats, newStats } from '../delivery/runtime.js';
import type { SlackPort } from '../delivery/slack-port.js';
import type { DeliveryStore } from '../delivery/store.js';
import type { ThreadActionsPort } from '../delivery/thread-actions.js';
import type { EvidenceJob } from '../evidence/evidence-job.js';
import { evidenceHandOff } from '../evidence/handoff.js';
import { processInput } from '../pipeline.js';
import { createSlackClient } from '../slack/client.js';
import { webApiPort } from '../slack/web-api-port.js';
import { DynamoStore } from '../state/dynamo-store.js';
import { notifyThreadActions } from '../state/notify-thread-actions.js';
import { type TableGuard, tableGuardFor } from '../state/table-guard.js';
import { lambdaConfig } from './config.js';

/** Kept free after the last Slack call may start: marking done and returning. */
const SAFETY_MS = 2_000;
/** Claims outlive the invocation by this much, so only a redelivery (after the visibility timeout) retakes them. */
const LEASE_GRACE_MS = 10_000;

export interface NotifyDeps {
  readonly config: () => Config;
  readonly slack: () => Promise<SlackPort>;
  /** The table for one invocation, under that invocation's guard (its share of the time). */
  readonly store: (config: Config, guard: TableGuard) => DeliveryStore;
  /** Acknowledgements, snoozes and escalation (src/actions); `undefined`: nobody acts. */
  readonly actions: (config: Config) => ThreadActionsPort | undefined;
  readonly clock: Clock;
  readonly pacer: ChannelPacer;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Hands an evidence job to the worker; undefined when the evidence function is not deployed. */
  readonly handOff: ((job: EvidenceJob) => Promise<void>) | undefined;
}

/** The evidence worker, by async invoke; none when the function is not deployed (evidence off). */
function defaultHandOff(): ((job: EvidenceJob) => Promise<void>) | undefined {
  const functionName = process.env.EVIDENCE_FUNCTION;
  if (!functionName) return undefined;
  // Loaded on the first hand-off: most batches have none (the Lambda client is bundled, pinned).
  return async (job) =>
    (await import('../aws/invoke.js')).invokeAsync(functionName, job, { requestTimeoutMs: 2_000 });
}

/** Hand-offs still in flight when the alerts are out get at most this long. */
const HANDOFF_WAIT_MS = 4_000;

/**
 * The bot token as it is now (Powertools re-reads the secret when its cache expires), and a
 * Slack client rebuilt when the token changes.
 */
function defaultSlack(): () => Promise<SlackPort> {
  return onSecretChange(
    async () => (await slackSecret(['botToken'])).botToken,
    // Delivery owns retries (deadline-aware, paced); the client makes one attempt per call.
    (token) => webApiPort(createSlackClient({ token, retries: 0, timeoutMs: 5_000 })),
  );
}

let dynamoStore: DynamoStore | undefined;

function defaultStore(config: Config, guard: TableGuard): DeliveryStore {
  const tableName = process.env.CLOUDBELL_TABLE;
  if (!tableName)
    throw new ConfigError('CLOUDBELL_TABLE is not set: the notify function needs its DynamoDB table');
  dynamoStore ??= new DynamoStore({ client: dynamoDb(), tableName, dedupeTtlHours: config.dedupe.ttlHours });
  return dynamoStore.withGuard(guard);
}

function defaultActions(config: Config): ThreadActionsPort | undefined {
  const tableName = process.env.CLOUDBELL_TABLE;
  if (!tableName) return undefined;
  return threadActionsPort(notifyThreadActions(dynamoDb(), tableName), config.escalation);
}

function publish(metrics: Metrics, stats: DeliveryStats): void {
  metrics.addMetric('AlertsPosted', MetricUnit.Count, stats.alertsPosted);
  metrics.addMetric('AlertsDeduplicated', MetricUnit.Count, stats.deduplicated);
  metrics.addMetric('AlertsDigested', MetricUnit.Count, stats.digested);
  metrics.addMetric('SlackErrors', MetricUnit.Count, stats.slackErrors);
  metrics.addMetric('SlackRetries', MetricUnit.Count, stats.slackRetries);
  // Alerts posted without dedupe/threads because the table was unavailable (alarm on > 0).
  metrics.addMetric('StateUnavailable', MetricUnit.Count, stats.stateUnavailable);
}

/**
 * Builds the handler; tests replace the Slack port, the table, the clock and the config.
 *
 * @example
 * ```ts
 * const notify = createNotifyHandler({ slack: async () => webApiPort(createSlackClient({ token, apiUrl })) });
 * const { batchItemFailures } = await notify(sqsEvent, context);
 * ```
 */
export function createNotifyHandler(overrides: Partial<NotifyDeps> = {}) {
  const clock = overrides.clock ?? systemClock;
  const deps: NotifyDeps = {
    config: lambdaConfig,
    slack: overrides.slack ?? defaultSlack(),
    store: defaultStore,
    // A test that brings its own table brings its own actions port too (or none).
    actions: overrides.store ? () => undefined : defaultActions,
    clock,
    pacer: new ChannelPacer(clock),
    logger: new Logger({ serviceName: 'cloudbell-notify' }),
    metrics: new Metrics({ namespace: 'cloudbell', serviceName: 'notify' }),
    handOff: defaultHandOff(),
    ...overrides,
  };
  const { logger, metrics } = deps;

  const notify = async (event: unknown, context: Context): Promise<SQSBatchResponse> => {
    const config = deps.config();
    const start = deps.clock.now();
    const remaining = context.getRemainingTimeInMillis();
    // Never throws: each record is read, routed and rendered on its own (src/pipeline.ts), so a
    // poison record becomes a safe message and only a failed delivery returns a record to the queue.
    const outcomes = processInput(event, { config, now: new Date(start) });
    let unreadable = 0;
    for (const o of outcomes) {
      if (o.ignored)
        logger.info('not posted', {
          reason: o.ignored,
          dedupeKey: o.alert?.dedupeKey,
          recordId: o.envelope.recordId,
        });
      if (o.envelope.problem) {
        unreadable += 1;
        logger.warn('unreadable record, posted as generic', {
          problem: o.envelope.problem,
          recordId: o.envelope.recordId,
        });
      }
    }
    metrics.addMetric('UnreadableRecords', MetricUnit.Count, unreadable);
    const stats = newStats();
    const deadline = start + remaining - SAFETY_MS;
    const guard = tableGuardFor(remaining, () => deadline - deps.clock.now());
    const store = deps.store(config, guard);
    const envelopes = new Map(outcomes.flatMap((o) => (o.alert ? [[o.alert, o.envelope] as const] : [])));
    const evidence = deps.handOff
      ? evidenceHandOff({
          config,
          envelopeOf: (alert) => envelopes.get(alert),
          handOff: deps.handOff,
          clock: () => deps.clock.now(),
          log: { error: (m, a) => logger.error(m, a ?? {}) },
        })
      : undefined;
    const actions = deps.actions(config);
    const report = await deliver(outcomes, {
      config,
      store,
      runtime: {
        slack: await deps.slack(),
        clock: deps.clock,
        pacer: deps.pacer,
        slots: store,
        deadline,
        retry: DEFAULT_RETRY,
        stats,
        log: {
          info: (m, a) => logger.info(m, a ?? {}),
          warn: (m, a) => logger.warn(m, a ?? {}),
          error: (m, a) => logger.error(m, a ?? {}),
        },
        ...(evidence ? { onPosted: evidence.onPosted } : {}),
      },
      token: `${context.awsRequestId}:${randomUUID()}`,
      leaseUntil: start + remaining + LEASE_GRACE_MS,
      ...(actions ? { actions } : {}),
    });
    publish(metrics, stats);
    if (guard.unavailable)
      logger.warn('state table unavailable in this invocation; alerts went out without dedupe or threads', {
        reason: guard.unavailable,
        alerts: stats.stateUnavailable,
      });
    if (evidence) {
      const left = start + remaining - SAFETY_MS - deps.clock.now();
      const handOffs = await evidence.settle(Math.min(HANDOFF_WAIT_MS, left));
      metrics.addMetric('EvidenceHandOffs', MetricUnit.Count, handOffs.handedOff);
      metrics.addMetric('EvidenceHandOffFailures', MetricUnit.Count, handOffs.failed);
    }
    logger.info('batch delivered', {
      records: outcomes.length,
      ...stats,
      failedRecords: report.failedRecordIds.length,
    });
    if (report.failedWithoutRecord > 0) {
      // Not from SQS (a direct or SNS invocation): only an error makes Lambda retry it.
      throw new SlackDeliveryError(
        `${report.failedWithoutRecord} deliveries failed`,
        'delivery_failed',
        true,
      );
    }
    return { batchItemFailures: report.failedRecordIds.map((itemIdentifier) => ({ itemIdentifier })) };
  };

  return middy(notify).use(injectLambdaContext(logger)).use(logMetrics(metrics));
}

export const handler = createNotifyHandler();
