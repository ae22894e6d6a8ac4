/**
 * What the slack handler hands to the errors-worker (by async invoke), validated again on
 * arrival: the worker trusts nothing it did not check, and posts only to Slack's own hosts.
 */
import * as z from 'zod/mini';
import { MAX_WINDOW_SECONDS } from '../core/duration.js';

/** response_url is always on hooks.slack.com; anything else is refused so a forged job cannot make the worker post elsewhere. */
export const RESPONSE_URL = /^https:\/\/hooks\.slack(-gov)?\.com\/(commands|actions)\/[A-Za-z0-9/_-]+$/;

const name = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('function'), name }),
  z.object({ kind: z.literal('prefix'), prefix: name }),
]);

export const errorsJobSchema = z.object({
  kind: z.literal('command'),
  query: z.object({
    target: targetSchema,
    sinceSeconds: z.number().check(z.int(), z.gte(60), z.lte(MAX_WINDOW_SECONDS)),
    region: z.string().check(z.regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/)),
    public: z.boolean(),
  }),
  responseUrl: z.string().check(z.regex(RESPONSE_URL)),
  requester: z.object({ teamId: z.string(), channelId: z.string(), userId: z.string() }),
  requestedAt: z.string(),
});

/** One /aws-errors command for the worker; `query.region` is always resolved by the slack handler. */
export type ErrorsJob = z.infer<typeof errorsJobSchema>;

/** The scheduled digest: an EventBridge "Scheduled Event" or a schedule's constant input `{ "kind": "digest" }`. */
export function isDigestEvent(event: unknown): boolean {
  const e = (event ?? {}) as Record<string, unknown>;
  return e.kind === 'digest' || (e.source === 'aws.events' && e['detail-type'] === 'Scheduled Event');
}
