/**
 * One (alert, channel) delivery of a batch, as the delivery collaborators (claims, thread
 * records, the run) pass it between them.
 */
import type { Alert } from '../alerts/alert.js';
import type { Destination } from '../alerts/route.js';
import type { SlackMessage } from '../slack/message.js';
import type { StateChange } from '../slack/story.js';
import type { DeliveryKey } from './store.js';

export interface Item {
  readonly recordId: string | undefined;
  readonly alert: Alert;
  readonly destination: Destination;
  readonly message: SlackMessage;
  readonly key: DeliveryKey;
  /** Earlier pending changes of the same alarm this item shows too (oldest first). */
  readonly earlier: readonly Item[];
}

/**
 * The item and the earlier changes it stands for: what is claimed, marked and reported together.
 *
 * @example
 * ```ts
 * stats.failed += covered(group).length;
 * ```
 */
export const covered = (items: readonly Item[]): Item[] => items.flatMap((i) => [...i.earlier, i]);

/**
 * The state changes an item shows, oldest first: its earlier pending changes, then its own.
 *
 * @example
 * ```ts
 * changesOf(okItemWithItsAlarm); // [{ state: 'ALARM', since: … }, { state: 'OK', since: … }]
 * ```
 */
export function changesOf(item: Item): StateChange[] {
  return [...item.earlier, item].flatMap((i) =>
    i.alert.thread ? [{ state: i.alert.thread.state, since: i.alert.thread.since }] : [],
  );
}
