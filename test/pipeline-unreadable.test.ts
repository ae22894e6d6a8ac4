import { describe, expect, it, vi } from 'vitest';

// Every family throws, the generic fallback included: only the fixed message is left.
vi.mock('../src/families/generic/index.js', () => ({
  genericFamily: {
    id: 'generic',
    read: () => true,
    toAlert: () => {
      throw new RangeError('Maximum call stack size exceeded');
    },
  },
}));
vi.mock('../src/families/registry.js', async () => {
  const { genericFamily } = await import('../src/families/generic/index.js');
  return { FAMILIES: [genericFamily] };
});

const { processInput } = await import('../src/pipeline.js');
const { testConfig } = await import('./helpers/alerts.js');
const { sqsBatch } = await import('./helpers/alarm-events.js');

describe('the unreadable-record message', () => {
  it('names the SQS message id, goes to the default channel, and leaves the other records alone', () => {
    const config = testConfig();
    const outcomes = processInput(sqsBatch('{"a":1}', 'null'), { config, now: new Date() });
    expect(outcomes).toHaveLength(2);
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.envelope.recordId).toBe(`msg-${i}`);
      expect(outcome.envelope.problem).toBe(
        'could not process it: RangeError: Maximum call stack size exceeded',
      );
      expect(outcome.alert?.dedupeKey).toBe(`unreadable:sqs:msg-${i}`);
      expect(outcome.deliveries).toEqual([
        {
          destination: { channel: config.slack.defaultChannel, mentions: [] },
          message: {
            channel: config.slack.defaultChannel,
            text: `⚠️ cloudbell received a record it could not read (SQS message msg-${i}); see the notify function's logs`,
            blocks: [],
            unfurl_links: false,
            unfurl_media: false,
          },
        },
      ]);
    }
  });

  it('escapes a hostile message id', () => {
    const batch = { Records: [{ messageId: '<!channel>\ud800', body: '{}', eventSource: 'aws:sqs' }] };
    const [outcome] = processInput(batch, { config: testConfig(), now: new Date() });
    expect(outcome?.deliveries[0]?.message.text).toContain('SQS message &lt;!channel&gt;\ufffd');
  });
});
