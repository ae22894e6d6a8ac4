import { describe, expect, it, vi } from 'vitest';

// A family that claims every event and then throws: the pipeline must fall back to the
// generic family instead of losing the event.
vi.mock('../src/families/registry.js', async () => {
  const { genericFamily } = await import('../src/families/generic/index.js');
  return {
    FAMILIES: [
      {
        id: 'broken',
        read: () => true,
        toAlert: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'value')");
        },
      },
      genericFamily,
    ],
  };
});

const { processInput } = await import('../src/pipeline.js');
const { testConfig } = await import('./helpers/alerts.js');

describe('pipeline robustness', () => {
  it('posts a generic message naming the problem when a family throws', () => {
    const event = {
      version: '0',
      id: 'e-1',
      'detail-type': 'CloudWatch Alarm State Change',
      source: 'aws.cloudwatch',
      detail: { alarmName: 'x' },
    };
    const [outcome] = processInput(event, { config: testConfig(), now: new Date() });
    expect(outcome?.alert?.family).toBe('generic');
    expect(outcome?.deliveries).toHaveLength(1);
    const text = JSON.stringify(outcome?.deliveries[0]?.message);
    expect(text).toContain('CloudWatch Alarm State Change');
    expect(text).toContain('broken family could not read it: Cannot read properties of undefined');
  });

  it('keeps going through a batch when one record breaks a family', () => {
    const batch = {
      Records: ['{"a":1}', 'not json', '{"b":2}'].map((body, i) => ({
        messageId: `m${i}`,
        body,
        eventSource: 'aws:sqs',
      })),
    };
    const outcomes = processInput(batch, { config: testConfig(), now: new Date() });
    expect(outcomes.map((o) => o.envelope.recordId)).toEqual(['m0', 'm1', 'm2']);
    expect(outcomes.every((o) => o.deliveries.length === 1)).toBe(true);
  });
});
