import { describe, expect, it } from 'vitest';
import { storyLine, withStory } from '../../src/slack/story.js';

const at = (h: number, m: number) => new Date(Date.UTC(2026, 10, 26, h, m)).toISOString();

describe('storyLine', () => {
  it('tells the changes in time order, whatever order they came in', () => {
    expect(
      storyLine([
        { state: 'OK', since: at(9, 7) },
        { state: 'ALARM', since: at(9, 1) },
      ]),
    ).toBe('ALARM 09:01 → OK 09:07 UTC');
  });

  it('keeps both ends of a flapping alarm', () => {
    const changes = Array.from({ length: 9 }, (_, i) => ({
      state: i % 2 === 0 ? ('ALARM' as const) : ('OK' as const),
      since: at(10, i),
    }));
    expect(storyLine(changes)).toBe('ALARM 10:00 → OK 10:01 → … 5 more … → OK 10:07 → ALARM 10:08 UTC');
  });
});

describe('withStory', () => {
  it('puts the story under the header and in the notification text; a new story replaces the block', () => {
    const message = {
      channel: '#aws-alerts',
      text: '✅ OK orders-5xx',
      blocks: [{ type: 'header' as const, text: { type: 'plain_text' as const, text: '✅ orders-5xx' } }],
    };
    const once = withStory(message, 'ALARM 09:01 → OK 09:07 UTC');
    expect(once.text).toBe('✅ OK orders-5xx (ALARM 09:01 → OK 09:07 UTC)');
    const twice = withStory(once, 'ALARM 09:01 → OK 09:09 UTC');
    expect(twice.blocks.map((b) => b.type)).toEqual(['header', 'context']);
    expect(JSON.stringify(twice.blocks[1])).toContain('ALARM 09:01 → OK 09:09 UTC');
  });
});
