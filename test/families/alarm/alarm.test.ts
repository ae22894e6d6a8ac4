import { describe, expect, it } from 'vitest';
import { alarmFamily } from '../../../src/families/alarm/index.js';
import { processInput } from '../../../src/pipeline.js';
import { statusLine } from '../../../src/slack/parent-status.js';
import { messageProblems } from '../../../src/slack/validate.js';
import { alertBy, readBy } from '../../helpers/family.js';
import { context, envelopeOf, fixture, messageOf, readMessage, run } from './load.js';

function alertOf(path: string) {
  const alert = alertBy(alarmFamily, envelopeOf(path), context);
  if (!alert) throw new Error(`${path} gave no alert`);
  return alert;
}

const OPEN_CHECKOUT_ALARM =
  'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/checkout-api-errors';
const CHECKOUT_LOGS =
  'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fcheckout-api';

describe('alarm family', () => {
  it('renders a metric alarm with its metric, condition, datapoints and links', () => {
    const m = readMessage(messageOf('alarms/metric-alarm.json'));
    expect(m.text).toBe('🔴 ALARM checkout-api-errors · prod (210987654321) · eu-west-1');
    expect(m.header).toBe('🔴 ALARM: checkout-api-errors');
    expect(m.summary).toBe('Checkout API returns errors to customers.');
    expect(m.fields).toEqual([
      '*State*\nOK → ALARM',
      '*Since*\n14:02 UTC (1 min ago)',
      '*Metric*\nAWS/Lambda Errors',
      '*Dimensions*\nFunctionName = checkout-api',
      '*Condition*\nSum over 60 s &gt; 5',
      '*Recent*\n7, 12 (latest last)',
      '*Account*\nprod (210987654321)',
      '*Region*\neu-west-1',
    ]);
    expect(m.context[0]).toContain('Threshold Crossed: 2 out of the last 2 datapoints');
    expect(m.context[1]).toBe('arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors');
    expect(m.buttons).toEqual([
      { text: 'Open alarm', url: OPEN_CHECKOUT_ALARM },
      { text: 'Function logs', url: CHECKOUT_LOGS },
    ]);
    expect(m.color).toBe('#E01E5A');
  });

  it('carries thread, dedupe and route bookkeeping keyed on the alarm ARN', () => {
    const alert = alertOf('alarms/metric-alarm.json');
    const arn = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors';
    expect(alert).toMatchObject({
      family: 'alarm',
      severity: 'high',
      state: 'ALARM',
      dedupeKey: `alarm:${arn}:2026-11-26T14:02:10.123Z`,
      thread: { key: arn, state: 'ALARM', previousState: 'OK', since: '2026-11-26T14:02:10.123Z' },
      route: { alarmName: 'checkout-api-errors' },
      account: '210987654321',
      region: 'eu-west-1',
    });
  });

  it('renders OK with how long the alarm was in ALARM', () => {
    const alert = alertOf('alarms/metric-ok.json');
    expect(alert.emoji).toBe('✅');
    expect(alert.title).toBe('OK: checkout-api-errors');
    expect(alert.severity).toBe('info');
    expect(alert.facts).toContainEqual({ label: 'In ALARM for', value: '48 min' });
    expect(alert.thread).toMatchObject({ state: 'OK', previousState: 'ALARM' });
    expect(readMessage(messageOf('alarms/metric-ok.json')).color).toBe('#2EB67D');
  });

  it('renders INSUFFICIENT_DATA as low severity with a grey bar and an explanation', () => {
    const alert = alertOf('alarms/insufficient-data.json');
    expect(alert.emoji).toBe('❔');
    expect(alert.severity).toBe('low');
    expect(alert.summary).toMatch(/too little data/);
    expect(alert.facts.find((f) => f.label === 'Recent')).toBeUndefined();
    expect(readMessage(messageOf('alarms/insufficient-data.json')).color).toBe('#9A9A9A');
  });

  it("shows INSUFFICIENT_DATA with the same emoji in the alert and in its parent's status line", () => {
    const alert = alertOf('alarms/insufficient-data.json');
    const line = statusLine(
      { state: 'ALARM', openedAt: '2026-11-26T14:00:00Z' },
      'INSUFFICIENT_DATA',
      '2026-11-26T14:10:00Z',
    );
    expect(line.startsWith(`${alert.emoji} *INSUFFICIENT_DATA*`)).toBe(true);
  });

  it('renders a metric math alarm with its expression and the metrics it reads', () => {
    const m = readMessage(messageOf('alarms/metric-math.json'));
    expect(m.fields).toContain('*Expression*\n100 * errors / invocations (Error rate (%))');
    expect(m.fields).toContain(
      '*Reads*\nerrors = AWS/Lambda Errors (FunctionName = checkout-api) · Sum over 5 min\ninvocations = AWS/Lambda Invocations (FunctionName = checkout-api) · Sum over 5 min',
    );
    expect(m.fields).toContain('*Condition*\nError rate (%) over 5 min &gt; 5');
    expect(m.fields).toContain('*Recent*\n8.73');
    expect(m.buttons.map((b) => b.text)).toEqual(['Open alarm', 'Function logs']);
  });

  it('renders an anomaly detection alarm with its band instead of a threshold', () => {
    const m = readMessage(messageOf('alarms/anomaly.json'));
    expect(m.fields).toContain('*Band*\n120.5 – 480.2 (ANOMALY_DETECTION_BAND(m1, 2))');
    expect(m.fields).toContain('*Condition*\nAverage over 5 min outside the band');
    expect(m.fields).toContain('*Recent*\n812.4');
    expect(m.fields.some((f) => f.includes('&gt;'))).toBe(false);
  });

  it('renders a composite alarm with its triggering alarms', () => {
    const m = readMessage(messageOf('alarms/composite.json'));
    expect(m.header).toBe('🔴 ALARM: checkout-degraded');
    expect(m.fields).toContain('*Rule*\nALARM(checkout-api-errors) OR ALARM(checkout-api-latency)');
    expect(m.fields).toContain('*Triggered by*\ncheckout-api-errors: ALARM since 14:02 UTC');
    expect(m.fields).toContain('*Suppressor*\ncheckout-maintenance (wait 2 min, extension 3 min)');
    expect(m.buttons).toEqual([
      {
        text: 'Open alarm',
        url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/checkout-degraded',
      },
      { text: 'Open checkout-api-errors', url: OPEN_CHECKOUT_ALARM },
    ]);
  });

  it('notes when a composite alarm’s actions were suppressed', () => {
    const m = readMessage(messageOf('alarms/composite.json'));
    expect(m.fields).toContain(
      '*Actions*\nSuppressed: waiting up to 2 min for checkout-maintenance to go into ALARM',
    );
    const plain = readMessage(messageOf('alarms/sns-composite.json'));
    expect(plain.fields.some((f) => f.startsWith('*Actions*'))).toBe(false);
  });

  it('takes the severity of an ALARM from the alarm’s severity tag', () => {
    expect(alertOf('alarms/tagged.json').severity).toBe('critical');
  });

  it('falls back to high when the severity tag is not a severity', () => {
    const event = structuredClone(fixture('alarms/tagged.json')) as {
      detail: { alarmTags: Record<string, string> };
    };
    event.detail.alarmTags = { Severity: 'sev1' };
    expect(alertBy(alarmFamily, { shape: 'eventbridge', event }, context)?.severity).toBe('high');
  });

  it('keeps a Korean alarm name intact in the header, fallback and link', () => {
    const m = readMessage(messageOf('alarms/korean-name.json'));
    expect(m.header).toBe('🔴 ALARM: 결제-API-오류');
    expect(m.text).toBe('🔴 ALARM 결제-API-오류 · prod (210987654321) · ap-northeast-2');
    expect(m.summary).toBe('결제 API가 고객에게 오류를 반환합니다.');
    expect(m.buttons[0]?.url).toBe(
      `https://ap-northeast-2.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-2#alarmsV2:alarm/${encodeURIComponent('결제-API-오류')}`,
    );
  });

  it('renders an SNS notification with a null description without a summary', () => {
    const m = readMessage(messageOf('alarms/sns-null-description.json'));
    expect(m.header).toBe('🔴 ALARM: checkout-api-errors');
    expect(m.summary).toBeUndefined();
    expect(m.fields).toContain('*Condition*\nSum over 60 s &gt; 5, 2 of 2 periods');
  });

  it('renders the direct Lambda alarm action', () => {
    const m = readMessage(messageOf('alarms/alarm-action.json'));
    expect(m.text).toBe('🔴 ALARM inventory-sync-throttles · prod (210987654321) · eu-west-1');
    expect(m.fields).toContain('*Metric*\nAWS/Lambda Throttles');
  });

  it('links to the China console for an aws-cn alarm', () => {
    const m = readMessage(messageOf('alarms/aws-cn.json'));
    expect(m.buttons.map((b) => b.url)).toEqual([
      'https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1#alarmsV2:alarm/cn-orders-errors',
      'https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Forders-cn',
    ]);
  });

  it('links to the GovCloud console for an SNS alarm from aws-us-gov', () => {
    const m = readMessage(messageOf('alarms/aws-us-gov.json'));
    expect(m.fields).toContain('*Region*\nus-gov-west-1');
    expect(m.buttons[0]?.url).toBe(
      'https://us-gov-west-1.console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#alarmsV2:alarm/gov-ingest-errors',
    );
  });

  it('does not post an alarm configuration change', () => {
    expect(readBy(alarmFamily, envelopeOf('alarms/configuration-change.json'), context)).toBeDefined();
    expect(alertBy(alarmFamily, envelopeOf('alarms/configuration-change.json'), context)).toBeNull();
  });

  it('cuts a long description to 300 characters', () => {
    const event = structuredClone(fixture('alarms/metric-alarm.json')) as {
      detail: { configuration: { description: string } };
    };
    event.detail.configuration.description = 'x'.repeat(1000);
    const alert = alertBy(alarmFamily, { shape: 'eventbridge', event }, context);
    expect(alert?.summary).toHaveLength(300);
    expect(alert?.summary?.endsWith('…')).toBe(true);
  });

  it('escapes mentions and links hidden in the alarm text', () => {
    const event = structuredClone(fixture('alarms/metric-alarm.json')) as {
      detail: { alarmName: string; configuration: { description: string } };
    };
    event.detail.alarmName = '<!channel> checkout';
    event.detail.configuration.description = 'see <https://evil.example|the runbook> <@U012345>';
    const message = processInput(event, context)[0]?.deliveries[0]?.message;
    if (!message) throw new Error('no message');
    const m = readMessage(message);
    expect(m.header).toBe('🔴 ALARM: &lt;!channel&gt; checkout');
    expect(m.text).toContain('&lt;!channel&gt; checkout');
    expect(m.summary).toBe('see &lt;https://evil.example|the runbook&gt; &lt;@U012345&gt;');
    expect(JSON.stringify(message)).not.toMatch(/<!channel>|<@U012345>|<https:\/\/evil/);
    expect(messageProblems(message)).toEqual([]);
  });

  it('produces messages within Slack limits for every alarm fixture', () => {
    for (const path of [
      'metric-alarm',
      'metric-ok',
      'insufficient-data',
      'metric-math',
      'anomaly',
      'composite',
      'tagged',
      'korean-name',
      'sns-null-description',
      'sns-in-sqs',
      'eventbridge-in-sqs',
      'sqs-batch-mixed',
      'alarm-action',
      'aws-cn',
      'aws-us-gov',
      'sns-metric-math',
      'sns-composite',
    ]) {
      const outcomes = run(`alarms/${path}.json`);
      expect(outcomes.length, path).toBeGreaterThan(0);
      for (const o of outcomes)
        for (const d of o.deliveries) expect(messageProblems(d.message), path).toEqual([]);
    }
  });
});
