/**
 * One notify invocation's delivery, in process, against stand-ins: a simulated clock, the
 * Slack stand-in (rate-limited as Slack is), dynalite as the state table and a channel pacer —
 * what the delivery and family thread tests each used to assemble themselves.
 */
import type { Config } from '../../src/core/config.js';
import { type DeliveryReport, deliver } from '../../src/delivery/deliver.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { DEFAULT_RETRY, type DeliveryStats, newStats, silentLog } from '../../src/delivery/runtime.js';
import type { ThreadActionsPort } from '../../src/delivery/thread-actions.js';
import type { Outcome } from '../../src/pipeline.js';
import { createSlackClient } from '../../src/slack/client.js';
import { webApiPort } from '../../src/slack/web-api-port.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { type LocalTable, startLocalTable } from './dynalite.js';
import { SimClock } from './sim-clock.js';
import { type SlackStandin, startStandin } from './slack-standin.js';

export interface DeliverRun {
  /** Another execution environment's pacer (same table, same Slack). */
  readonly pacer?: ChannelPacer;
  /** Counters to fill; fresh ones by default. */
  readonly stats?: DeliveryStats;
  /** Let the pacer reserve post slots on the table, as notify does. */
  readonly slots?: boolean;
  /** Acknowledgements, snoozes and escalation; without it nobody has acted. */
  readonly actions?: ThreadActionsPort;
}

export interface DeliveryRig {
  readonly clock: SimClock;
  readonly slack: SlackStandin;
  readonly table: LocalTable;
  readonly store: DynamoStore;
  readonly pacer: ChannelPacer;
  /** Delivers `outcomes` as one invocation would: a 28 s deadline, claims leased for 40 s. */
  deliver(outcomes: readonly Outcome[], config: Config, run?: DeliverRun): Promise<DeliveryReport>;
  close(): Promise<void>;
}

/**
 * @example
 * ```ts
 * const rig = await startDeliveryRig();
 * const report = await rig.deliver(processInput(event, { config, now: new Date(rig.clock.now()) }), config);
 * await rig.close();
 * ```
 */
export async function startDeliveryRig(): Promise<DeliveryRig> {
  const clock = new SimClock();
  const slack = await startStandin({ clock });
  const table = await startLocalTable();
  const store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
  const pacer = new ChannelPacer(clock);
  return {
    clock,
    slack,
    table,
    store,
    pacer,
    deliver(outcomes, config, run = {}) {
      const port = webApiPort(createSlackClient({ token: 'xoxb-test', apiUrl: slack.url, retries: 0 }));
      return deliver(outcomes, {
        config,
        store,
        token: `t-${Math.random()}`,
        leaseUntil: clock.now() + 40_000,
        ...(run.actions ? { actions: run.actions } : {}),
        runtime: {
          slack: port,
          clock,
          pacer: run.pacer ?? pacer,
          ...(run.slots ? { slots: store } : {}),
          deadline: clock.now() + 28_000,
          retry: DEFAULT_RETRY,
          stats: run.stats ?? newStats(),
          log: silentLog,
        },
      });
    },
    close: () => Promise.all([slack.close(), table.close()]).then(() => undefined),
  };
}
