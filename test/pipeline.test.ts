import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/core/config.js';
import { type Outcome, processInput } from '../src/pipeline.js';
import type { SlackMessage } from '../src/slack/message.js';
import { messageProblems } from '../src/slack/validate.js';
import { fixture, NOW, readMessage } from './families/alarm/load.js';
import { sqsBatch } from './helpers/alarm-events.js';

const config = parseConfig(
  {
    slack: { defaultChannel: '#aws-alerts' },
    accounts: { '210987654321': 'prod' },
    dlqs: ['payments-failed'],
    routes: [
      {
        match: { alarmPrefix: ['checkout-'], severity: ['critical', 'high'] },
        channels: ['#checkout-oncall'],
        mentions: ['S0CHECKOUT'],
      },
      { match: { family: ['dlq'] }, channels: ['#queues'] },
    ],
    ignore: { alarmPrefixes: ['sandbox-'] },
  },
  'pipeline test',
);
const context = { config, now: NOW };

function firstMessage(outcomes: Outcome[]): SlackMessage {
  const message = outcomes[0]?.deliveries[0]?.message;
  if (!message) throw new Error('no message delivered');
  return message;
}

describe('processInput', () => {
  it('yields one outcome per record of a mixed SQS batch, each with its record id', () => {
    const outcomes = processInput(fixture('alarms/sqs-batch-mixed.json'), context);
    expect(outcomes.map((o) => o.envelope.recordId)).toEqual([
      'a1f0c2d3-0001-4b5c-8d9e-0f1a2b3c4d5e',
      'a1f0c2d3-0002-4b5c-8d9e-0f1a2b3c4d5e',
      'a1f0c2d3-0003-4b5c-8d9e-0f1a2b3c4d5e',
    ]);
    expect(outcomes.map((o) => o.envelope.shape)).toEqual(['eventbridge', 'sns-alarm', 'eventbridge']);
    expect(outcomes.map((o) => o.alert?.family)).toEqual(['alarm', 'alarm', 'ecs']);
    expect(outcomes.map((o) => o.deliveries[0]?.message.text)).toEqual([
      '<!subteam^S0CHECKOUT> 🔴 ALARM checkout-api-errors · prod (210987654321) · eu-west-1',
      '🔴 ALARM orders-api-5xx · prod (210987654321) · eu-west-1',
      '📦 ECS task stopped (essential container exited) · prod (210987654321) · eu-west-1',
    ]);
  });

  it('still yields a generic message for a record whose body is not JSON', () => {
    const alarm = JSON.stringify(fixture('alarms/metric-alarm.json'));
    const outcomes = processInput(sqsBatch(alarm, 'ALARM: checkout-api-errors {not json'), context);
    expect(outcomes).toHaveLength(2);
    const bad = outcomes[1];
    expect(bad?.envelope.recordId).toBe('msg-1');
    expect(bad?.alert?.family).toBe('generic');
    expect(bad?.deliveries).toHaveLength(1);
    const m = readMessage(firstMessage(outcomes.slice(1)));
    // The text is the message; what cloudbell made of it is said below it.
    expect(m.summary).toBe('ALARM: checkout-api-errors {not json');
    expect(m.context.join(' ')).toMatch(/could not read this event \(not JSON/);
  });

  it('delivers nothing for an alarm configuration change', () => {
    const [outcome] = processInput(fixture('alarms/configuration-change.json'), context);
    expect(outcome?.alert).toBeNull();
    expect(outcome?.deliveries).toEqual([]);
    expect(outcome?.ignored).toBeDefined();
  });

  it('gives the same alarm change the same dedupe key via SNS, EventBridge, and either inside SQS', () => {
    const keys = [
      processInput(fixture('alarms/metric-alarm.json'), context),
      processInput(fixture('alarms/eventbridge-in-sqs.json'), context),
      processInput(fixture('alarms/sns-null-description.json'), context),
      processInput(
        sqsBatch(
          JSON.stringify({
            Type: 'Notification',
            MessageId: 'b5c6d7e8-0000-4000-8000-000000000001',
            TopicArn: 'arn:aws:sns:eu-west-1:210987654321:cloudbell-alarms',
            Message: (
              fixture('alarms/sns-null-description.json') as { Records: Array<{ Sns: { Message: string } }> }
            ).Records[0]?.Sns.Message,
            Timestamp: '2026-11-26T14:02:10.187Z',
          }),
        ),
        context,
      ),
    ].map((outcomes) => outcomes[0]?.alert?.dedupeKey);
    expect(new Set(keys)).toEqual(
      new Set([
        'alarm:arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors:2026-11-26T14:02:10.123Z',
      ]),
    );
  });

  it('gives the OK after an ALARM a different dedupe key but the same thread key', () => {
    const alarm = processInput(fixture('alarms/metric-alarm.json'), context)[0]?.alert;
    const ok = processInput(fixture('alarms/metric-ok.json'), context)[0]?.alert;
    expect(ok?.dedupeKey).not.toBe(alarm?.dedupeKey);
    expect(ok?.thread?.key).toBe(alarm?.thread?.key);
    expect(ok?.thread?.previousState).toBe('ALARM');
  });

  it('routes by alarm-name prefix with the configured mentions, and DLQ alarms by family', () => {
    const [checkout] = processInput(fixture('alarms/metric-alarm.json'), context);
    expect(checkout?.deliveries.map((d) => d.destination)).toEqual([
      { channel: '#checkout-oncall', mentions: ['S0CHECKOUT'] },
    ]);
    const [dlq] = processInput(fixture('dlq/dlq-alarm-eventbridge.json'), context);
    expect(dlq?.deliveries.map((d) => d.destination.channel)).toEqual(['#queues']);
    // OK is info severity: the checkout route (critical/high) does not page for it.
    const [ok] = processInput(fixture('alarms/metric-ok.json'), context);
    expect(ok?.deliveries.map((d) => d.destination.channel)).toEqual(['#aws-alerts']);
  });

  it('drops alarms whose name matches an ignored prefix', () => {
    const event = structuredClone(fixture('alarms/metric-alarm.json')) as { detail: { alarmName: string } };
    event.detail.alarmName = 'sandbox-checkout-errors';
    const [outcome] = processInput(event, context);
    expect(outcome?.deliveries).toEqual([]);
    expect(outcome?.ignored).toBe('alarm sandbox-checkout-errors is ignored');
  });

  it('renders a composite alarm with its triggering alarms end to end', () => {
    const m = readMessage(firstMessage(processInput(fixture('alarms/composite.json'), context)));
    expect(m.header).toBe('🔴 ALARM: checkout-degraded');
    expect(m.fields).toContain('*Triggered by*\ncheckout-api-errors: ALARM since 14:02 UTC');
  });

  it('renders every bundled alarm and DLQ sample as a rich message', () => {
    const dirs = ['alarms', 'dlq'].map((d) => fileURLToPath(new URL(`../samples/${d}/`, import.meta.url)));
    const files = dirs.flatMap((dir) => readdirSync(dir).map((f) => join(dir, f)));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const message = firstMessage(processInput(JSON.parse(readFileSync(file, 'utf8')), context));
      expect(messageProblems(message), file).toEqual([]);
      expect(message.attachments?.length, file).toBe(1);
    }
  });

  it('renders every alarm and DLQ fixture within Slack limits', () => {
    const paths = [
      ...[
        'alarm-action',
        'anomaly',
        'aws-cn',
        'aws-us-gov',
        'composite',
        'eventbridge-in-sqs',
        'insufficient-data',
        'korean-name',
        'metric-alarm',
        'metric-math',
        'metric-ok',
        'sns-composite',
        'sns-in-sqs',
        'sns-metric-math',
        'sns-null-description',
        'sqs-batch-mixed',
        'tagged',
      ].map((p) => `alarms/${p}.json`),
      ...[
        'dlq-alarm-eventbridge',
        'dlq-alarm-sns',
        'dlq-config-listed',
        'dlq-fifo-alarm-action',
        'dlq-ok',
        'non-dlq-sqs',
      ].map((p) => `dlq/${p}.json`),
    ];
    let messages = 0;
    for (const path of paths) {
      for (const outcome of processInput(fixture(path), context)) {
        expect(outcome.deliveries.length, path).toBeGreaterThan(0);
        for (const { message } of outcome.deliveries) {
          expect(messageProblems(message), path).toEqual([]);
          // The rich message, not the minimal fallback, goes out.
          expect(message.attachments?.length, path).toBe(1);
          messages += 1;
        }
      }
    }
    expect(messages).toBe(paths.length + 2);
  });
});
