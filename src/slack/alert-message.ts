/**
 * The one rule for an alert's message to one destination: the rich message (`./render.ts`)
 * unless Slack's limits (`./validate.ts`) would refuse it, then the minimal one. The pipeline
 * applies it to the messages it routes and delivery (through its `AlertRenderer` port) to the
 * ones it renders itself, so both always send the same message for the same alert.
 */
import type { Alert } from '../alerts/alert.js';
import type { Destination } from '../alerts/route.js';
import type { SlackMessage } from './message.js';
import { renderAlert, renderMinimal } from './render.js';
import { messageProblems } from './validate.js';

export interface AlertMessageOptions {
  /** Add the Acknowledge/Snooze buttons (config `actions.enabled`); default true. */
  readonly actions?: boolean;
}

/**
 * The alert for one destination: rich, or minimal when the rich form breaks Slack's limits.
 * Either way the message carries the plain `text` fallback with the destination's mentions.
 *
 * @example
 * ```ts
 * const message = alertMessage(alert, { channel: '#payments', mentions: ['@here'] }, { actions: false });
 * ```
 */
export function alertMessage(
  alert: Alert,
  destination: Destination,
  options: AlertMessageOptions = {},
): SlackMessage {
  const render = {
    channel: destination.channel,
    mentions: destination.mentions,
    actions: options.actions ?? true,
  };
  const rich = renderAlert(alert, render);
  return messageProblems(rich).length === 0 ? rich : renderMinimal(alert, render);
}

/**
 * The smallest form that still says what happened, with the destination's mentions: for when
 * Slack refused the rich one.
 *
 * @example
 * ```ts
 * const retry = minimalMessage(alert, { channel: '#payments', mentions: [] });
 * ```
 */
export function minimalMessage(alert: Alert, destination: Destination): SlackMessage {
  return renderMinimal(alert, { channel: destination.channel, mentions: destination.mentions });
}
