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
import { addCounts } from './count-metrics.js';
import { lambdaConfigSource } from './lambda-config.js';
import { botClient } from './slack-bot.js';

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

/** Hand-offs still in flight when the alerts are out get at most this long. */
const HANDOFF_WAIT_MS = 4_000;

/**
 * The deployed dependencies, built once per execution environment from `env`: the table's
 * client is made on the first batch and kept with these deps; nothing is read from AWS before.
 *
 * @example
 * ```ts
 * export const handler = createNotifyHandler(defaultNotifyDeps());
 * ```
 */
export function defaultNotifyDeps(env: NodeJS.ProcessEnv = process.env): NotifyDeps {
  const tableName = env.CLOUDBELL_TABLE;
  const evidenceFunction = env.EVIDENCE_FUNCTION;
  let table: DynamoStore | undefined;
  return {
    config: lambdaConfigSource(env),
    // Delivery owns retries (deadline-aware, paced); the client makes one attempt per call.
    slack: botClient((token) => webApiPort(createSlackClient({ token, retries: 0, timeoutMs: 5_000 })), env),
    store: (config, guard) => {
      if (!tableName)
        throw new ConfigError('CLOUDBELL_TABLE is not set: the notify function needs its DynamoDB table');
      table ??= new DynamoStore({ client: dynamoDb(), tableName, dedupeTtlHours: config.dedupe.ttlHours });
      return table.withGuard(guard);
    },
    actions: (config) =>
      tableName
        ? threadActionsPort(notifyThreadActions(dynamoDb(), tableName), config.escalation)
        : undefined,
    clock: systemClock,
    pacer: new ChannelPacer(systemClock),
    logger: new Logger({ serviceName: 'cloudbell-notify' }),
    metrics: new Metrics({ namespace: 'cloudbell', serviceName: 'notify' }),
    // The evidence worker by async invoke; none when the function is not deployed (evidence off).
    // The Lambda client loads on the first hand-off: most batches have none.
    handOff: evidenceFunction
      ? async (job) =>
          (await import('../aws/invoke.js')).invokeAsync(evidenceFunction, job, { requestTimeoutMs: 2_000 })
      : undefined,
  };
}

function publish(metrics: Metrics, stats: DeliveryStats): void {
  addCounts(metrics, {
    AlertsPosted: stats.alertsPosted,
    AlertsDeduplicated: stats.deduplicated,
    AlertsDigested: stats.digested,
    SlackErrors: stats.slackErrors,
    SlackRetries: stats.slackRetries,
    // Alerts posted without dedupe/threads because the table was unavailable (alarm on > 0).
    StateUnavailable: stats.stateUnavailable,
  });
}

/**
 * Builds the handler from its dependencies; tests pass their own Slack port, table, clock and config.
 *
 * @example
 * ```ts
 * const notify = createNotifyHandler({ ...defaultNotifyDeps(), slack: async () => webApiPort(createSlackClient({ token, apiUrl })) });
 * const { batchItemFailures } = await notify(sqsEvent, context);
 * ```
 */
export function createNotifyHandler(deps: NotifyDeps) {
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

/** The deployed handler: its clients are built on first use. */
export const handler = createNotifyHandler(defaultNotifyDeps());
