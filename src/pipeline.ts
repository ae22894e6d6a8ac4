/**
 * The alert pipeline shared by the notify Lambda and the CLI:
 * input → envelopes → family → Alert → ignore/route → Slack messages.
 */
import type { Alert } from './alerts/alert.js';
import { type Destination, ignoredBecause, routeAlert } from './alerts/route.js';
import type { Envelope } from './events/envelope.js';
import type { FamilyContext } from './events/family.js';
import { genericFamily } from './events/generic.js';
import { FAMILIES } from './events/registry.js';
import { unwrap } from './events/unwrap.js';
import type { SlackMessage } from './slack/message.js';
import { renderAlert, renderMinimal } from './slack/render.js';
import { messageProblems } from './slack/validate.js';

export interface Outcome {
  readonly envelope: Envelope;
  /** `null` when the event is deliberately not posted. */
  readonly alert: Alert | null;
  /** Why it is not posted, when `alert` is null or an ignore rule matched. */
  readonly ignored?: string;
  readonly deliveries: ReadonlyArray<{ destination: Destination; message: SlackMessage }>;
}

/**
 * The alert for one envelope. A family that throws on a malformed event falls back to the
 * generic family: bad input never loses the event.
 */
export function toAlert(envelope: Envelope, context: FamilyContext): Alert | null {
  for (const family of FAMILIES) {
    if (!family.matches(envelope, context)) continue;
    try {
      return family.toAlert(envelope, context);
    } catch (cause) {
      const problem = `${family.id} family could not read it: ${(cause as Error).message}`;
      return genericFamily.toAlert({ ...envelope, problem }, context);
    }
  }
  return genericFamily.toAlert(envelope, context);
}

/** Renders an alert for one destination, falling back to the minimal message if a limit breaks. */
export function messageFor(
  alert: Alert,
  destination: Destination,
  config?: { actions: { enabled: boolean } },
): SlackMessage {
  const options = {
    channel: destination.channel,
    mentions: destination.mentions,
    actions: config?.actions.enabled ?? true,
  };
  const rich = renderAlert(alert, options);
  return messageProblems(rich).length === 0 ? rich : renderMinimal(alert, options);
}

/** Runs one envelope through the pipeline. */
export function processEnvelope(envelope: Envelope, context: FamilyContext): Outcome {
  const alert = toAlert(envelope, context);
  if (!alert)
    return { envelope, alert, ignored: 'not a state change or deliberately not posted', deliveries: [] };
  const ignored = ignoredBecause(alert, context.config);
  if (ignored) return { envelope, alert, ignored, deliveries: [] };
  const deliveries = routeAlert(alert, context.config).map((destination) => ({
    destination,
    message: messageFor(alert, destination, context.config),
  }));
  return { envelope, alert, deliveries };
}

/**
 * Runs any input (one event, an SQS batch, an SNS event) through the pipeline.
 *
 * @example
 * ```ts
 * const outcomes = processInput(event, { config, now: new Date() });
 * const messages = outcomes.flatMap((o) => o.deliveries.map((d) => d.message));
 * ```
 */
export function processInput(input: unknown, context: FamilyContext): Outcome[] {
  return unwrap(input).map((envelope) => processEnvelope(envelope, context));
}
