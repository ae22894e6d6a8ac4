/**
 * Where an alert goes at delivery time, after routing: an alarm leaving ALARM follows the
 * threads its ALARM opened (even where routing, by severity say, would send the OK elsewhere:
 * the story stays in one thread), and a security rule muted or snoozed for its principal is
 * held back or goes quietly into the snoozed event's thread (src/actions). Whatever cannot be
 * read leaves the routes as they are.
 */
import type { Alert } from '../alerts/alert.js';
import type { Outcome } from '../pipeline.js';
import { withoutActions } from '../slack/action-blocks.js';
import type { SlackMessage } from '../slack/message.js';
import type { AlertRenderer } from './alert-renderer.js';
import { carryOn } from './carry-on.js';
import type { DeliveryRuntime } from './runtime.js';
import type { ThreadRecord, ThreadStore } from './store.js';
import type { ThreadActionsPort } from './thread-actions.js';
import { openThreadsFor } from './thread-plan.js';

export type Deliveries = Outcome['deliveries'];

export interface DestinationsOptions {
  readonly store: Pick<ThreadStore, 'threadsOf'>;
  readonly runtime: DeliveryRuntime;
  readonly render: AlertRenderer;
  readonly actions?: Pick<ThreadActionsPort, 'ruleStatus'>;
}

/**
 * @example
 * ```ts
 * const deliveries = await destinationsOf(outcome, { store, runtime, render: slackAlertRenderer });
 * ```
 */
export async function destinationsOf(outcome: Outcome, o: DestinationsOptions): Promise<Deliveries> {
  const thread = outcome.alert?.thread;
  const alert = outcome.alert;
  if (alert?.family === 'security') return securityDestinations(alert, outcome.deliveries, o);
  if (!alert || !thread || thread.state === 'ALARM') return outcome.deliveries;
  const records = await carryOn<ThreadRecord[] | undefined>(
    o.runtime,
    { message: 'could not look up the alarm threads; following the routes' },
    () => o.store.threadsOf(thread.key),
    undefined,
  );
  if (!records) return outcome.deliveries;
  const open = openThreadsFor(thread, records);
  if (open.length === 0) return outcome.deliveries;
  return open.map((record) => {
    const routed = outcome.deliveries.find((d) => d.destination.channel === record.channel);
    if (routed) return routed;
    const destination = { channel: record.channel, mentions: [] };
    return { destination, message: o.render.message(alert, destination) };
  });
}

/**
 * A security rule muted for this principal is not posted; one snoozed goes, once and without
 * mentions, into the snoozed event's thread (src/actions). Unreadable: posted as routed.
 */
async function securityDestinations(
  alert: Alert,
  routed: Deliveries,
  o: DestinationsOptions,
): Promise<Deliveries> {
  const { catalogueId, principalArn } = alert.route;
  const first = routed[0];
  const actions = o.actions;
  const rt = o.runtime;
  if (!actions || !catalogueId || !principalArn || !first) return routed;
  const status = await carryOn(
    rt,
    { message: 'could not read the rule mutes; posting as routed' },
    () => actions.ruleStatus({ catalogueId, principal: principalArn }, rt.clock.now()),
    undefined,
  );
  if (!status) return routed;
  if (status.mute) {
    rt.log.info('not posted: rule muted for this principal', {
      catalogueId,
      mutedBy: status.mute.by,
      until: new Date(status.mute.until).toISOString(),
      dedupeKey: alert.dedupeKey,
    });
    return [];
  }
  if (!status.snooze) return routed;
  const quiet = withoutActions(o.render.message(alert, { channel: first.destination.channel, mentions: [] }));
  const message: SlackMessage = {
    ...quiet,
    channel: status.snooze.thread.channelId,
    thread_ts: status.snooze.thread.ts,
  };
  return [{ destination: { ...first.destination, mentions: [] }, message }];
}
