/**
 * The messages delivery has to render itself, after the pipeline rendered the routed ones: the
 * alert again for a channel routing did not pick (an OK following its ALARM's thread), quiet
 * (no mentions) for a snoozed thread, and minimal when Slack refuses the rich form. A port, so
 * delivery asks the Slack renderer (`src/slack/alert-message.ts`) for them instead of calling back
 * into the pipeline.
 */
import type { Alert } from '../alerts/alert.js';
import type { Destination } from '../alerts/route.js';
import { type AlertMessageOptions, alertMessage, minimalMessage } from '../slack/alert-message.js';
import type { SlackMessage } from '../slack/message.js';

export interface AlertRenderer {
  /** The alert for one destination: rich, or minimal when the rich form breaks Slack's limits. */
  message(alert: Alert, destination: Destination): SlackMessage;
  /** The smallest form that still says what happened (Slack refused the rich one). */
  minimal(alert: Alert, destination: Destination): SlackMessage;
}

/**
 * The Slack renderer, with the one rule the pipeline also applies to the messages it routes
 * (`src/slack/alert-message.ts`), and the same config `actions.enabled`: an alert delivery
 * renders for a channel routing did not pick carries buttons only where the pipeline's would.
 *
 * @example
 * ```ts
 * const render = slackAlertRendererFor({ actions: config.actions.enabled });
 * const reply = render.message(alert, { channel: '#payments', mentions: [] });
 * ```
 */
export function slackAlertRendererFor(options: AlertMessageOptions = {}): AlertRenderer {
  return {
    message: (alert, destination) => alertMessage(alert, destination, options),
    minimal: minimalMessage,
  };
}

/** The Slack renderer with the buttons on (config `actions.enabled` defaults to true). */
export const slackAlertRenderer: AlertRenderer = slackAlertRendererFor();
