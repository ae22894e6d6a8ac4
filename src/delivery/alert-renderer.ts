/**
 * The messages delivery has to render itself, after the pipeline rendered the routed ones: the
 * alert again for a channel routing did not pick (an OK following its ALARM's thread), quiet
 * (no mentions) for a snoozed thread, and minimal when Slack refuses the rich form. A port, so
 * delivery asks the Slack renderer (`src/slack/render.ts`) for them instead of calling back
 * into the pipeline.
 */
import type { Alert } from '../alerts/alert.js';
import type { Destination } from '../alerts/route.js';
import type { SlackMessage } from '../slack/message.js';
import { renderAlert, renderMinimal } from '../slack/render.js';
import { messageProblems } from '../slack/validate.js';

export interface AlertRenderer {
  /** The alert for one destination: rich, or minimal when the rich form breaks Slack's limits. */
  message(alert: Alert, destination: Destination): SlackMessage;
  /** The smallest form that still says what happened (Slack refused the rich one). */
  minimal(alert: Alert, destination: Destination): SlackMessage;
}

/**
 * The Slack renderer, with the rule the pipeline applies to the messages it routes: the rich
 * message unless Slack's limits would refuse it (`src/slack/validate.ts`), then the minimal one.
 *
 * @example
 * ```ts
 * const reply = slackAlertRenderer.message(alert, { channel: '#payments', mentions: [] });
 * ```
 */
export const slackAlertRenderer: AlertRenderer = {
  message(alert, destination) {
    const options = { channel: destination.channel, mentions: destination.mentions, actions: true };
    const rich = renderAlert(alert, options);
    return messageProblems(rich).length === 0 ? rich : renderMinimal(alert, options);
  },
  minimal: (alert, destination) =>
    renderMinimal(alert, { channel: destination.channel, mentions: destination.mentions }),
};
