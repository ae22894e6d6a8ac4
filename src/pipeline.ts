/**
 * The alert pipeline shared by the notify Lambda and the CLI:
 * input → envelopes → family → Alert → ignore/route → Slack messages.
 */
import type { Alert } from './alerts/alert.js';
import { type Destination, ignoredBecause, routeAlert } from './alerts/route.js';
import { wellFormed, wellFormedAlert } from './alerts/well-formed.js';
import { expandEnvelope } from './families/expand.js';
import { type FamilyContext, readContext } from './families/family.js';
import { genericFamily } from './families/generic/index.js';
import { FAMILIES } from './families/registry.js';
import { alertMessage, minimalMessage } from './slack/alert-message.js';
import type { SlackMessage } from './slack/message.js';
import { safeText } from './slack/text.js';
import type { Envelope } from './sources/envelope.js';
import { unwrap } from './sources/unwrap.js';

export interface Outcome {
  readonly envelope: Envelope;
  /** `null` when the event is deliberately not posted. */
  readonly alert: Alert | null;
  /** Why it is not posted, when `alert` is null or an ignore rule matched. */
  readonly ignored?: string;
  readonly deliveries: ReadonlyArray<{ destination: Destination; message: SlackMessage }>;
}

/** An error's message, for logs and messages; never the value that broke it. */
function messageOf(cause: unknown): string {
  return cause instanceof Error ? String(cause.message).slice(0, 300) : 'unknown error';
}

/** The same with the error's name, when the failure was not a family's. */
function reasonOf(cause: unknown): string {
  return cause instanceof Error ? `${String(cause.name).slice(0, 50)}: ${messageOf(cause)}` : 'unknown error';
}

/**
 * The alert for one envelope: the first family whose `read` claims it builds the alert from
 * what it read. A family that throws on a malformed event falls back to the generic family:
 * bad input never loses the event.
 */
export function toAlert(envelope: Envelope, context: FamilyContext): Alert | null {
  const reads = readContext(envelope, context);
  for (const family of FAMILIES) {
    try {
      const read = family.read(envelope, reads);
      if (read === undefined) continue;
      return family.toAlert(read, context);
    } catch (cause) {
      const problem = `${family.id} family could not read it: ${messageOf(cause)}`;
      return genericFamily.toAlert({ ...envelope, problem }, context);
    }
  }
  return genericFamily.toAlert(envelope, context);
}

function checkedOutcome(envelope: Envelope, context: FamilyContext): Outcome {
  const found = toAlert(envelope, context);
  if (!found)
    return {
      envelope,
      alert: null,
      ignored: 'not a state change or deliberately not posted',
      deliveries: [],
    };
  const alert = wellFormedAlert(found);
  const ignored = ignoredBecause(alert, context.config);
  if (ignored) return { envelope, alert, ignored, deliveries: [] };
  const deliveries = routeAlert(alert, context.config).map((destination) => ({
    destination,
    message: alertMessage(alert, destination, { actions: context.config.actions.enabled }),
  }));
  return { envelope, alert, deliveries };
}

/**
 * Second chance for an envelope whose family, routing or rendering threw: the generic alert
 * naming the problem, to the default channel (routing already failed once), minimal if even
 * its rich rendering fails.
 */
function rescuedOutcome(envelope: Envelope, context: FamilyContext, problem: string): Outcome {
  const withProblem = { ...envelope, problem };
  const alert = wellFormedAlert(genericFamily.toAlert(withProblem, context) as Alert);
  const destination: Destination = { channel: context.config.slack.defaultChannel, mentions: [] };
  let message: SlackMessage;
  try {
    message = alertMessage(alert, destination);
  } catch {
    message = minimalMessage(alert, destination);
  }
  return { envelope: withProblem, alert, deliveries: [{ destination, message }] };
}

/**
 * The fixed message for a record nothing else could describe. It names the SQS message id (or
 * the delivery id) so an operator can find the record in the logs; it reads nothing else.
 *
 * @example
 * ```ts
 * unreadableOutcome({ shape: 'unknown', event: body, recordId: 'm-1' }, context, 'RangeError: …');
 * // text: '⚠️ cloudbell received a record it could not read (SQS message m-1) …'
 * ```
 */
export function unreadableOutcome(envelope: Envelope, context: FamilyContext, problem: string): Outcome {
  const idOf = (v: unknown) => (typeof v === 'string' ? wellFormed(v).slice(0, 128) : undefined);
  const recordId = idOf(envelope.recordId);
  const deliveryId = idOf(envelope.deliveryId);
  const which = recordId ? `SQS message ${recordId}` : deliveryId ? `delivery ${deliveryId}` : 'no id';
  const fallback = `cloudbell received a record it could not read (${which}); see the notify function's logs`;
  const alert: Alert = {
    family: 'generic',
    severity: 'info',
    emoji: '⚠️',
    title: 'Unreadable record',
    facts: [],
    context: [],
    links: [],
    fallback,
    dedupeKey: recordId
      ? `unreadable:sqs:${recordId}`
      : `unreadable:${deliveryId ?? context.now.getTime().toString()}`,
    route: {},
  };
  const channel = context.config.slack.defaultChannel;
  return {
    envelope: { ...envelope, problem },
    alert,
    deliveries: [
      {
        destination: { channel, mentions: [] },
        message: {
          channel,
          text: `⚠️ ${safeText(fallback, 400)}`,
          blocks: [],
          unfurl_links: false,
          unfurl_media: false,
        },
      },
    ],
  };
}

/**
 * Runs one envelope through the pipeline. Never throws: a family, a route or a render that
 * fails on this envelope gives the generic message naming the problem, and if even that
 * cannot be built, the fixed unreadable-record message. Other envelopes are not affected.
 */
export function processEnvelope(envelope: Envelope, context: FamilyContext): Outcome {
  try {
    return checkedOutcome(envelope, context);
  } catch (cause) {
    const problem = `could not process it: ${reasonOf(cause)}`;
    try {
      return rescuedOutcome(envelope, context, problem);
    } catch {
      return unreadableOutcome(envelope, context, problem);
    }
  }
}

/**
 * Runs any input (one event, an SQS batch, an SNS event) through the pipeline, one envelope
 * at a time: what one record does never reaches another. Never throws.
 *
 * @example
 * ```ts
 * const outcomes = processInput(event, { config, now: new Date() });
 * const messages = outcomes.flatMap((o) => o.deliveries.map((d) => d.message));
 * ```
 */
export function processInput(input: unknown, context: FamilyContext): Outcome[] {
  return unwrap(input)
    .flatMap(expandEnvelope)
    .map((envelope) => processEnvelope(envelope, context));
}
