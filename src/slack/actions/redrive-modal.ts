/**
 * The Redrive confirmation modal: which queue, how many messages, back to which source queues.
 * `private_metadata` carries the queue ARN and the alert's thread to the view_submission.
 */
import * as z from 'zod/mini';
import { type QueueFacts, queueName } from '../../actions/redrive.js';
import type { ThreadId } from '../../actions/state.js';
import { oneLine, safeText } from '../text.js';

export const REDRIVE_CALLBACK_ID = 'cloudbell_redrive';

const metadataSchema = z.object({
  q: z.string().check(z.regex(/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/)),
  c: z.string().check(z.regex(/^[CGD][A-Z0-9]{2,}$/)),
  t: z.string().check(z.regex(/^\d{6,12}\.\d{1,8}$/)),
});

export function redriveMetadata(queueArn: string, thread: ThreadId): string {
  return JSON.stringify({ q: queueArn, c: thread.channelId, t: thread.ts });
}

export function readRedriveMetadata(text: string): { queueArn: string; thread: ThreadId } | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text));
    return parsed.success
      ? { queueArn: parsed.data.q, thread: { channelId: parsed.data.c, ts: parsed.data.t } }
      : undefined;
  } catch {
    return undefined;
  }
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } });

/** The confirmation modal. */
export function redriveModal(queueArn: string, thread: ThreadId, facts: QueueFacts) {
  const [, , , region, account] = queueArn.split(':');
  const name = queueName(queueArn);
  const sources = (facts.sources ?? []).map((url) => safeText(oneLine(url.split('/').at(-1) ?? url), 80));
  const depth =
    facts.depth === undefined
      ? 'unknown (cloudbell could not read the queue)'
      : facts.depth.toLocaleString('en-US');
  return {
    type: 'modal' as const,
    callback_id: REDRIVE_CALLBACK_ID,
    private_metadata: redriveMetadata(queueArn, thread),
    title: plain('Redrive DLQ'),
    submit: plain('Redrive'),
    close: plain('Cancel'),
    blocks: [
      section(`*Queue*\n\`${name}\` · account ${account} · ${region}`),
      section(`*Messages waiting*\n${depth}`),
      section(
        `*Back to*\n${sources.length > 0 ? sources.map((s) => `\`${s}\``).join(', ') : 'the queue each message came from (no source queue could be listed)'}`,
      ),
      {
        type: 'context' as const,
        elements: [
          {
            type: 'mrkdwn' as const,
            text: 'Every message in the dead-letter queue is moved back to the queue it came from (an SQS message move task). Fix the consumer first, or they fail again. Progress is reported in the alert’s thread.',
          },
        ],
      },
    ],
  };
}

/** A modal that only says something (a refusal, "already running"). */
export function noticeModal(text: string) {
  return {
    type: 'modal' as const,
    title: plain('Redrive DLQ'),
    close: plain('Close'),
    blocks: [section(text)],
  };
}
