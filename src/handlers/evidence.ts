/**
 * Lambda `evidence`: after notify posted an alarm's state change, draws its graph and finds the
 * log lines behind it, and posts both in the alarm's thread. Invoked asynchronously by notify
 * (one job per posted state change and channel); Lambda retries are off and a failed invocation
 * lands in evidence-dlq, whose depth alarm reports it. A job never fails for a failed step:
 * steps are logged and counted, and the alert itself was posted before the job existed.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { awsErrorsPort } from '../aws/errors-port.js';
import { awsGraphPort } from '../aws/evidence-graphs.js';
import { dynamoLedger } from '../aws/evidence-ledger.js';
import { awsLogsPort } from '../aws/evidence-logs.js';
import type { ErrorsPort } from '../aws-errors/query-port.js';
import type { Config } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { evidenceJobSchema } from '../evidence/evidence-job.js';
import type { EvidenceLedger, EvidenceSlack, GraphPort, LogsPort } from '../evidence/evidence-ports.js';
import { logStep } from '../evidence/log-step.js';
import { type EvidenceStats, runEvidence } from '../evidence/run.js';
import { createSlackClient } from '../slack/client.js';
import { webApiEvidence } from '../slack/evidence-upload.js';
import { addCounts } from './count-metrics.js';
import { lambdaConfigSource } from './lambda-config.js';
import { botClient } from './slack-bot.js';

export interface EvidenceHandlerDeps {
  readonly config: () => Config;
  /** The stack's region: where the function's own resources are. */
  readonly region: string;
  readonly graphs: GraphPort;
  readonly logs: LogsPort;
  readonly errors: (region: string) => ErrorsPort;
  readonly slack: () => Promise<EvidenceSlack>;
  readonly ledger: (config: Config) => EvidenceLedger;
  readonly clock: () => number;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** Kept free at the end of an invocation: logging, metrics, returning. */
const DEADLINE_MARGIN_MS = 3_000;

/**
 * The deployed dependencies, built once per execution environment from `env`: the ledger's
 * table client is made on the first job and kept with these deps.
 *
 * @example
 * ```ts
 * export const handler = createEvidenceHandler(defaultEvidenceDeps());
 * ```
 */
export function defaultEvidenceDeps(env: NodeJS.ProcessEnv = process.env): EvidenceHandlerDeps {
  const tableName = env.CLOUDBELL_TABLE;
  let ledger: EvidenceLedger | undefined;
  return {
    config: lambdaConfigSource(env),
    region: env.AWS_REGION ?? 'us-east-1',
    graphs: awsGraphPort(),
    logs: awsLogsPort(),
    errors: (region) => awsErrorsPort({ region }),
    slack: botClient(
      (token) => webApiEvidence(createSlackClient({ token, retries: 2, timeoutMs: 10_000 })),
      env,
    ),
    ledger: (config) => {
      if (!tableName)
        throw new ConfigError('CLOUDBELL_TABLE is not set: the evidence function needs its table');
      ledger ??= dynamoLedger({ tableName, dedupeTtlHours: config.dedupe.ttlHours });
      return ledger;
    },
    clock: Date.now,
    logger: new Logger({ serviceName: 'cloudbell-evidence' }),
    metrics: new Metrics({ namespace: 'cloudbell', serviceName: 'evidence' }),
  };
}

function publish(metrics: Metrics, stats: EvidenceStats): void {
  addCounts(metrics, {
    EvidenceGraphsPosted: stats.graphsPosted,
    EvidenceGraphsFailed: stats.graphsFailed,
    EvidenceGraphsCapped: stats.graphsCapped,
    EvidenceLogRepliesPosted: stats.logRepliesPosted,
    EvidenceLogRepliesFailed: stats.logRepliesFailed,
    EvidenceJobsSkipped: stats.skipped ? 1 : 0,
  });
}

/**
 * Builds the handler from its dependencies; tests pass stand-in graphs, logs, Slack and ledger.
 *
 * @example
 * ```ts
 * const evidence = createEvidenceHandler({ ...defaultEvidenceDeps(), graphs: standInGraphs, slack: async () => standInSlack });
 * await evidence(job, context);
 * ```
 */
export function createEvidenceHandler(deps: EvidenceHandlerDeps) {
  const { logger, metrics } = deps;
  const log = {
    info: (m: string, a?: Record<string, unknown>) => logger.info(m, a ?? {}),
    warn: (m: string, a?: Record<string, unknown>) => logger.warn(m, a ?? {}),
    error: (m: string, a?: Record<string, unknown>) => logger.error(m, a ?? {}),
  };

  const evidence = async (event: unknown, context: Context): Promise<EvidenceStats | undefined> => {
    const parsed = evidenceJobSchema.safeParse(event);
    if (!parsed.success) {
      // Not retryable: a retry would only refuse it again.
      logger.error('ignored an invalid evidence job', { issues: parsed.error.issues.length });
      metrics.addMetric('EvidenceJobsInvalid', MetricUnit.Count, 1);
      return undefined;
    }
    const job = parsed.data;
    const config = deps.config();
    let slack: EvidenceSlack;
    try {
      slack = await deps.slack();
    } catch (error) {
      logger.error('evidence: cannot read the Slack token', { error: (error as Error).name });
      metrics.addMetric('EvidenceJobsFailed', MetricUnit.Count, 1);
      return undefined;
    }
    const account = context.invokedFunctionArn?.split(':')[4];
    const stats = await runEvidence(job, {
      config,
      graphs: deps.graphs,
      slack,
      ledger: deps.ledger(config),
      logStep: logStep({ config, logs: deps.logs, errors: deps.errors, clock: deps.clock, log }),
      clock: deps.clock,
      log,
      ...(account ? { account } : {}),
      region: deps.region,
      // Steps stop starting before the timeout: a timed-out job would land in the DLQ and alarm.
      deadline: deps.clock() + context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS,
    });
    publish(metrics, stats);
    metrics.addMetric('EvidenceLatency', MetricUnit.Milliseconds, Math.max(0, deps.clock() - job.postedAt));
    logger.info('evidence job done', { dedupeKey: job.dedupeKey, channel: job.channel, ...stats });
    return stats;
  };

  return middy(evidence).use(injectLambdaContext(logger)).use(logMetrics(metrics));
}

/** The deployed handler: its clients are built on first use. */
export const handler = createEvidenceHandler(defaultEvidenceDeps());
