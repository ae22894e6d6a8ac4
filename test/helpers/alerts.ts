import type { Alert } from '../../src/alerts/alert.js';
import { parseConfig } from '../../src/core/config.js';

/** A complete alert with every optional part present; override what a test is about. */
export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    family: 'alarm',
    severity: 'high',
    state: 'ALARM',
    emoji: '🔴',
    title: 'ALARM: checkout-api-errors',
    summary: 'Checkout API returns errors to customers.',
    facts: [
      { label: 'State', value: 'OK → ALARM' },
      { label: 'Metric', value: 'AWS/Lambda Errors' },
    ],
    context: ['Threshold Crossed: 1 out of the last 1 datapoints [12.0] was greater than 5.0'],
    links: [
      {
        text: 'Open alarm',
        url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1',
      },
    ],
    account: '210987654321',
    region: 'eu-west-1',
    time: '2026-11-26T14:02:00Z',
    fallback: 'ALARM checkout-api-errors · prod (210987654321) · eu-west-1',
    dedupeKey: 'alarm:arn:1',
    route: { alarmName: 'checkout-api-errors' },
    ...overrides,
  };
}

/** The smallest valid config, with overrides merged at the top level. */
export function testConfig(extra: Record<string, unknown> = {}) {
  return parseConfig(
    { slack: { defaultChannel: '#aws-alerts' }, accounts: { '210987654321': 'prod' }, ...extra },
    'test',
  );
}
