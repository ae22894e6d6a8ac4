/**
 * The worker's escalation job end to end: the real errors-worker handler invoked with the
 * schedule's constant input, the table on dynalite, Slack's API recorded by nock.
 */
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadActionsPort } from '../../src/actions/thread-port.js';
import { parseConfig } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { defaultWorkerDeps } from '../../src/handlers/worker-deps.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { actionStoreOn } from '../helpers/action-store.js';
import { deployedWorker, testConfig } from '../helpers/deployed-handlers.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { SlackRecorder } from '../helpers/slack-recorder.js';

/** The config the next invocation runs with (each test may set its own). */
const current = testConfig();

/** The worker as deployed, built from the environment each test sets up, with the test's config. */
const handler = deployedWorker(current.get);

const env = { ...process.env };
let table: LocalTable;
const slack = new SlackRecorder();

beforeAll(async () => {
  table = await startLocalTable();
  Object.assign(process.env, {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    CLOUDBELL_TABLE: table.tableName,
  });
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  slack.install();
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  current.set(undefined);
  process.env = env;
  await table.close();
});

describe('errors-worker — escalation sweep', () => {
  it('posts a due reminder in the thread once, whatever the number of invocations', async () => {
    const config = parseConfig(
      {
        slack: { defaultChannel: '#aws-alerts' },
        escalation: { steps: [{ after: '10m', mention: ['S0ONCALL1'] }] },
      },
      'test',
    );
    current.set(config);
    const openedAt = new Date(Date.now() - 11 * 60_000).toISOString();
    const record = {
      threadKey: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-dlq-depth',
      channel: '#aws-alerts',
      channelId: 'C0ALERTS1',
      ts: '1764151320.000900',
      state: 'ALARM' as const,
      since: openedAt,
      openedAt,
      kind: 'alert' as const,
    };
    await new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 }).putThread(
      record,
      Date.now(),
    );
    await threadActionsPort(actionStoreOn(table), config.escalation).opened(record, 'ALARM orders-dlq-depth');
    await Promise.all([handler({ kind: 'escalation-sweep' }), handler({ kind: 'escalation-sweep' })]);
    await handler({ kind: 'escalation-sweep' });
    expect(slack.of('chat.postMessage')).toEqual([
      expect.objectContaining({
        channel: 'C0ALERTS1',
        thread_ts: '1764151320.000900',
        text: expect.stringMatching(/^⏰ <!subteam\^S0ONCALL1> Still not acknowledged after 11 min/),
      }),
    ]);
  });
});

describe("errors-worker — the sweep's table", () => {
  it('is built once per execution environment and kept in the deps (no module-level cache)', () => {
    const env = { CLOUDBELL_TABLE: table.tableName, AWS_REGION: 'eu-west-1' };
    const deps = defaultWorkerDeps(env);
    expect(deps.actionStore()).toBe(deps.actionStore());
    expect(defaultWorkerDeps(env).actionStore()).not.toBe(deps.actionStore());
  });

  it('names the missing table when CLOUDBELL_TABLE is not set', () => {
    expect(() => defaultWorkerDeps({}).actionStore()).toThrow(ConfigError);
    expect(() => defaultWorkerDeps({}).actionStore()).toThrow(/escalation sweep needs the state table/);
  });
});
