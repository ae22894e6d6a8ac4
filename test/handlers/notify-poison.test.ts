/**
 * Poison records mixed into batches of good alerts, through the notify handler with the Slack
 * stand-in and a real DynamoDB API (dynalite): every good alert is posted, every poison record
 * gives one safe message, and no record goes back to the queue.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import type { SlackMessage } from '../../src/slack/message.js';
import { messageProblems } from '../../src/slack/validate.js';
import { alarmEvent, sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { startLocalTable } from '../helpers/dynalite.js';
import { localNotify } from '../helpers/local-notify.js';
import { poisonBatches, poisonBodies } from '../helpers/poison.js';
import { SimClock } from '../helpers/sim-clock.js';
import { type StoredMessage, startStandin } from '../helpers/slack-standin.js';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function harness(config: Record<string, unknown> = {}) {
  const clock = new SimClock();
  const slack = await startStandin({ clock });
  const table = await startLocalTable();
  open.push(slack, table);
  const parsed = parseConfig({ slack: { defaultChannel: '#aws-alerts' }, ...config }, 'test');
  const metrics = new Metrics({ namespace: 'cloudbell', serviceName: 'notify' });
  return {
    clock,
    slack,
    metrics,
    invoke: localNotify({ config: parsed, clock, slackUrl: slack.url, table, metrics }),
  };
}

/** The stored message as it was posted, for the limits check. */
const asPosted = (m: StoredMessage): SlackMessage =>
  ({
    channel: m.channel,
    text: m.text,
    blocks: m.blocks,
    ...(m.attachments ? { attachments: m.attachments } : {}),
  }) as SlackMessage;

const UNESCAPED = /<!channel>|<!here>|<@U0EVIL>/;

describe('notify handler: poison records', () => {
  it('posts every good alert and one safe message per poison record, failing none', async () => {
    // A threshold above the batch size: each record is its own message, so each can be checked.
    const h = await harness({ storm: { threshold: 50 } });
    const { batches, goodNames, poisonIds } = poisonBatches(h.clock.now());
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const batch of batches) {
      expect((await h.invoke(sqsEvent(batch))).batchItemFailures).toEqual([]);
    }
    const posted = h.slack.channelMessages('#aws-alerts');
    expect(posted).toHaveLength(goodNames.length + poisonIds.length);
    for (const name of goodNames) {
      const found = posted.filter((m) => m.text.includes(name));
      expect(found, name).toHaveLength(1);
      expect(found[0]?.text).toMatch(/ALARM/);
    }
    for (const message of posted) {
      expect(messageProblems(asPosted(message)), message.text).toEqual([]);
      expect(JSON.stringify([message.text, message.blocks, message.attachments])).not.toMatch(UNESCAPED);
    }
    const visible = h.slack.visibleText();
    // Poison records that look like known events still say what they claimed to be.
    expect(visible).toContain('CloudWatch Alarm State Change');
    expect(visible).toContain('ALARM: checkout-api-errors {not json');
  });

  it('keeps an alarm with a lone surrogate in its name as an alarm, threaded with its OK', async () => {
    const h = await harness();
    const name = 'checkout-\ud800-errors';
    const alarm = alarmEvent({ name, state: 'ALARM', at: h.clock.now() });
    const ok = alarmEvent({ name, state: 'OK', previous: 'ALARM', at: h.clock.now() + 60_000 });
    expect((await h.invoke(sqsEvent([sqsRecord(alarm)]))).batchItemFailures).toEqual([]);
    h.clock.advanceTo(h.clock.now() + 60_000);
    expect((await h.invoke(sqsEvent([sqsRecord(ok)]))).batchItemFailures).toEqual([]);
    const [parent, ...others] = h.slack.channelMessages('#aws-alerts');
    expect(others).toEqual([]);
    expect(parent?.text).toContain('ALARM checkout-\ufffd-errors');
    const replies = h.slack.replies(parent?.ts ?? '');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('OK checkout-\ufffd-errors');
  });

  it('counts the records it could not read in UnreadableRecords', async () => {
    const h = await harness();
    const addMetric = vi.spyOn(h.metrics, 'addMetric');
    const poison = poisonBodies();
    const batch = sqsEvent([
      sqsRecord(alarmEvent({ name: 'counted-errors', state: 'ALARM', at: h.clock.now() })),
      sqsRecord(poison['not-json'] as string),
      sqsRecord(poison['empty-string'] as string),
      sqsRecord(poison['json-null'] as string),
    ]);
    expect((await h.invoke(batch)).batchItemFailures).toEqual([]);
    // Not JSON twice; `null` is JSON, merely unknown.
    expect(addMetric).toHaveBeenCalledWith('UnreadableRecords', 'Count', 2);
  });

  it.each(['deep-array-5000', 'huge-event-id', 'huge-alarm-name', 'lone-surrogate-escaped'])(
    'posts %s once, even when the queue delivers it again (its key fits the table)',
    async (kind) => {
      const h = await harness();
      const record = sqsRecord(poisonBodies()[kind] as string, `${kind}-again`);
      expect((await h.invoke(sqsEvent([record]))).batchItemFailures).toEqual([]);
      expect((await h.invoke(sqsEvent([record]))).batchItemFailures).toEqual([]);
      expect(h.slack.channelMessages('#aws-alerts')).toHaveLength(1);
    },
  );
});
