/**
 * Delivery with the actions port (src/actions on the action store, both on dynalite): a
 * snoozed thread gets later changes without mentions or broadcast, the parent keeps its
 * acknowledgement line through notify's own updates, replies carry no buttons, and a new
 * ALARM thread queues its first escalation reminder.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threadActionsPort } from '../../src/actions/thread-port.js';
import { type Config, parseConfig } from '../../src/core/config.js';
import { ChannelPacer } from '../../src/delivery/pacer.js';
import { processInput } from '../../src/pipeline.js';
import type { ActionStore } from '../../src/state/action-store.js';
import { actionStoreOn } from '../helpers/action-store.js';
import { alarmEvent, sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { type DeliveryRig, startDeliveryRig } from '../helpers/delivery-rig.js';
import type { SimClock } from '../helpers/sim-clock.js';
import type { SlackStandin } from '../helpers/slack-standin.js';

let rig: DeliveryRig;
let clock: SimClock;
let slack: SlackStandin;
let actions: ActionStore;

const config: Config = parseConfig(
  {
    slack: { defaultChannel: '#aws-alerts', broadcastReplies: true },
    routes: [{ match: {}, channels: ['#aws-alerts'], mentions: ['S0ONCALL1'] }],
    escalation: {
      steps: [
        { after: '10m', mention: ['S0ONCALL1'] },
        { after: '30m', mention: ['S0LEADS12'] },
      ],
    },
  },
  'test',
);

beforeEach(async () => {
  rig = await startDeliveryRig();
  ({ clock, slack } = rig);
  actions = actionStoreOn(rig.table);
});
afterEach(() => rig.close());

async function change(state: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA', previous?: 'OK' | 'ALARM') {
  const event = alarmEvent({
    name: 'checkout-api-errors',
    state,
    ...(previous ? { previous } : {}),
    at: clock.now(),
  });
  const outcomes = processInput(sqsEvent([sqsRecord(event)]), { config, now: new Date(clock.now()) });
  const report = await rig.deliver(outcomes, config, {
    actions: threadActionsPort(actions, config.escalation),
    pacer: new ChannelPacer(clock),
  });
  expect(report.failedRecordIds).toEqual([]);
  await clock.sleep(60_000);
}

const json = (v: unknown) => JSON.stringify(v);

/** A genuine-shaped CloudTrail event from the fixtures (its `match` is the event). */
const keyCreated = JSON.parse(
  readFileSync('test/fixtures/cloudtrail/iam-access-key-created.json', 'utf8'),
).match;

/** Delivers one CloudTrail event (a fresh event id each time) and returns its alert. */
async function securityEvent(base: unknown = keyCreated) {
  const event = { ...(base as Record<string, unknown>), id: `evt-${Math.random().toString(16).slice(2)}` };
  const outcomes = processInput(sqsEvent([sqsRecord(event)]), { config, now: new Date(clock.now()) });
  const alert = outcomes[0]?.alert;
  if (!alert?.route.catalogueId || !alert.route.principalArn) throw new Error('not a security alert');
  const report = await rig.deliver(outcomes, config, {
    actions: threadActionsPort(actions, config.escalation),
    pacer: new ChannelPacer(clock),
  });
  expect(report.failedRecordIds).toEqual([]);
  await clock.sleep(60_000);
  return { catalogueId: alert.route.catalogueId, principal: alert.route.principalArn };
}

describe('delivery and the actions people took', () => {
  it('without a snooze, a later change in the thread mentions and broadcasts as configured, without buttons', async () => {
    await change('ALARM');
    const [parent] = slack.channelMessages();
    expect(json(parent?.attachments)).toContain('cloudbell_ack');
    await change('INSUFFICIENT_DATA', 'ALARM');
    const [reply] = slack.replies(parent?.ts ?? '');
    expect(reply?.text).toContain('<!subteam^S0ONCALL1>');
    expect(reply?.reply_broadcast).toBe(true);
    expect(json([reply?.blocks, reply?.attachments])).not.toContain('cloudbell_');
  });

  it('while snoozed, later changes go into the thread silently and the parent shows the snooze', async () => {
    await change('ALARM');
    const [parent] = slack.channelMessages();
    const thread = { channelId: parent?.channel ?? '', ts: parent?.ts ?? '' };
    await actions.snooze(thread, 'U0BOB1234', '4h', clock.now() + 4 * 3_600_000, clock.now());
    await change('INSUFFICIENT_DATA', 'ALARM');
    const [reply] = slack.replies(thread.ts);
    expect(reply?.text).not.toContain('subteam');
    expect(json(reply?.blocks)).not.toContain('subteam');
    expect(reply?.reply_broadcast).toBeUndefined();
    expect(json(parent?.blocks)).toContain('🔕 snoozed by <@U0BOB1234> until 14:01 UTC');
    expect(json(parent?.attachments)).toContain('cloudbell_unsnooze');
  });

  it('once the snooze ran out, changes notify again', async () => {
    await change('ALARM');
    const [parent] = slack.channelMessages();
    const thread = { channelId: parent?.channel ?? '', ts: parent?.ts ?? '' };
    await actions.snooze(thread, 'U0BOB1234', '1h', clock.now() + 3_600_000, clock.now());
    await clock.sleep(3_600_000);
    await change('INSUFFICIENT_DATA', 'ALARM');
    expect(slack.replies(thread.ts)[0]?.text).toContain('<!subteam^S0ONCALL1>');
  });

  it("keeps the acknowledgement line when notify updates the parent's state", async () => {
    await change('ALARM');
    const [parent] = slack.channelMessages();
    const thread = { channelId: parent?.channel ?? '', ts: parent?.ts ?? '' };
    await actions.acknowledge(thread, 'U0ALICE12', Date.parse('2026-11-26T10:01:30Z'));
    await change('OK', 'ALARM');
    expect(parent?.updates).toBe(1);
    expect(json(parent?.blocks)).toContain('✅ *OK* since');
    expect(json(parent?.blocks)).toContain('👀 acknowledged by <@U0ALICE12> 10:01 UTC');
    expect(json(parent?.attachments)).toContain('cloudbell_unack');
  });

  it('queues the first escalation reminder of a new ALARM thread, counted from the state change', async () => {
    const opened = clock.now();
    await change('ALARM');
    const [parent] = slack.channelMessages();
    const due = await actions.dueReminders(opened + 10 * 60_000);
    expect(due).toEqual([
      expect.objectContaining({
        thread: { channelId: parent?.channel, ts: parent?.ts },
        threadKey: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
        channel: '#aws-alerts',
        step: 0,
        dueAt: Math.floor(opened / 1000) * 1000 + 10 * 60_000,
      }),
    ]);
    expect(await actions.dueReminders(opened + 9 * 60_000)).toEqual([]);
  });

  it('a muted security rule is not posted for that principal until the mute ends', async () => {
    const rule = await securityEvent();
    expect(slack.channelMessages()).toHaveLength(1);
    await actions.muteRule(rule, 'U0ALICE12', clock.now() + 3_600_000, clock.now());
    await securityEvent();
    expect(slack.channelMessages()).toHaveLength(1);
    await clock.sleep(3_600_000);
    await securityEvent();
    expect(slack.channelMessages()).toHaveLength(2);
  });

  it("a snoozed security rule's later events go quietly into the snoozed event's thread", async () => {
    const rule = await securityEvent();
    const [first] = slack.channelMessages();
    expect(first?.text).toContain('<!subteam^S0ONCALL1>');
    const thread = { channelId: first?.channel ?? '', ts: first?.ts ?? '' };
    await actions.snoozeRule(rule, 'U0BOB1234', clock.now() + 4 * 3_600_000, thread, clock.now());
    await securityEvent();
    expect(slack.channelMessages()).toHaveLength(1);
    const [reply] = slack.replies(thread.ts);
    expect(reply?.text).not.toContain('subteam');
    expect(json([reply?.blocks, reply?.attachments])).not.toContain('cloudbell_');
  });

  it('a critical security finding queues its first reminder, flagged as a finding; a medium one none', async () => {
    await securityEvent();
    expect(await actions.dueReminders(clock.now() + 24 * 3_600_000)).toEqual([]);
    const rootSignIn = JSON.parse(
      readFileSync('test/fixtures/cloudtrail/root-console-sign-in.json', 'utf8'),
    ).match;
    await securityEvent(rootSignIn);
    const posted = slack.channelMessages()[1];
    const due = await actions.dueReminders(clock.now() + 24 * 3_600_000);
    expect(due).toEqual([
      expect.objectContaining({
        thread: { channelId: posted?.channel, ts: posted?.ts },
        step: 0,
        finding: true,
      }),
    ]);
  });
});
