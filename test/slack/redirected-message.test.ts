import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/slack/message.js';
import { redirectedMessage, redirectNote } from '../../src/slack/redirected-message.js';
import { messageProblems } from '../../src/slack/validate.js';

const message: SlackMessage = {
  channel: '#payments',
  text: 'ALARM pay-errors',
  blocks: [{ type: 'header', text: { type: 'plain_text', text: 'ALARM pay-errors', emoji: true } }],
  attachments: [{ color: '#e01e5a', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'facts' } }] }],
  thread_ts: '1.000',
  reply_broadcast: true,
  unfurl_links: false,
  unfurl_media: false,
};
const redirect = { channel: '#payments', code: 'not_in_channel', defaultChannel: '#aws-alerts' };

describe('redirectedMessage', () => {
  it('sends the message to the default channel, out of its thread, with the channel it was for', () => {
    const moved = redirectedMessage(message, redirect);
    expect(moved.channel).toBe('#aws-alerts');
    expect(moved.text).toBe('[for #payments] ALARM pay-errors');
    expect(moved).not.toHaveProperty('thread_ts');
    expect(moved).not.toHaveProperty('reply_broadcast');
    expect(moved.attachments).toEqual(message.attachments);
    expect(moved.unfurl_links).toBe(false);
  });

  it('puts one context block with the note above the message blocks', () => {
    const moved = redirectedMessage(message, redirect);
    expect(moved.blocks).toEqual([
      { type: 'context', elements: [{ type: 'mrkdwn', text: redirectNote('#payments', 'not_in_channel') }] },
      ...message.blocks,
    ]);
    expect(redirectNote('#payments', 'not_in_channel')).toBe(
      '⚠️ cloudbell could not post this to #payments (Slack said `not_in_channel`): invite the app to that channel or fix the route in cloudbell.config.yml.',
    );
    expect(messageProblems(moved)).toEqual([]);
  });

  it('leaves the message it was given unchanged', () => {
    const before = structuredClone(message);
    redirectedMessage(message, redirect);
    expect(message).toEqual(before);
  });
});
