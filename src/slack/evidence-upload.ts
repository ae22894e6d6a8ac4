/**
 * Posting evidence into an alarm's thread with `@slack/web-api`: images through
 * `filesUploadV2` (files.getUploadURLExternal → POST the bytes → files.completeUploadExternal
 * with channel_id and thread_ts; `files.upload` is gone), log lines as a threaded reply.
 */
import type { WebClient } from '@slack/web-api';
import type { EvidenceSlack } from '../evidence/evidence-ports.js';
import type { Block } from './message.js';

/**
 * @example
 * ```ts
 * const slack = webApiEvidence(createSlackClient({ token }));
 * await slack.uploadImage({ channelId: 'C0ALERTS', threadTs: '1764165724.000100', bytes, filename: 'a.png', title, altText });
 * ```
 */
export function webApiEvidence(client: WebClient): EvidenceSlack {
  return {
    async uploadImage(input) {
      await client.filesUploadV2({
        channel_id: input.channelId,
        thread_ts: input.threadTs,
        file: Buffer.from(input.bytes),
        filename: input.filename,
        title: input.title,
        alt_text: input.altText,
        ...(input.comment ? { initial_comment: input.comment } : {}),
      });
    },
    async reply(input) {
      await client.chat.postMessage({
        channel: input.channelId,
        thread_ts: input.threadTs,
        text: input.text,
        blocks: input.blocks as Block[],
        unfurl_links: false,
        unfurl_media: false,
      });
    },
  };
}
