/**
 * The notify handler wired to local stand-ins: the Slack stand-in, dynalite, a simulated
 * clock. Shared by the handler tests and the storm benchmark so both run the same wiring.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse } from 'aws-lambda';
import type { Config } from '../../src/core/config.js';
import { type Clock, systemClock } from '../../src/delivery/clock.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import type { EvidenceJob } from '../../src/evidence/evidence-job.js';
import { createNotifyHandler, type NotifyDeps } from '../../src/handlers/notify.js';
import { createSlackClient } from '../../src/slack/client.js';
import { webApiPort } from '../../src/slack/web-api-port.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { lambdaContext } from './alarm-events.js';
import type { LocalTable } from './dynalite.js';

export interface LocalNotifyOptions {
  readonly config: Config;
  readonly clock: Clock;
  readonly slackUrl: string;
  readonly table: LocalTable;
  readonly metrics?: Metrics;
  readonly logLevel?: 'DEBUG' | 'SILENT';
  /** The evidence hand-off (none by default, as when the evidence function is not deployed). */
  readonly handOff?: (job: EvidenceJob) => Promise<void>;
}

/** Invokes notify with a Lambda context whose remaining time follows the simulated clock. */
export type LocalNotify = (event: unknown, timeoutMs?: number) => Promise<SQSBatchResponse>;

/**
 * notify's dependencies for a test: the config, Slack port and table it names, and unless it
 * names them too: nobody acting on threads, no evidence hand-off, silent logs, the system clock.
 *
 * @example
 * ```ts
 * const notify = createNotifyHandler(notifyTestDeps({ config: () => config, slack: async () => port, store }));
 * ```
 */
export function notifyTestDeps(
  deps: Pick<NotifyDeps, 'config' | 'slack' | 'store'> & Partial<NotifyDeps>,
): NotifyDeps {
  const clock = deps.clock ?? systemClock;
  return {
    actions: () => undefined,
    clock,
    pacer: new ChannelPacer(clock),
    logger: new Logger({ serviceName: 'cloudbell-notify', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'cloudbell', serviceName: 'notify' }),
    handOff: undefined,
    ...deps,
  };
}

/**
 * @example
 * ```ts
 * const invoke = localNotify({ config, clock, slackUrl: slack.url, table });
 * const { batchItemFailures } = await invoke(sqsEvent(records));
 * ```
 */
export function localNotify(options: LocalNotifyOptions): LocalNotify {
  const { clock, table } = options;
  const port = webApiPort(
    createSlackClient({ token: 'xoxb-test', apiUrl: options.slackUrl, retries: 0, timeoutMs: 2_000 }),
  );
  const store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
  const notify = createNotifyHandler(
    notifyTestDeps({
      config: () => options.config,
      slack: async () => port,
      store: (_config, guard) => store.withGuard(guard),
      clock,
      pacer: new ChannelPacer(clock),
      logger: new Logger({ serviceName: 'cloudbell-notify', logLevel: options.logLevel ?? 'SILENT' }),
      metrics: options.metrics ?? new Metrics({ namespace: 'cloudbell', serviceName: 'notify' }),
      handOff: options.handOff,
    }),
  );
  return (event, timeoutMs = 30_000) =>
    notify(
      event,
      lambdaContext(() => clock.now(), timeoutMs),
    );
}
