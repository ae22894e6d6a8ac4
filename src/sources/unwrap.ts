/**
 * Unwraps every input shape cloudbell accepts into envelopes: a Lambda SQS batch (bodies that
 * are EventBridge events or SNS notifications), a Lambda SNS event, an EventBridge event, the
 * CloudWatch alarm action. Nothing here throws: what cannot be read becomes an `unknown`
 * envelope that the generic family still posts.
 */
import * as z from 'zod/mini';
import type { Envelope } from './envelope.js';

const sqsRecord = z.looseObject({
  messageId: z.string(),
  body: z.string(),
  eventSource: z.literal('aws:sqs'),
});

const snsRecord = z.looseObject({
  EventSource: z.literal('aws:sns'),
  Sns: z.looseObject({
    MessageId: z.optional(z.string()),
    TopicArn: z.optional(z.string()),
    Subject: z.optional(z.nullable(z.string())),
    Timestamp: z.optional(z.string()),
    Message: z.string(),
  }),
});
const snsEvent = z.looseObject({ Records: z.array(snsRecord).check(z.minLength(1)) });

/** An SNS notification as delivered to SQS without raw message delivery. */
const snsNotification = z.looseObject({
  Type: z.literal('Notification'),
  MessageId: z.string(),
  TopicArn: z.optional(z.string()),
  Subject: z.optional(z.nullable(z.string())),
  Timestamp: z.optional(z.string()),
  Message: z.string(),
});

export const eventBridgeEvent = z.looseObject({
  version: z.optional(z.string()),
  id: z.string(),
  'detail-type': z.string(),
  source: z.string(),
  account: z.optional(z.string()),
  time: z.optional(z.string()),
  region: z.optional(z.string()),
  resources: z.optional(z.array(z.unknown())),
  detail: z.unknown(),
});
export type EventBridgeEvent = z.infer<typeof eventBridgeEvent>;

const alarmAction = z.looseObject({
  alarmArn: z.string(),
  alarmData: z.looseObject({ alarmName: z.string(), state: z.looseObject({ value: z.string() }) }),
});

/** A CloudWatch alarm notification (the JSON inside `Sns.Message`). */
const snsAlarmMessage = z.looseObject({
  AlarmName: z.string(),
  NewStateValue: z.string(),
});

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, problem: `not JSON: ${(e as Error).message}` };
  }
}

interface SnsMeta {
  MessageId?: string;
  TopicArn?: string;
  Subject?: string | null;
  Timestamp?: string;
  Message: string;
}

function fromSns(sns: SnsMeta, recordId?: string): Envelope {
  const meta = {
    ...(sns.TopicArn ? { topicArn: sns.TopicArn } : {}),
    ...(sns.Subject ? { subject: sns.Subject } : {}),
    ...(sns.Timestamp ? { timestamp: sns.Timestamp } : {}),
  };
  const base = {
    ...(sns.MessageId ? { deliveryId: sns.MessageId } : {}),
    ...(recordId ? { recordId } : {}),
    sns: meta,
  };
  const parsed = parseJson(sns.Message);
  if (!parsed.ok) return { ...base, shape: 'sns', event: sns.Message };
  if (hasKey(parsed.value, 'AlarmName') && snsAlarmMessage.safeParse(parsed.value).success)
    return { ...base, shape: 'sns-alarm', event: parsed.value };
  // An EventBridge event published through SNS (e.g. a forwarder) is still an EventBridge event.
  const eb = hasKey(parsed.value, 'detail-type') ? eventBridgeEvent.safeParse(parsed.value) : undefined;
  if (eb?.success) return { ...base, shape: 'eventbridge', event: parsed.value, deliveryId: eb.data.id };
  return { ...base, shape: 'sns', event: parsed.value };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether `value` has the key a shape requires. Checked before the schema: a loose schema copies
 * every key of the object it parses, and a 256 KB body of 12,000 keys cost ~10 ms per schema tried.
 */
const hasKey = (value: unknown, key: string) => isRecord(value) && Object.hasOwn(value, key);

/** One already-parsed event (not a batch). */
function single(value: unknown, recordId?: string): Envelope {
  const rid = recordId ? { recordId } : {};
  const eb = hasKey(value, 'detail-type') ? eventBridgeEvent.safeParse(value) : undefined;
  if (eb?.success) return { shape: 'eventbridge', event: value, deliveryId: eb.data.id, ...rid };
  if (hasKey(value, 'alarmData') && alarmAction.safeParse(value).success)
    return { shape: 'alarm-action', event: value, ...rid };
  const note = hasKey(value, 'Message') ? snsNotification.safeParse(value) : undefined;
  if (note?.success) return fromSns(note.data, recordId);
  if (hasKey(value, 'AlarmName') && snsAlarmMessage.safeParse(value).success)
    return { shape: 'sns-alarm', event: value, ...rid };
  return { shape: 'unknown', event: value, ...rid };
}

/** An error's message, never the value that caused it. */
const messageOf = (e: unknown) => (e instanceof Error ? String(e.message).slice(0, 200) : 'unknown error');

/** One SQS record: its body unwrapped, or an `unknown` envelope saying why not. Never throws. */
function fromSqsRecord(record: unknown): Envelope {
  const messageId = isRecord(record) && typeof record.messageId === 'string' ? record.messageId : undefined;
  const rid = messageId !== undefined ? { recordId: messageId } : {};
  try {
    const parsedRecord = sqsRecord.safeParse(record);
    if (!parsedRecord.success)
      return { shape: 'unknown', event: record, ...rid, problem: 'not an SQS record with a body' };
    const { body } = parsedRecord.data;
    const parsed = parseJson(body);
    if (!parsed.ok) return { shape: 'unknown', event: body, ...rid, problem: parsed.problem };
    return single(parsed.value, messageId);
  } catch (cause) {
    const body = isRecord(record) ? record.body : undefined;
    return { shape: 'unknown', event: body, ...rid, problem: `could not unwrap it: ${messageOf(cause)}` };
  }
}

/** The records of a Lambda SQS event, each on its own: one malformed record never hides the others. */
function sqsRecords(input: unknown): readonly unknown[] | undefined {
  if (!isRecord(input) || !Array.isArray(input.Records) || input.Records.length === 0) return undefined;
  return input.Records.some((r) => isRecord(r) && r.eventSource === 'aws:sqs') ? input.Records : undefined;
}

/**
 * Turns any input into envelopes, one per event. Never throws: each SQS record is unwrapped on
 * its own, and what cannot be read becomes an `unknown` envelope naming the problem.
 *
 * @example
 * ```ts
 * const envelopes = unwrap(sqsEvent); // one per SQS record
 * envelopes[0].recordId; // the SQS messageId, for batchItemFailures
 * ```
 */
export function unwrap(input: unknown): Envelope[] {
  const records = sqsRecords(input);
  if (records) return records.map(fromSqsRecord);
  try {
    const sns = snsEvent.safeParse(input);
    if (sns.success) return sns.data.Records.map((record) => fromSns(record.Sns));
    return [single(input)];
  } catch (cause) {
    return [{ shape: 'unknown', event: input, problem: `could not unwrap it: ${messageOf(cause)}` }];
  }
}
