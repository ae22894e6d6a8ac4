/**
 * What notify hands to the evidence worker after it posted an alarm's state change: the event
 * as it arrived (the worker reads it again with the same alarm reader, so it trusts nothing it
 * did not check), where the alert went (channel and thread), and what to add.
 */
import * as z from 'zod/mini';

/** A Slack message ts: seconds.micros. */
const TS = /^\d{1,12}\.\d{1,8}$/;

export const evidenceJobSchema = z.object({
  kind: z.literal('evidence'),
  envelope: z.object({
    shape: z.enum(['eventbridge', 'sns-alarm', 'sns', 'alarm-action', 'unknown']),
    event: z.unknown(),
    sns: z.optional(
      z.object({
        topicArn: z.optional(z.string()),
        subject: z.optional(z.string()),
        timestamp: z.optional(z.string()),
      }),
    ),
  }),
  /** The alert's dedupe key (alarm ARN + state time): one evidence run per state change and channel. */
  dedupeKey: z.string().check(z.minLength(1), z.maxLength(1024)),
  /** The channel as configured (name or id), for dedupe and storm counting. */
  channel: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The channel id Slack answered with, for the upload. */
  channelId: z.string().check(z.regex(/^[CGD][A-Z0-9]{2,}$/)),
  /** The thread the evidence goes in: the alarm's parent message. */
  threadTs: z.string().check(z.regex(TS)),
  graphs: z.boolean(),
  logs: z.boolean(),
  /** Epoch ms when the alert was posted (the benchmark measures from here). */
  postedAt: z.number(),
});

export type EvidenceJob = z.infer<typeof evidenceJobSchema>;
