/**
 * The slow work a button hands to the errors-worker by async invoke (Slack wants an answer in
 * 3 s): the errors of an alarm's function, and a DLQ redrive. Validated again on arrival, like
 * the /aws-errors job: the worker trusts nothing it did not check.
 */
import * as z from 'zod/mini';
import { MAX_WINDOW_SECONDS } from '../core/duration.js';

const thread = z.object({
  channelId: z.string().check(z.regex(/^[CGD][A-Z0-9]{2,}$/)),
  ts: z.string().check(z.regex(/^\d{6,12}\.\d{1,8}$/)),
});
const region = z.string().check(z.regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/));
const userId = z.string().check(z.regex(/^[UW][A-Z0-9]{2,}$/));
/** What every job a button press starts carries: the alert's thread, who pressed, and when. */
const pressed = { thread, userId, requestedAt: z.string() };

export const threadErrorsJobSchema = z.object({
  kind: z.literal('thread-errors'),
  functionName: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  region,
  sinceSeconds: z.number().check(z.int(), z.gte(60), z.lte(MAX_WINDOW_SECONDS)),
  ...pressed,
});
export type ThreadErrorsJob = z.infer<typeof threadErrorsJobSchema>;

export const redriveJobSchema = z.object({
  kind: z.literal('redrive'),
  queueArn: z.string().check(z.regex(/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/)),
  ...pressed,
});
export type RedriveJob = z.infer<typeof redriveJobSchema>;

/** A thread note Slack refused in the 3-second window (a 429 in a busy channel): the worker posts it. */
export const threadNoteJobSchema = z.object({
  kind: z.literal('thread-note'),
  thread,
  text: z.string().check(z.minLength(1), z.maxLength(3000)),
  requestedAt: z.string(),
});
export type ThreadNoteJob = z.infer<typeof threadNoteJobSchema>;

export const ACTION_JOB_KINDS = ['thread-errors', 'redrive', 'thread-note'] as const;

export function isActionJob(event: unknown): boolean {
  const kind = (event as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && (ACTION_JOB_KINDS as readonly string[]).includes(kind);
}

/** Errors from 15 minutes before the state change until now, within /aws-errors' limits. */
export function errorsWindowSeconds(stateChange: string | undefined, now: number): number {
  const since = Date.parse(stateChange ?? '');
  const lead = 15 * 60;
  const seconds = Number.isFinite(since) ? Math.round((now - since) / 1000) + lead : 3600;
  return Math.min(MAX_WINDOW_SECONDS, Math.max(lead, seconds));
}
