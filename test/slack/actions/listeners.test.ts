/**
 * The buttons through the real `slack` handler and Bolt app: signed block_actions payloads
 * built like Slack's, the action table on dynalite, Slack's API and response_url recorded by
 * nock. Each action: happy path, refusal, double click, Slack retry, concurrent clicks.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, ListDeadLetterSourceQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeRef, refFor } from '../../../src/actions/ref.js';
import type { Alert } from '../../../src/alerts/alert.js';
import { parseConfig } from '../../../src/core/config.js';
import type { SlackHandlerDeps } from '../../../src/handlers/slack.js';
import { ActionId } from '../../../src/slack/action-blocks.js';
import type { Block, SlackMessage } from '../../../src/slack/message.js';
import { renderAlert } from '../../../src/slack/render.js';
import { ActionStore } from '../../../src/state/action-store.js';
import { sampleAlert } from '../../helpers/alerts.js';
import { deployedSlack, testConfig } from '../../helpers/deployed-handlers.js';
import { type LocalTable, startLocalTable } from '../../helpers/dynalite.js';
import {
  ADMIN,
  ALICE,
  BOB,
  blockActionPayload,
  MALLORY,
  nextActionTs,
  postedMessage,
  signedInteraction,
  viewSubmissionPayload,
} from '../../helpers/slack-actions.js';
import { SlackRecorder } from '../../helpers/slack-recorder.js';
import { TEST_SIGNING_SECRET } from '../../helpers/slack-request.js';

/** The config the next request runs with (each test may set its own). */
const current = testConfig();

/** The handler as deployed, built from the environment the test set up, with the test's config. */
const slackHandler = (deps: Partial<SlackHandlerDeps> = {}) => deployedSlack(current.get, deps);

/** Built again whenever a test changes the environment the defaults read. */
let handler = slackHandler();

const env = { ...process.env };
const lambda = mockClient(LambdaClient);
const sqs = mockClient(SQSClient);
const context = { functionName: 'cloudbell-slack', awsRequestId: 'test' } as Context;
const slack = new SlackRecorder();
let table: LocalTable;
let store: ActionStore;
let parents = 0;

const ALARM_ARN = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors';

function config(extra: Record<string, unknown> = {}) {
  return parseConfig(
    {
      slack: { defaultChannel: '#aws-alerts' },
      access: { teams: ['T0123ABCD'], users: [ALICE.id, BOB.id], admins: [ADMIN.id] },
      ...extra,
    },
    'test',
  );
}

/** A fresh alarm parent message (its own ts, so tests never share a thread). */
function parent(severity: 'high' | 'critical' = 'high', overrides: Partial<Alert> = {}) {
  parents += 1;
  const alert = sampleAlert({
    severity,
    thread: { key: ALARM_ARN, state: 'ALARM', previousState: 'OK', since: '2026-11-26T14:02:00Z' },
    ...overrides,
  });
  const message: SlackMessage = renderAlert(alert, { channel: '#aws-alerts' });
  const ref = refFor(alert);
  if (!ref) throw new Error('an ALARM takes actions');
  return {
    message: postedMessage(message, `1764151320.${String(100000 + parents)}`),
    value: encodeRef(ref),
    thread: { channelId: 'C0ALERTS1', ts: `1764151320.${String(100000 + parents)}` },
  };
}

async function call(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
}

const ack = (p: ReturnType<typeof parent>, user = ALICE, actionTs = nextActionTs()) =>
  blockActionPayload({ user, message: p.message, actionId: ActionId.ack, value: p.value, actionTs });

function allBlocks(update: Record<string, unknown>): Block[] {
  const attachments = (update.attachments ?? []) as Array<{ blocks: Block[] }>;
  return [...((update.blocks ?? []) as Block[]), ...attachments.flatMap((a) => a.blocks)];
}

function statusText(update: Record<string, unknown> | undefined): string {
  const status = allBlocks(update ?? {}).find((b) => b.block_id === 'cloudbell-ack-status');
  return status?.type === 'context' ? status.elements.map((e) => e.text).join(' | ') : '';
}

function actionIds(update: Record<string, unknown> | undefined): string[] {
  return allBlocks(update ?? {}).flatMap((b) =>
    b.type === 'actions' && (b.block_id ?? '').startsWith('cloudbell-actions')
      ? b.elements.map((e) => e.action_id ?? '')
      : [],
  );
}

beforeAll(async () => {
  table = await startLocalTable();
  process.env.SLACK_SIGNING_SECRET = TEST_SIGNING_SECRET;
  process.env.SLACK_BOT_TOKEN = 'xoxb-test-token';
  process.env.AWS_REGION = 'eu-west-1';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.AWS_ENDPOINT_URL_DYNAMODB = table.endpoint;
  process.env.CLOUDBELL_TABLE = table.tableName;
  process.env.ERRORS_WORKER_FUNCTION = 'cloudbell-errors-worker';
  store = new ActionStore({ tableName: table.tableName });
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  slack.install();
  handler = slackHandler();
});

beforeEach(() => {
  slack.reset();
  current.set(config());
  lambda.reset();
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  sqs.reset();
  sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '37' } });
  sqs.on(ListDeadLetterSourceQueuesCommand).resolves({
    queueUrls: ['https://sqs.eu-west-1.amazonaws.com/210987654321/orders'],
  });
});

function invoked(): Array<Record<string, unknown>> {
  return lambda
    .commandCalls(InvokeCommand)
    .map((c) => JSON.parse(Buffer.from(c.args[0].input.Payload as Uint8Array).toString('utf8')));
}

afterAll(async () => {
  lambda.restore();
  sqs.restore();
  nock.cleanAll();
  nock.enableNetConnect();
  current.set(undefined);
  process.env = env;
  await table.close();
});

describe('Acknowledge', () => {
  it('records who and when, notes it in the thread and shows it on the parent with Un-acknowledge', async () => {
    const p = parent();
    const response = await call(signedInteraction(ack(p)));
    expect(response.statusCode).toBe(200);
    expect((await store.get(p.thread)).ack?.by).toBe(ALICE.id);
    const [noteArgs, ...more] = slack.of('chat.postMessage');
    expect(more).toEqual([]);
    expect(noteArgs).toMatchObject({ channel: 'C0ALERTS1', thread_ts: p.thread.ts });
    expect(String(noteArgs?.text)).toMatch(/^👀 <@U0ALICE12> acknowledged this at \d\d:\d\d UTC\.$/);
    const [update] = slack.of('chat.update');
    expect(update).toMatchObject({ channel: 'C0ALERTS1', ts: p.thread.ts });
    expect(statusText(update)).toMatch(/^👀 acknowledged by <@U0ALICE12> \d\d:\d\d UTC$/);
    expect(actionIds(update)).toEqual([ActionId.unack, ActionId.snooze]);
    // The header stays first and the facts stay in the attachment.
    expect(allBlocks(update ?? {})[0]?.type).toBe('header');
    expect(slack.responses).toEqual([]);
  });

  it('refuses privately, naming access.users, and records nothing', async () => {
    const p = parent();
    const response = await call(signedInteraction(ack(p, MALLORY)));
    expect(response.statusCode).toBe(200);
    expect(slack.privateTexts()).toHaveLength(1);
    expect(slack.privateTexts()[0]).toContain('`access.users`');
    expect(slack.responses[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(await store.get(p.thread)).toEqual({});
    expect(slack.calls).toEqual([]);
  });

  it('refuses another workspace, naming access.teams', async () => {
    const p = parent();
    const payload = blockActionPayload({
      user: ALICE,
      team: { id: 'T0OTHER99', domain: 'other' },
      message: p.message,
      actionId: ActionId.ack,
      value: p.value,
    });
    await call(signedInteraction(payload));
    expect(slack.privateTexts()[0]).toContain('`access.teams`');
    expect(await store.get(p.thread)).toEqual({});
  });

  it('a double click: the second press is told privately that you already have it', async () => {
    const p = parent();
    await call(signedInteraction(ack(p)));
    await call(signedInteraction(ack(p)));
    expect(slack.notes()).toHaveLength(1);
    expect(slack.privateTexts()).toEqual([expect.stringMatching(/^👀 You already acknowledged this at/)]);
  });

  it("Slack's retry of the same press (X-Slack-Retry-Num) does nothing more", async () => {
    const p = parent();
    const payload = ack(p, ALICE, nextActionTs());
    await call(signedInteraction(payload));
    const retried = await call(signedInteraction(payload, { retryNum: 1 }));
    expect(retried.statusCode).toBe(200);
    expect(slack.notes()).toHaveLength(1);
    expect(slack.of('chat.update')).toHaveLength(1);
    expect(slack.responses).toEqual([]);
  });

  it('two people at once: one acknowledgement, the other is told who has it', async () => {
    const p = parent();
    await Promise.all([call(signedInteraction(ack(p, ALICE))), call(signedInteraction(ack(p, BOB)))]);
    const winner = (await store.get(p.thread)).ack?.by;
    expect([ALICE.id, BOB.id]).toContain(winner);
    expect(slack.notes()).toHaveLength(1);
    expect(slack.notes()[0]).toContain(`<@${winner}>`);
    expect(slack.privateTexts()).toEqual([expect.stringContaining(`<@${winner}> already acknowledged this`)]);
  });

  it("hands the thread note to the worker when Slack's rate limit refuses it in the window", async () => {
    const p = parent();
    slack.rateLimitPosts = 1;
    const response = await call(signedInteraction(ack(p)));
    expect(response.statusCode).toBe(200);
    expect(slack.of('chat.postMessage:429')).toHaveLength(1);
    expect(invoked()).toEqual([
      expect.objectContaining({
        kind: 'thread-note',
        thread: p.thread,
        text: expect.stringMatching(/^👀 <@U0ALICE12> acknowledged this at/),
      }),
    ]);
    expect(statusText(slack.of('chat.update')[0])).toMatch(/^👀 acknowledged by <@U0ALICE12>/);
  });

  it('rejects a forged or stale press before any work (401)', async () => {
    const p = parent();
    const forged = await call(signedInteraction(ack(p), { signingSecret: 'not-the-secret' }));
    const stale = await call(signedInteraction(ack(p), { timestamp: Math.floor(Date.now() / 1000) - 360 }));
    expect([forged.statusCode, stale.statusCode]).toEqual([401, 401]);
    expect(await store.get(p.thread)).toEqual({});
    expect(slack.calls).toEqual([]);
  });
});

describe('Un-acknowledge', () => {
  const unack = (p: ReturnType<typeof parent>, user = ALICE, actionTs = nextActionTs()) =>
    blockActionPayload({ user, message: p.message, actionId: ActionId.unack, value: p.value, actionTs });

  it('withdraws your own acknowledgement, notes it and restores the Acknowledge button', async () => {
    const p = parent();
    await call(signedInteraction(ack(p)));
    slack.reset();
    await call(signedInteraction(unack(p)));
    expect(await store.get(p.thread)).toEqual({});
    expect(slack.notes()).toEqual([expect.stringMatching(/^↩️ <@U0ALICE12> withdrew the acknowledgement at/)]);
    const [update] = slack.of('chat.update');
    expect(statusText(update)).toBe('');
    expect(actionIds(update)).toEqual([ActionId.ack, ActionId.snooze]);
  });

  it("refuses to withdraw someone else's, naming access.admins; an admin may", async () => {
    const p = parent();
    current.set(config({ access: { teams: ['T0123ABCD'], admins: [ADMIN.id] } }));
    await call(signedInteraction(ack(p, ALICE)));
    slack.reset();
    await call(signedInteraction(unack(p, BOB)));
    expect(slack.privateTexts()[0]).toContain('`access.admins`');
    expect((await store.get(p.thread)).ack?.by).toBe(ALICE.id);
    await call(signedInteraction(unack(p, ADMIN)));
    expect(await store.get(p.thread)).toEqual({});
    expect(slack.notes()).toEqual([expect.stringContaining('withdrew the acknowledgement by <@U0ALICE12>')]);
  });

  it('two people withdrawing at once (the acknowledger and an admin): one withdrawal, one note', async () => {
    const p = parent();
    await call(signedInteraction(ack(p, ALICE)));
    slack.reset();
    await Promise.all([call(signedInteraction(unack(p, ALICE))), call(signedInteraction(unack(p, ADMIN)))]);
    expect(await store.get(p.thread)).toEqual({});
    expect(slack.notes()).toHaveLength(1);
    expect(slack.privateTexts()).toHaveLength(1);
  });

  it('a double click and a retry withdraw once', async () => {
    const p = parent();
    await call(signedInteraction(ack(p)));
    slack.reset();
    const first = unack(p);
    await call(signedInteraction(first));
    await call(signedInteraction(first, { retryNum: 1 }));
    await call(signedInteraction(unack(p)));
    expect(slack.notes()).toHaveLength(1);
    expect(slack.privateTexts()).toEqual(['Nobody has acknowledged this (any more).']);
  });
});

describe('Snooze', () => {
  const snooze = (p: ReturnType<typeof parent>, choice: string, user = ALICE, actionTs = nextActionTs()) =>
    blockActionPayload({ user, message: p.message, actionId: ActionId.snooze, selected: choice, actionTs });
  const unsnooze = (p: ReturnType<typeof parent>, user = ALICE) =>
    blockActionPayload({ user, message: p.message, actionId: ActionId.unsnooze, value: 'unsnooze' });

  it('snoozes for 4 hours: stored with its end and a TTL, noted, and shown with an Unsnooze button', async () => {
    const p = parent();
    const before = Date.now();
    await call(signedInteraction(snooze(p, '4h')));
    const stored = (await store.get(p.thread)).snooze;
    expect(stored?.by).toBe(ALICE.id);
    expect(stored?.until).toBeGreaterThanOrEqual(before + 4 * 3_600_000);
    expect(stored?.until).toBeLessThanOrEqual(Date.now() + 4 * 3_600_000);
    const { Item } = await table.client.call('GetItem', {
      TableName: table.tableName,
      Key: { pk: { S: `act#C0ALERTS1#${p.thread.ts}` }, sk: { S: 'snooze' } },
    });
    expect(Number(Item?.expiresAt?.N)).toBeGreaterThan(Math.floor((stored?.until ?? 0) / 1000));
    expect(slack.notes()[0]).toMatch(
      /^🔕 <@U0ALICE12> snoozed this for 4 hours \(until (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC\)/,
    );
    const [update] = slack.of('chat.update');
    expect(statusText(update)).toMatch(/^🔕 snoozed by <@U0ALICE12> until (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC$/);
    expect(actionIds(update)).toEqual([ActionId.ack, ActionId.unsnooze]);
  });

  it('snoozes until OK', async () => {
    const p = parent();
    await call(signedInteraction(snooze(p, 'ok')));
    expect((await store.get(p.thread)).snooze?.until).toBeNull();
    expect(statusText(slack.of('chat.update')[0])).toBe('🔕 snoozed by <@U0ALICE12> until OK');
  });

  it('refuses a critical alert when actions.snoozeCritical is false, naming the setting', async () => {
    current.set(config({ actions: { snoozeCritical: false } }));
    const p = parent('critical');
    await call(signedInteraction(snooze(p, '1h')));
    expect(slack.privateTexts()[0]).toContain('`actions.snoozeCritical`');
    expect(await store.get(p.thread)).toEqual({});
    expect(slack.calls).toEqual([]);
  });

  it('refuses someone outside access.users', async () => {
    const p = parent();
    await call(signedInteraction(snooze(p, '1h', MALLORY)));
    expect(slack.privateTexts()[0]).toContain('`access.users`');
    expect(await store.get(p.thread)).toEqual({});
  });

  it('a double click and a retry snooze once; a concurrent snooze by someone else is told who snoozed', async () => {
    const p = parent();
    const first = snooze(p, '1h', ALICE);
    await Promise.all([call(signedInteraction(first)), call(signedInteraction(snooze(p, '24h', BOB)))]);
    await call(signedInteraction(first, { retryNum: 2 }));
    await call(signedInteraction(snooze(p, '1h', ALICE)));
    expect(slack.notes()).toHaveLength(1);
    const winner = (await store.get(p.thread)).snooze?.by;
    expect(slack.privateTexts()).toHaveLength(2);
    for (const text of slack.privateTexts())
      expect(text).toMatch(/already snoozed this until (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC\.$/);
    expect(slack.notes()[0]).toContain(`<@${winner}>`);
  });

  it('a double click, a retry and a concurrent Unsnooze lift the snooze once', async () => {
    const p = parent();
    await call(signedInteraction(snooze(p, '1h', ALICE)));
    slack.reset();
    const first = unsnooze(p, ALICE);
    await Promise.all([call(signedInteraction(first)), call(signedInteraction(unsnooze(p, ADMIN)))]);
    await call(signedInteraction(first, { retryNum: 1 }));
    await call(signedInteraction(unsnooze(p, ALICE)));
    expect((await store.get(p.thread)).snooze).toBeUndefined();
    expect(slack.notes()).toHaveLength(1);
    expect(slack.privateTexts()).toHaveLength(2);
  });

  it("lifting someone else's snooze takes an admin", async () => {
    const p = parent();
    await call(signedInteraction(snooze(p, '1h', ALICE)));
    slack.reset();
    await call(signedInteraction(unsnooze(p, BOB)));
    expect(slack.privateTexts()[0]).toContain('`access.admins`');
    expect((await store.get(p.thread)).snooze?.by).toBe(ALICE.id);
    await call(signedInteraction(unsnooze(p, ADMIN)));
    expect((await store.get(p.thread)).snooze).toBeUndefined();
    expect(slack.notes()).toEqual([expect.stringContaining('lifted the snooze set by <@U0ALICE12>')]);
    expect(actionIds(slack.of('chat.update')[0])).toEqual([ActionId.ack, ActionId.snooze]);
  });

  it('keeps both statuses on the parent when acknowledged and snoozed', async () => {
    const p = parent();
    await call(signedInteraction(ack(p, ALICE)));
    await call(signedInteraction(snooze(p, 'ok', BOB)));
    const updates = slack.of('chat.update');
    expect(statusText(updates.at(-1))).toMatch(
      /^👀 acknowledged by <@U0ALICE12> \d\d:\d\d UTC \| 🔕 snoozed by <@U0BOB1234> until OK$/,
    );
  });
});

describe('link buttons', () => {
  it('are acknowledged at once and do nothing (interactivity posts them too)', async () => {
    const p = parent();
    const response = await call(
      signedInteraction(blockActionPayload({ message: p.message, actionId: 'link-0', value: undefined })),
    );
    expect(response.statusCode).toBe(200);
    expect(slack.calls).toEqual([]);
    expect(slack.responses).toEqual([]);
    expect(await store.get(p.thread)).toEqual({});
  });
});

describe('Show errors', () => {
  const errorsParent = () => parent('high', { subject: { lambdaFunctions: ['checkout-api'] } });
  const press = (p: ReturnType<typeof parent>, user = ALICE, actionTs = nextActionTs()) =>
    blockActionPayload({ user, message: p.message, actionId: ActionId.errors, value: 'errors', actionTs });

  it('is offered only on alarms about a Lambda function', () => {
    expect(actionIds(errorsParent().message)).toContain(ActionId.errors);
    expect(actionIds(parent().message)).not.toContain(ActionId.errors);
  });

  it("hands the function's errors over the alarm window to the worker and notes it in the thread", async () => {
    const p = errorsParent();
    const response = await call(signedInteraction(press(p)));
    expect(response.statusCode).toBe(200);
    const [job, ...more] = invoked();
    expect(more).toEqual([]);
    expect(job).toMatchObject({
      kind: 'thread-errors',
      functionName: 'checkout-api',
      region: 'eu-west-1',
      thread: p.thread,
      userId: ALICE.id,
    });
    // From 15 minutes before the ALARM (2026-11-26T14:02Z) until now.
    expect(job?.sinceSeconds).toBeGreaterThanOrEqual(
      Math.min(7 * 86_400, Math.round((Date.now() - Date.parse('2026-11-26T14:02:00Z')) / 1000) + 900 - 5),
    );
    expect(lambda.commandCalls(InvokeCommand)[0]?.args[0].input).toMatchObject({
      FunctionName: 'cloudbell-errors-worker',
      InvocationType: 'Event',
    });
    expect(slack.notes()).toEqual([
      expect.stringMatching(/^🔎 <@U0ALICE12> asked for the errors of `checkout-api`/),
    ]);
  });

  it('refuses someone outside access.users and starts nothing', async () => {
    await call(signedInteraction(press(errorsParent(), MALLORY)));
    expect(slack.privateTexts()[0]).toContain('`access.users`');
    expect(invoked()).toEqual([]);
  });

  it('a double click, a retry and a concurrent click by someone else run one query', async () => {
    const p = errorsParent();
    const first = press(p, ALICE);
    await Promise.all([call(signedInteraction(first)), call(signedInteraction(press(p, BOB)))]);
    await call(signedInteraction(first, { retryNum: 1 }));
    await call(signedInteraction(press(p, ALICE)));
    expect(invoked()).toHaveLength(1);
    expect(slack.notes()).toHaveLength(1);
    expect(slack.privateTexts()).toEqual([
      expect.stringContaining('already running'),
      expect.stringContaining('already running'),
    ]);
  });

  it('says so privately when the worker cannot be started', async () => {
    lambda.on(InvokeCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await call(signedInteraction(press(errorsParent())));
    expect(slack.privateTexts()[0]).toContain('Could not start the errors query');
    expect(slack.notes()).toEqual([]);
  });

  it("logs the refusal through the slack function's one Logger", async () => {
    const logger = new Logger({ serviceName: 'cloudbell-slack', logLevel: 'SILENT' });
    const error = vi.spyOn(logger, 'error');
    const logged = slackHandler({ logger });
    lambda.on(InvokeCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await logged(signedInteraction(press(errorsParent())), context);
    expect(error).toHaveBeenCalledWith('cannot hand the job to the worker', {
      kind: 'thread-errors',
      error: 'cannot invoke cloudbell-errors-worker: AccessDeniedException',
    });
  });
});

describe('Redrive', () => {
  const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:210987654321:orders-dlq';
  const dlqParent = () =>
    parent('high', {
      family: 'dlq',
      subject: { queue: 'orders-dlq' },
      thread: {
        key: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-dlq-depth',
        state: 'ALARM',
        since: '2026-11-26T14:02:00Z',
      },
    });
  const press = (p: ReturnType<typeof parent>, user = ADMIN, actionTs = nextActionTs()) =>
    blockActionPayload({ user, message: p.message, actionId: ActionId.redrive, value: 'redrive', actionTs });
  const submit = (p: ReturnType<typeof parent>, user = ADMIN) =>
    viewSubmissionPayload({
      user,
      callbackId: 'cloudbell_redrive',
      privateMetadata: JSON.stringify({ q: QUEUE_ARN, c: p.thread.channelId, t: p.thread.ts }),
    });

  it('is offered on DLQ alarms only', () => {
    expect(actionIds(dlqParent().message)).toContain(ActionId.redrive);
    expect(actionIds(parent().message)).not.toContain(ActionId.redrive);
  });

  it('opens a confirmation with the queue, its depth and its source queue for an admin', async () => {
    await call(signedInteraction(press(dlqParent())));
    const [open, ...more] = slack.of('views.open');
    expect(more).toEqual([]);
    expect(open?.trigger_id).toBe('13345224609.738474920.8088930838d88f008e0');
    const view = open?.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(view.callback_id).toBe('cloudbell_redrive');
    expect(JSON.parse(view.private_metadata)).toMatchObject({ q: QUEUE_ARN });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('`orders-dlq` · account 210987654321 · eu-west-1');
    expect(text).toContain('*Messages waiting*\\n37');
    expect(text).toContain('`orders`');
    expect(sqs.commandCalls(GetQueueAttributesCommand)[0]?.args[0].input.QueueUrl).toBe(
      'https://sqs.eu-west-1.amazonaws.com/210987654321/orders-dlq',
    );
    expect(invoked()).toEqual([]);
  });

  it('refuses anyone but access.admins, privately, without opening anything', async () => {
    await call(signedInteraction(press(dlqParent(), ALICE)));
    expect(slack.privateTexts()[0]).toContain('`access.admins`');
    expect(slack.of('views.open')).toEqual([]);
  });

  it('a retry of the press opens one confirmation', async () => {
    const payload = press(dlqParent());
    await call(signedInteraction(payload));
    await call(signedInteraction(payload, { retryNum: 1 }));
    expect(slack.of('views.open')).toHaveLength(1);
  });

  it('the confirmation closes, hands the redrive to the worker and notes it in the thread', async () => {
    const p = dlqParent();
    const response = await call(signedInteraction(submit(p)));
    expect(response.statusCode).toBe(200);
    expect(response.body ?? '').toBe('');
    expect(invoked()).toEqual([
      expect.objectContaining({ kind: 'redrive', queueArn: QUEUE_ARN, thread: p.thread, userId: ADMIN.id }),
    ]);
    expect(slack.notes()).toEqual([
      expect.stringMatching(/^🔁 <@U0ADMIN99> confirmed a redrive of orders-dlq/),
    ]);
  });

  it('a submission by a non-admin is refused in the modal, naming access.admins', async () => {
    const response = await call(signedInteraction(submit(dlqParent(), BOB)));
    const body = JSON.parse(response.body ?? '{}');
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view)).toContain('`access.admins`');
    expect(invoked()).toEqual([]);
  });

  it('double and concurrent submissions start one redrive', async () => {
    const p = dlqParent();
    const answers = await Promise.all([
      call(signedInteraction(submit(p))),
      call(signedInteraction(submit(p))),
    ]);
    await call(signedInteraction(submit(p), { retryNum: 1 }));
    expect(invoked()).toHaveLength(1);
    expect(answers.map((a) => (a.body ? JSON.parse(a.body).response_action : 'closed')).sort()).toEqual([
      'closed',
      'update',
    ]);
  });

  it('rejects a forged submission (401)', async () => {
    const response = await call(signedInteraction(submit(dlqParent()), { signingSecret: 'nope' }));
    expect(response.statusCode).toBe(401);
    expect(invoked()).toEqual([]);
  });
});

describe('Mute this rule', () => {
  let principals = 0;
  let PRINCIPAL = '';
  let rule = { catalogueId: 'iam-policy-change', principal: '' };
  beforeEach(() => {
    principals += 1;
    PRINCIPAL = `arn:aws:sts::210987654321:assumed-role/deployer${principals}/<!channel>`;
    rule = { catalogueId: 'iam-policy-change', principal: PRINCIPAL };
  });
  const securityParent = () =>
    parent('high', {
      family: 'security',
      state: undefined,
      thread: undefined,
      dedupeKey: `eb:${Math.random()}`,
      route: { catalogueId: 'iam-policy-change', principalArn: PRINCIPAL },
    });
  const press = (p: ReturnType<typeof parent>, user = ALICE, actionTs = nextActionTs()) =>
    blockActionPayload({ user, message: p.message, actionId: ActionId.mute, value: 'mute', actionTs });

  it('is offered on security events, with a snooze menu that has no "until OK"', () => {
    const ids = actionIds(securityParent().message);
    expect(ids).toEqual([ActionId.ack, ActionId.snooze, ActionId.mute]);
    expect(JSON.stringify(securityParent().message)).not.toContain('"value":"ok"');
  });

  it('mutes the rule for the principal for actions.muteDays, noted (escaped) with an Unmute button', async () => {
    current.set(config({ actions: { muteDays: 3 } }));
    const p = securityParent();
    const before = Date.now();
    await call(signedInteraction(press(p)));
    const mute = (await store.ruleStatus(rule, Date.now())).mute;
    expect(mute?.by).toBe(ALICE.id);
    expect(mute?.until).toBeGreaterThanOrEqual(before + 3 * 86_400_000);
    const [posted] = slack.of('chat.postMessage');
    expect(posted).toMatchObject({ channel: 'C0ALERTS1', thread_ts: p.thread.ts });
    expect(String(posted?.text)).toContain(
      `muted iam-policy-change for arn:aws:sts::210987654321:assumed-role/deployer${principals}/&lt;!channel&gt; for 3 days`,
    );
    expect(JSON.stringify(posted)).not.toContain('<!channel>');
    expect(JSON.stringify(posted?.blocks)).toContain(ActionId.unmute);
  });

  it('a double click, a retry and a concurrent mute mute once', async () => {
    const p = securityParent();
    const first = press(p, ALICE);
    await Promise.all([call(signedInteraction(first)), call(signedInteraction(press(p, BOB)))]);
    await call(signedInteraction(first, { retryNum: 1 }));
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    expect(slack.privateTexts()).toEqual([expect.stringMatching(/already muted iam-policy-change/)]);
  });

  it('refuses someone outside access.users', async () => {
    await call(signedInteraction(press(securityParent(), MALLORY)));
    expect(slack.privateTexts()[0]).toContain('`access.users`');
    expect((await store.ruleStatus(rule, Date.now())).mute).toBeUndefined();
  });

  it('Unmute from the thread note: the muter or an admin, not someone else', async () => {
    const p = securityParent();
    await call(signedInteraction(press(p, ALICE)));
    const note = slack.of('chat.postMessage')[0] as { blocks: Block[] };
    const unmuteValue = note.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))[0];
    const reply = postedMessage(
      { channel: 'C0ALERTS1', text: 'note', blocks: note.blocks },
      '1764151999.000500',
    );
    const unmute = (user: typeof ALICE) => {
      const payload = blockActionPayload({
        user,
        message: { ...reply, thread_ts: p.thread.ts },
        actionId: ActionId.unmute,
        value: unmuteValue?.type === 'button' ? unmuteValue.value : '',
      });
      (payload.container as Record<string, unknown>).thread_ts = p.thread.ts;
      return payload;
    };
    slack.reset();
    await call(signedInteraction(unmute(BOB)));
    expect(slack.privateTexts()[0]).toContain('`access.admins`');
    expect((await store.ruleStatus(rule, Date.now())).mute).toBeDefined();
    await call(signedInteraction(unmute(ADMIN)));
    expect((await store.ruleStatus(rule, Date.now())).mute).toBeUndefined();
    expect(slack.notes().at(-1)).toContain('🔔 <@U0ADMIN99> unmuted iam-policy-change');
    expect(slack.of('chat.postMessage').at(-1)).toMatchObject({ thread_ts: p.thread.ts });
  });

  it('snoozing a security event also snoozes its rule for the principal, into this thread', async () => {
    const p = securityParent();
    await call(
      signedInteraction(
        blockActionPayload({ message: p.message, actionId: ActionId.snooze, selected: '4h' }),
      ),
    );
    const snooze = (await store.ruleStatus(rule, Date.now())).snooze;
    expect(snooze?.thread).toEqual(p.thread);
    await call(
      signedInteraction(
        blockActionPayload({ message: p.message, actionId: ActionId.unsnooze, value: 'unsnooze' }),
      ),
    );
    expect((await store.ruleStatus(rule, Date.now())).snooze).toBeUndefined();
  });
});
