/**
 * A message moved to the default channel because its own channel was unusable
 * (`channel_not_found`, `not_in_channel`): the same message with a one-block note on top naming
 * the channel it was for and what Slack said, so nobody mistakes where it belongs.
 */
import type { SlackMessage } from './message.js';

/** The note shown above a message that could not go to its channel. */
export function redirectNote(channel: string, code: string): string {
  return `⚠️ cloudbell could not post this to ${channel} (Slack said \`${code}\`): invite the app to that channel or fix the route in cloudbell.config.yml.`;
}

export interface Redirect {
  /** The configured channel the message was for. */
  readonly channel: string;
  /** Slack's error code for that channel. */
  readonly code: string;
  /** Where the message goes instead. */
  readonly defaultChannel: string;
}

/**
 * The message for the default channel: out of any thread (the thread lives in the other
 * channel), its text prefixed with the channel it was for, and the note above its blocks.
 *
 * @example
 * ```ts
 * const moved = redirectedMessage(message, { channel: '#payments', code: 'not_in_channel', defaultChannel: '#aws-alerts' });
 * // moved.text: '[for #payments] …'
 * ```
 */
export function redirectedMessage(message: SlackMessage, redirect: Redirect): SlackMessage {
  const note = redirectNote(redirect.channel, redirect.code);
  const { thread_ts: _thread, reply_broadcast: _broadcast, ...rest } = message;
  return {
    ...rest,
    channel: redirect.defaultChannel,
    text: `[for ${redirect.channel}] ${message.text}`,
    blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: note }] }, ...message.blocks],
  };
}
