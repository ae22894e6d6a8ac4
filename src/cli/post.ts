import type { ChatPostMessageArguments } from '@slack/web-api';
import { createSlackClient } from '../slack/client.js';
import type { SlackMessage } from '../slack/message.js';

/**
 * Posts messages one by one with the bot token, returning each message's `ts`. The channel
 * can be overridden (demo posts everything to one channel).
 */
export async function postAll(
  messages: readonly SlackMessage[],
  token: string,
  options: { channel?: string; apiUrl?: string } = {},
): Promise<string[]> {
  const { channel, apiUrl } = options;
  const client = createSlackClient({ token, ...(apiUrl ? { apiUrl } : {}) });
  const out: string[] = [];
  for (const message of messages) {
    const response = await client.chat.postMessage({
      ...message,
      ...(channel ? { channel } : {}),
      // Our Block types are a strict subset of Block Kit; web-api's union is wider.
    } as unknown as ChatPostMessageArguments);
    out.push(`${response.channel ?? message.channel} ${response.ts ?? ''}`.trim());
  }
  return out;
}
