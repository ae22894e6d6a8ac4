/** The Slack messages an event would post, as `render`, `send`, `demo` and `preview` show them. */
import { processInput } from '../pipeline.js';
import type { SlackMessage } from '../slack/message.js';

/** The messages an input would post, without delivery metadata. */
export function messagesOf(
  input: unknown,
  config: Parameters<typeof processInput>[1]['config'],
  now = new Date(),
): SlackMessage[] {
  return processInput(input, { config, now }).flatMap((o) => o.deliveries.map((d) => d.message));
}

/** Only what the CLI promises: channel, text, blocks and attachments when present. */
export function publicShape(
  m: SlackMessage,
): Pick<SlackMessage, 'channel' | 'text' | 'blocks' | 'attachments'> {
  return {
    channel: m.channel,
    text: m.text,
    blocks: m.blocks,
    ...(m.attachments ? { attachments: m.attachments } : {}),
  };
}
