/**
 * notify with its deployed Slack wiring (the secret read from Secrets Manager, through
 * Powertools): when the bot token is rotated, the next invocation after the cached value
 * expires posts with the new token, in the same execution environment.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SECRET_MAX_AGE_SECONDS } from '../../src/aws/secrets.js';
import { parseConfig } from '../../src/core/config.js';
import { systemClock } from '../../src/delivery/clock.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { createNotifyHandler, defaultNotifyDeps } from '../../src/handlers/notify.js';
import { DynamoStore } from '../../src/state/dynamo-store.js';
import { alarmEvent, lambdaContext, sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { type SlackStandin, startStandin } from '../helpers/slack-standin.js';

const SECRET_ID = 'cloudbell/slack-notify-rotation';
const secretsManager = mockClient(SecretsManagerClient);
let slack: SlackStandin;
let table: LocalTable;

function stored(botToken: string): void {
  secretsManager
    .on(GetSecretValueCommand, { SecretId: SECRET_ID })
    .resolves({ SecretString: JSON.stringify({ botToken, signingSecret: 'unused-here' }) });
}

beforeEach(() => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('CLOUDBELL_SECRET_ID', SECRET_ID);
  vi.stubEnv('SLACK_BOT_TOKEN', '');
});
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await Promise.all([slack?.close(), table?.close()]);
});
afterAll(() => secretsManager.restore());

describe('notify: a rotated bot token', () => {
  it('is used once the cached secret expires, without a new execution environment', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // The stand-in accepts only the token it is told is current.
    const accepted = { token: 'xoxb-before-rotation' };
    slack = await startStandin(accepted);
    table = await startLocalTable();
    vi.stubEnv('SLACK_API_URL', slack.url);
    stored('xoxb-before-rotation');
    const store = new DynamoStore({ client: table.client, tableName: table.tableName, dedupeTtlHours: 24 });
    const notify = createNotifyHandler({
      ...defaultNotifyDeps(),
      actions: () => undefined,
      config: () => parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'test'),
      store: (_config, guard) => store.withGuard(guard),
      clock: systemClock,
      pacer: new ChannelPacer(systemClock),
      logger: new Logger({ serviceName: 'cloudbell-notify', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'cloudbell', serviceName: 'notify' }),
      handOff: undefined,
    });
    const alarm = (name: string) =>
      sqsEvent([sqsRecord(alarmEvent({ name, state: 'ALARM', at: Date.now() }))]);

    expect(await notify(alarm('checkout-api-errors'), lambdaContext(Date.now))).toEqual({
      batchItemFailures: [],
    });

    // Rotated: Slack now accepts only the new token, and the store holds it.
    accepted.token = 'xoxb-after-rotation';
    stored('xoxb-after-rotation');
    vi.setSystemTime(Date.now() + (SECRET_MAX_AGE_SECONDS + 1) * 1000);
    expect(await notify(alarm('orders-latency'), lambdaContext(Date.now))).toEqual({ batchItemFailures: [] });

    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => [c.status, c.error])).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
