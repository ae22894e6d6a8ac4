/**
 * The buttons through the real `slack` handler and Bolt app: signed block_actions payloads
 * built like Slack's, the action table on dynalite, Slack's API and response_url recorded by
 * nock. Each action: happy path, refusal, double click, Slack retry, concurrent clicks.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef, refFor } from '../../../src/actions/ref.js';
import { parseConfig } from '../../../src/config.js';
import { setLambdaConfig } from '../../../src/handlers/config.js';
import { handler, resetSlackHandler } from '../../../src/handlers/slack.js';
import { ActionId } from '../../../src/slack/action-blocks.js';
import type { Block, SlackMessage } from '../../../src/slack/message.js';
import { renderAlert } from '../../../src/slack/render.js';
import { ActionStore } from '../../../src/state/action-store.js';
import { sampleAlert } from '../../helpers/alerts.js';
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
} from '../../helpers/slack-actions.js';
import { SlackRecorder } from '../../helpers/slack-recorder.js';
import { TEST_SIGNING_SECRET } from '../../helpers/slack-request.js';

const env = { ...process.env };
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
function parent(severity: 'high' | 'critical' = 'high') {
  parents += 1;
  const alert = sampleAlert({
    severity,
    thread: { key: ALARM_ARN, state: 'ALARM', previousState: 'OK', since: '2026-11-26T14:02:00Z' },
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
      ? b.elements.map((e) => e.action_id)
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
  resetSlackHandler();
});

beforeEach(() => {
  slack.reset();
  setLambdaConfig(config());
});

afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  setLambdaConfig(undefined);
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
    setLambdaConfig(config({ access: { teams: ['T0123ABCD'], admins: [ADMIN.id] } }));
    await call(signedInteraction(ack(p, ALICE)));
    slack.reset();
    await call(signedInteraction(unack(p, BOB)));
    expect(slack.privateTexts()[0]).toContain('`access.admins`');
    expect((await store.get(p.thread)).ack?.by).toBe(ALICE.id);
    await call(signedInteraction(unack(p, ADMIN)));
    expect(await store.get(p.thread)).toEqual({});
    expect(slack.notes()).toEqual([expect.stringContaining('withdrew the acknowledgement by <@U0ALICE12>')]);
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
    setLambdaConfig(config({ actions: { snoozeCritical: false } }));
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
