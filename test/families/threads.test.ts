import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, parseConfig } from '../../src/core/config.js';
import { processInput } from '../../src/pipeline.js';
import type { DynamoStore } from '../../src/state/dynamo-store.js';
import { sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { type DeliveryRig, startDeliveryRig } from '../helpers/delivery-rig.js';
import { familyFixture } from '../helpers/fixtures.js';
import type { SimClock } from '../helpers/sim-clock.js';
import type { SlackStandin } from '../helpers/slack-standin.js';

let rig: DeliveryRig;
let clock: SimClock;
let slack: SlackStandin;
let store: DynamoStore;
const config: Config = parseConfig({ slack: { defaultChannel: '#sec' } }, 'test');

beforeEach(async () => {
  rig = await startDeliveryRig();
  ({ clock, slack, store } = rig);
});
afterEach(() => rig.close());

/** One notify invocation over these events, each its own SQS record. */
function batch(events: unknown[]) {
  const outcomes = processInput(sqsEvent(events.map((e) => sqsRecord(e))), {
    config,
    now: new Date(clock.now()),
  });
  return rig.deliver(outcomes, config);
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

  it('posts the repeat as a new message when the first one is gone, and keeps editing that one', async () => {
    await batch([first]);
    const record = await store.getThread(
      'finding:arn:aws:guardduty:us-east-1:111122223333:detector/d4b040365221be2b54a6264dcexample/finding/1ab92989eaf0e742df4a014d5example',
      '#sec',
    );
    if (!record) throw new Error('the first post recorded no thread');
    await store.putThread({ ...record, ts: '1.000001' }, clock.now());
    await clock.sleep(5_000);
    const report = await batch([repeat]);
    expect(report.failedRecordIds).toEqual([]);
    const top = slack.channelMessages();
    expect(top.map((m) => m.text.includes('×9'))).toEqual([false, true]);
  });

  it('posts the same delivery once', async () => {
    await batch([first]);
    await batch([first]);
    expect(slack.channelMessages()).toHaveLength(1);
    expect(slack.channelMessages()[0]?.updates).toBe(0);
  });
});

describe('AWS Health threads', () => {
  const open = familyFixture('health', 'lifecycle-1-open');
  const update = familyFixture('health', 'lifecycle-2-update');
  const closed = familyFixture('health', 'lifecycle-3-closed');

  it('threads updates of one event under its first message and closes it', async () => {
    await batch([open]);
    await clock.sleep(2_000);
    await batch([update]);
    await clock.sleep(2_000);
    const report = await batch([closed]);
    expect(report.failedRecordIds).toEqual([]);
    const top = slack.channelMessages();
    expect(top).toHaveLength(1);
    const replies = slack.replies(top[0]?.ts ?? '');
    expect(replies.map((r) => r.text)).toEqual([
      expect.stringContaining('(open)'),
      expect.stringContaining('Closed:'),
    ]);
    expect(top[0]?.text).toMatch(/^✅ now closed ·/);
    expect(JSON.stringify(top[0]?.blocks)).toContain('✅ *closed* since 17:30 UTC · was open for');
    expect(JSON.stringify(top[0]?.attachments)).toContain('#2EB67D');
  });

  it('puts an update and the close in order when one batch holds them reversed', async () => {
    await batch([open]);
    await clock.sleep(2_000);
    await batch([closed, update]);
    const top = slack.channelMessages();
    expect(top).toHaveLength(1);
    expect(slack.replies(top[0]?.ts ?? '').map((r) => r.text.includes('Closed:'))).toEqual([false, true]);
  });
});

describe('Config compliance threads', () => {
  const bad = familyFixture('config', 'cloudtrail-enabled-non-compliant');
  const good = familyFixture('config', 'cloudtrail-enabled-compliant');

  it('replies COMPLIANT under the NON_COMPLIANT it ends, like an alarm OK', async () => {
    await batch([bad]);
    await clock.sleep(2_000);
    await batch([good]);
    const top = slack.channelMessages();
    expect(top).toHaveLength(1);
    expect(top[0]?.text).toContain('NON_COMPLIANT');
    expect(slack.replies(top[0]?.ts ?? '').map((r) => r.text)).toEqual([
      expect.stringContaining('COMPLIANT: cloudtrail-enabled'),
    ]);
    expect(top[0]?.text).toMatch(/^✅ now COMPLIANT ·/);
  });
});
