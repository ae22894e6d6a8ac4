import { describe, expect, it } from 'vitest';
import { escalates } from '../../src/actions/escalation.js';
import { decodeRef, encodeRef, refFor, takesActions } from '../../src/actions/ref.js';
import { sampleAlert } from '../helpers/alerts.js';

describe('which alerts take actions', () => {
  it('alarms and DLQs in ALARM, every security event, findings not closed; nothing else', () => {
    expect(takesActions(sampleAlert())).toBe(true);
    expect(takesActions(sampleAlert({ state: 'OK' }))).toBe(false);
    expect(takesActions(sampleAlert({ family: 'dlq', state: 'INSUFFICIENT_DATA' }))).toBe(false);
    expect(takesActions(sampleAlert({ family: 'security', state: undefined }))).toBe(true);
    expect(takesActions(sampleAlert({ family: 'guardduty', state: undefined }))).toBe(true);
    expect(takesActions(sampleAlert({ family: 'health', state: 'OK' }))).toBe(false);
    expect(takesActions(sampleAlert({ family: 'deploys', state: undefined }))).toBe(false);
    expect(takesActions(sampleAlert({ family: 'generic', state: undefined }))).toBe(false);
  });

  it('escalates ALARMs, and critical/high findings and security events only', () => {
    expect(escalates(sampleAlert({ severity: 'low' }))).toBe(true);
    expect(escalates(sampleAlert({ family: 'guardduty', severity: 'high', state: undefined }))).toBe(true);
    expect(escalates(sampleAlert({ family: 'guardduty', severity: 'medium', state: undefined }))).toBe(false);
    expect(escalates(sampleAlert({ family: 'security', severity: 'critical', state: undefined }))).toBe(true);
    expect(escalates(sampleAlert({ family: 'deploys', severity: 'critical', state: undefined }))).toBe(false);
  });
});

describe('the button reference', () => {
  it('round-trips, carries no live mrkdwn, and drops a part that does not validate rather than the buttons', () => {
    const alert = sampleAlert({
      thread: {
        key: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:<!channel>',
        state: 'ALARM',
        since: 'x',
      },
      region: 'not a region',
      subject: { lambdaFunctions: ['checkout-api'] },
    });
    const ref = refFor(alert);
    expect(ref).toMatchObject({ f: 'alarm', s: 'high', fn: 'checkout-api', a: '210987654321' });
    expect(ref?.g).toBeUndefined();
    const value = encodeRef(ref ?? ({} as never));
    expect(value).not.toMatch(/[<>&]/);
    expect(decodeRef(value)).toEqual(ref);
    expect(decodeRef('{"v":1,"f":"alarm"}')).toBeUndefined();
    expect(decodeRef('not json')).toBeUndefined();
  });
});
