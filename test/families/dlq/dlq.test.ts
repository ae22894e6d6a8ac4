import { describe, expect, it } from 'vitest';
import { dlqFamily, isDlqName, NEXT_STEP } from '../../../src/families/dlq/index.js';
import { FAMILIES } from '../../../src/families/registry.js';
import { processInput } from '../../../src/pipeline.js';
import { messageProblems } from '../../../src/slack/validate.js';
import { testConfig } from '../../helpers/alerts.js';
import { readBy } from '../../helpers/family.js';
import { context, envelopeOf, fixture, messageOf, NOW, readMessage, run } from '../alarm/load.js';

const ORDERS_DLQ_CONSOLE =
  'https://eu-west-1.console.aws.amazon.com/sqs/v3/home?region=eu-west-1#/queues/https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F210987654321%2Forders-dlq';

describe('isDlqName', () => {
  it.each([
    'orders-dlq',
    'orders-DLQ',
    'orders-dead-letter',
    'OrdersDLQ',
    'orders-dlq.fifo',
    'OrdersDLQ.fifo',
  ])('recognises %s by its name', (name) => {
    expect(isDlqName(name, [])).toBe(true);
  });

  it.each(['orders', 'dlq-orders', 'orders-dlq-archive', 'ordersdlq'])(
    'does not take %s for a DLQ',
    (name) => {
      expect(isDlqName(name, [])).toBe(false);
    },
  );

  it('recognises a queue listed in config, with or without .fifo', () => {
    expect(isDlqName('payments-failed', ['payments-failed'])).toBe(true);
    expect(isDlqName('payments-failed.fifo', ['payments-failed'])).toBe(true);
  });
});

describe('dlq family', () => {
  it('is tried before the alarm family', () => {
    const ids = FAMILIES.map((f) => f.id);
    expect(ids.indexOf('dlq')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('dlq')).toBeLessThan(ids.indexOf('alarm'));
    expect(ids.at(-1)).toBe('generic');
  });

  it('renders a DLQ alarm with the queue, the waiting count, next steps and a queue link', () => {
    const m = readMessage(messageOf('dlq/dlq-alarm-eventbridge.json'));
    expect(m.text).toBe('📥 orders-dlq: 37 messages waiting · prod (210987654321) · eu-west-1');
    expect(m.header).toBe('📥 orders-dlq: 37 messages waiting');
    expect(m.summary).toBe(
      'Messages that failed processing are waiting in a dead-letter queue.\norders-worker gave up on these orders after 5 attempts.',
    );
    expect(m.fields.slice(0, 2)).toEqual(['*Queue*\norders-dlq', '*Waiting*\n37 (max over 60 s)']);
    expect(m.fields).toContain('*Account*\nprod (210987654321)');
    expect(m.fields).toContain('*Region*\neu-west-1');
    expect(m.context[0]).toBe(NEXT_STEP);
    expect(m.buttons).toEqual([
      { text: 'Open queue', url: ORDERS_DLQ_CONSOLE },
      {
        text: 'Open alarm',
        url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/orders-dlq-not-empty',
      },
    ]);
    expect(m.color).toBe('#E01E5A');
  });

  it('reads the waiting count from the reason of an SNS notification', () => {
    const [outcome] = run('dlq/dlq-alarm-sns.json');
    expect(outcome?.alert?.family).toBe('dlq');
    expect(outcome?.alert?.title).toBe('billing-events-dead-letter: 4 messages waiting');
    expect(outcome?.alert?.facts).toContainEqual({ label: 'Waiting', value: '4 (max over 60 s)' });
  });

  it('says "drained" when the DLQ alarm goes back to OK, threaded under the alarm', () => {
    const [outcome] = run('dlq/dlq-ok.json');
    const alert = outcome?.alert;
    expect(alert?.emoji).toBe('✅');
    expect(alert?.title).toBe('orders-dlq drained');
    expect(alert?.fallback).toBe('orders-dlq drained · prod (210987654321) · eu-west-1');
    expect(alert?.severity).toBe('info');
    expect(alert?.facts).toContainEqual({ label: 'In ALARM for', value: '1 h 11 min' });
    expect(alert?.context).not.toContain(NEXT_STEP);
    const arn = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-dlq-not-empty';
    expect(alert?.thread).toEqual({
      key: arn,
      state: 'OK',
      previousState: 'ALARM',
      since: '2026-11-26T15:12:05.902Z',
    });
    expect(alert?.dedupeKey).toBe(`alarm:${arn}:2026-11-26T15:12:05.902Z`);
    expect(alert?.route).toEqual({ alarmName: 'orders-dlq-not-empty' });
  });

  it('explains INSUFFICIENT_DATA on a DLQ as an idle queue, at low severity', () => {
    const event = structuredClone(fixture('dlq/dlq-alarm-eventbridge.json')) as {
      detail: { state: { value: string; reason: string; reasonData?: string } };
    };
    event.detail.state.value = 'INSUFFICIENT_DATA';
    event.detail.state.reason = 'Insufficient Data: 1 datapoint was unknown.';
    delete event.detail.state.reasonData;
    const alert = processInput(event, context)[0]?.alert;
    expect(alert?.family).toBe('dlq');
    expect(alert?.title).toBe('orders-dlq: no data');
    expect(alert?.severity).toBe('low');
    expect(alert?.summary).toMatch(/idle for up to 6 hours/);
    expect(alert?.facts.find((f) => f.label === 'Waiting')).toBeUndefined();
  });

  it('treats a queue listed under dlqs: as a DLQ', () => {
    expect(run('dlq/dlq-config-listed.json')[0]?.alert?.family).toBe('dlq');
    const unlisted = processInput(fixture('dlq/dlq-config-listed.json'), { config: testConfig(), now: NOW });
    expect(unlisted[0]?.alert?.family).toBe('alarm');
  });

  it('leaves an alarm on an ordinary queue to the alarm family', () => {
    const [outcome] = run('dlq/non-dlq-sqs.json');
    expect(outcome?.alert?.family).toBe('alarm');
    expect(outcome?.alert?.title).toBe('ALARM: orders-not-empty');
    expect(readBy(dlqFamily, envelopeOf('dlq/non-dlq-sqs.json'), context)).toBeUndefined();
  });

  it('handles a FIFO DLQ from the direct alarm action, singular count', () => {
    const m = readMessage(messageOf('dlq/dlq-fifo-alarm-action.json'));
    expect(m.header).toBe('📥 OrdersDLQ.fifo: 1 message waiting');
    expect(m.buttons[0]?.url).toBe(
      'https://eu-west-1.console.aws.amazon.com/sqs/v3/home?region=eu-west-1#/queues/https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F210987654321%2FOrdersDLQ.fifo',
    );
  });

  it('links to the China SQS endpoint for a DLQ in aws-cn', () => {
    const event = structuredClone(fixture('dlq/dlq-alarm-eventbridge.json')) as Record<string, unknown>;
    event.region = 'cn-north-1';
    event.account = '123456789012';
    event.resources = ['arn:aws-cn:cloudwatch:cn-north-1:123456789012:alarm:orders-dlq-not-empty'];
    const message = processInput(event, context)[0]?.deliveries[0]?.message;
    if (!message) throw new Error('no message');
    const m = readMessage(message);
    expect(m.buttons[0]?.url).toBe(
      'https://cn-north-1.console.amazonaws.cn/sqs/v3/home?region=cn-north-1#/queues/https%3A%2F%2Fsqs.cn-north-1.amazonaws.com.cn%2F123456789012%2Forders-dlq',
    );
  });

  it('uses the same dedupe key for the same DLQ change via SNS and EventBridge', () => {
    const eb = fixture('dlq/dlq-alarm-eventbridge.json') as { detail: { state: { timestamp: string } } };
    const sns = fixture('dlq/dlq-alarm-sns.json') as { Records: Array<{ Sns: { Message: string } }> };
    const message = JSON.parse(sns.Records[0]?.Sns.Message ?? '{}');
    message.AlarmName = 'orders-dlq-not-empty';
    message.AlarmArn = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-dlq-not-empty';
    message.StateChangeTime = eb.detail.state.timestamp;
    message.Trigger.Dimensions = [{ name: 'QueueName', value: 'orders-dlq' }];
    const fromSns = processInput(
      { Records: [{ ...sns.Records[0], Sns: { ...sns.Records[0]?.Sns, Message: JSON.stringify(message) } }] },
      context,
    );
    const fromEb = run('dlq/dlq-alarm-eventbridge.json');
    expect(fromSns[0]?.alert?.family).toBe('dlq');
    expect(fromSns[0]?.alert?.dedupeKey).toBe(fromEb[0]?.alert?.dedupeKey);
  });

  it('produces messages within Slack limits for every DLQ fixture', () => {
    for (const path of [
      'dlq-alarm-eventbridge',
      'dlq-alarm-sns',
      'dlq-ok',
      'dlq-config-listed',
      'non-dlq-sqs',
      'dlq-fifo-alarm-action',
    ]) {
      for (const o of run(`dlq/${path}.json`))
        for (const d of o.deliveries) expect(messageProblems(d.message), path).toEqual([]);
    }
  });
});
