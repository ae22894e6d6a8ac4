import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, parseConfig } from '../../src/config.js';
import { deliver } from '../../src/delivery/deliver.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { DEFAULT_RETRY, newStats, silentLog } from '../../src/delivery/runtime.js';
import { processInput } from '../../src/pipeline.js';
import { createSlackClient } from '../../src/slack/client.js';
import { webApiPort } from '../../src/slack/port.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { familyFixture } from '../helpers/family-fixtures.js';
import { SimClock } from '../helpers/sim-clock.js';
import { type SlackStandin, startStandin } from '../helpers/slack-standin.js';

let clock: SimClock;
let slack: SlackStandin;
let table: LocalTable;
let store: DynamoStore;
let pacer: ChannelPacer;
const config: Config = parseConfig({ slack: { defaultChannel: '#sec' } }, 'test');

beforeEach(async () => {
  clock = new SimClock();
  slack = await startStandin({ clock });
  table = await startLocalTable();
  store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
  pacer = new ChannelPacer(clock);
});
afterEach(async () => {
  await Promise.all([slack.close(), table.close()]);
});

/** One notify invocation over these events, each its own SQS record. */
async function batch(events: unknown[]) {
  const outcomes = processInput(sqsEvent(events.map((e) => sqsRecord(e))), {
    config,
    now: new Date(clock.now()),
  });
  const port = webApiPort(createSlackClient({ token: 'xoxb-test', apiUrl: slack.url, retries: 0 }));
  return deliver(outcomes, {
    config,
    store,
    token: `t-${Math.random()}`,
    leaseUntil: clock.now() + 40_000,
    runtime: {
      slack: port,
      clock,
      pacer,
      deadline: clock.now() + 28_000,
      retry: DEFAULT_RETRY,
      stats: newStats(),
      log: silentLog,
    },
  });
}

describe('GuardDuty repeats', () => {
  const first = familyFixture('guardduty', 'recon-iam-user-permissions');
  const repeat = familyFixture('guardduty', 'edge-repeat-count-grows');

  it('edits the first message when the same finding comes back with a higher count', async () => {
    await batch([first]);
    await clock.sleep(5_000);
    const report = await batch([repeat]);
    expect(report.failedRecordIds).toEqual([]);
    const top = slack.channelMessages();
    expect(top).toHaveLength(1);
    expect(top[0]?.updates).toBe(1);
    expect(top[0]?.text).toContain('×9');
    expect(slack.replies(top[0]?.ts ?? '')).toHaveLength(0);
  });

  it('leaves the message alone when an older repeat arrives after a newer one', async () => {
    await batch([repeat]);
    await clock.sleep(5_000);
    await batch([first]);
    const top = slack.channelMessages();
    expect(top).toHaveLength(1);
    expect(top[0]?.updates).toBe(0);
    expect(top[0]?.text).toContain('×9');
  });

  it('posts the same delivery once', async () => {
    await batch([first]);
    await batch([first]);
    expect(slack.channelMessages()).toHaveLength(1);
    expect(slack.channelMessages()[0]?.updates).toBe(0);
  });
});
