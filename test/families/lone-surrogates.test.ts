/**
 * A lone UTF-16 surrogate is valid JSON (`"\ud800"`) but not valid UTF-8, and
 * `encodeURIComponent` throws on it. No family may throw on one, and no message may carry one.
 */
import { describe, expect, it } from 'vitest';
import { processInput } from '../../src/pipeline.js';
import { messageProblems } from '../../src/slack/validate.js';
import { testConfig } from '../helpers/alerts.js';
import { injectEachString, jsonFiles } from '../helpers/fixtures.js';
import { fixture } from './alarm/load.js';

const config = testConfig({ dlqs: ['payments-failed'] });
const now = new Date('2026-11-26T14:04:00Z');
const LONE = '\ud800';

describe('lone surrogates', () => {
  it('keep an alarm in its family, with its dedupe key and thread (the name shows U+FFFD)', () => {
    const event = fixture('alarms/metric-alarm.json') as {
      resources: string[];
      detail: { alarmName: string };
    };
    const name = `checkout-${LONE}-errors`;
    event.detail.alarmName = name;
    event.resources = event.resources.map((r) => r.replace(/alarm:.*$/, `alarm:${name}`));
    const [outcome] = processInput(event, { config, now });
    expect(outcome?.envelope.problem).toBeUndefined();
    expect(outcome?.alert?.family).toBe('alarm');
    expect(outcome?.alert?.dedupeKey).toContain('alarm:checkout-\ufffd-errors');
    expect(outcome?.alert?.thread?.key).toMatch(/:alarm:checkout-\ufffd-errors$/);
    const message = outcome?.deliveries[0]?.message;
    expect(message?.text).toContain('checkout-\ufffd-errors');
    const buttons = JSON.stringify(message);
    expect(buttons).toContain('alarmsV2:alarm/checkout-%EF%BF%BD-errors');
  });

  it('keep a classic SNS alarm notification in the alarm family too', () => {
    const event = fixture('alarms/sns-in-sqs.json') as { Records: Array<{ body: string }> };
    const record = event.Records[0];
    if (!record) throw new Error('fixture has no record');
    const body = JSON.parse(record.body) as { Message: string };
    const message = JSON.parse(body.Message) as { AlarmName: string };
    message.AlarmName = `queue-depth${LONE}`;
    body.Message = JSON.stringify(message);
    record.body = JSON.stringify(body);
    const [outcome] = processInput(event, { config, now });
    expect(outcome?.alert?.family).toBe('alarm');
    expect(outcome?.envelope.problem).toBeUndefined();
    expect(outcome?.alert?.dedupeKey).not.toContain(LONE);
  });

  it.each(jsonFiles('samples', 'test/fixtures'))(
    'never make a family throw, in any string of %s',
    (_name, event) => {
      for (const variant of injectEachString(event, LONE)) {
        for (const outcome of processInput(variant, { config, now })) {
          // A family that threw leaves its reason in `problem` (and falls back to generic).
          expect(outcome.envelope.problem ?? '').not.toMatch(/family could not read it|could not process it/);
          for (const { message } of outcome.deliveries) expect(messageProblems(message)).toEqual([]);
          if (outcome.alert) expect(outcome.alert.dedupeKey).not.toMatch(/[\ud800-\udfff]/u);
        }
      }
    },
  );
});
