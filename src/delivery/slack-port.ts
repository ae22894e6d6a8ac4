/**
 * What delivery needs from Slack, and nothing more: post and update. The web-api adapter
 * lives in `src/slack/web-api-port.ts`; tests point it at a local stand-in. Keeping the SDK out of
 * this folder keeps the orchestration testable and the domain free of Slack packages.
 */
import { SlackDeliveryError } from '../core/errors.js';
import type { Attachment, Block, SlackMessage } from '../slack/message.js';

/** Where a posted message landed: Slack's channel id and the message `ts`. */
export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
}

/** A `chat.update` of one of cloudbell's own messages. */
export interface MessageUpdate {
  readonly channel: string;
  readonly ts: string;
  readonly text: string;
  readonly blocks: Block[];
  readonly attachments?: Attachment[];
}

export interface SlackPort {
  postMessage(message: SlackMessage): Promise<PostedMessage>;
  update(update: MessageUpdate): Promise<void>;
}

/**
 * A failed Slack call. `code` is Slack's error string (`channel_not_found`), `ratelimited`,
 * `http_503` or `request_error`; `retryAfterSeconds` is set for 429s.
 *
 * @example
 * ```ts
 * throw new SlackCallError('chat.postMessage: ratelimited', 'ratelimited', true, { retryAfterSeconds: 3 });
 * ```
 */
export class SlackCallError extends SlackDeliveryError {
  readonly retryAfterSeconds: number | undefined;

  constructor(
    message: string,
    code: string,
    retryable: boolean,
    options: ErrorOptions & { retryAfterSeconds?: number } = {},
  ) {
    super(message, code, retryable, options);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Slack refused the payload itself: a minimal text message will get through. */
export const PAYLOAD_REJECTED: ReadonlySet<string> = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_attachments',
  'msg_too_long',
  'msg_blocks_too_long',
  'too_many_attachments',
]);

/** The channel is unusable for the bot: the default channel gets the message, with a note. */
export const CHANNEL_UNUSABLE: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
]);
