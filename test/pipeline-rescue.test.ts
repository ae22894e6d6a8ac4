import { describe, expect, it, vi } from 'vitest';

// Routing breaks on one alert (say, a bad pattern meets an odd name): that record still posts.
vi.mock('../src/alerts/route.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/alerts/route.js')>();
  return {
    ...original,
    routeAlert: (
      alert: { route: { alarmName?: string } },
      config: Parameters<typeof original.routeAlert>[1],
    ) => {
      if (alert.route.alarmName === 'breaks-routing') throw new TypeError('cannot route this');
      return original.routeAlert(alert as never, config);
    },
  };
});

const { processInput } = await import('../src/pipeline.js');
const { testConfig } = await import('./helpers/alerts.js');
const { alarmEvent, sqsEvent, sqsRecord } = await import('./helpers/alarm-events.js');

describe('a record whose routing or rendering throws', () => {
  it('posts a minimal generic message to the default channel, and the rest of the batch as usual', () => {
    const at = Date.parse('2026-11-26T10:00:00Z');
    const batch = sqsEvent([
      sqsRecord(alarmEvent({ name: 'breaks-routing', state: 'ALARM', at }), 'bad'),
      sqsRecord(alarmEvent({ name: 'fine', state: 'ALARM', at }), 'good'),
    ]);
    const config = testConfig();
    const [bad, good] = processInput(batch, { config, now: new Date(at) });
    expect(bad?.envelope.problem).toBe('could not process it: TypeError: cannot route this');
    expect(bad?.alert?.family).toBe('generic');
    expect(bad?.deliveries).toHaveLength(1);
    expect(bad?.deliveries[0]?.destination.channel).toBe(config.slack.defaultChannel);
    expect(bad?.deliveries[0]?.message.text).toBe(
      '📣 CloudWatch Alarm State Change · aws.cloudwatch · prod (210987654321) · eu-west-1',
    );
    expect(JSON.stringify(bad?.deliveries[0]?.message.blocks)).toContain(
      'could not read this event fully (could not process it: TypeError: cannot route this)',
    );
    expect(good?.alert?.family).toBe('alarm');
    expect(good?.envelope.problem).toBeUndefined();
    expect(good?.deliveries[0]?.message.text).toContain('ALARM fine');
  });
});
