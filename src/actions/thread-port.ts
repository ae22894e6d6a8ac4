/**
 * The delivery-side view of the actions (delivery's ThreadActionsPort) on the action store:
 * the thread's acknowledgement and snooze, and the first escalation reminder of a new thread.
 */
import type { Config } from '../core/config.js';
import type { ThreadActionsPort } from '../delivery/thread-actions.js';
import { stepDueAt } from './escalation.js';
import type { ActionStorePort } from './store-port.js';

/**
 * @example
 * ```ts
 * deliver(outcomes, { …, actions: threadActionsPort(new ActionStore({ tableName }), config.escalation) });
 * ```
 */
export function threadActionsPort(
  store: Pick<ActionStorePort, 'get' | 'putReminder' | 'ruleStatus'>,
  escalation: Config['escalation'],
): ThreadActionsPort {
  return {
    statusOf: (thread) => store.get(thread),
    ruleStatus: (key, now) => store.ruleStatus(key, now),
    async opened(record, title, finding) {
      const openedAt = Date.parse(record.openedAt);
      const dueAt = Number.isFinite(openedAt) ? stepDueAt(escalation.steps, 0, openedAt) : undefined;
      if (dueAt === undefined) return;
      await store.putReminder({
        thread: { channelId: record.channelId, ts: record.ts },
        threadKey: record.threadKey,
        channel: record.channel,
        step: 0,
        openedAt,
        dueAt,
        title: title.slice(0, 300),
        ...(finding ? { finding: true } : {}),
      });
    },
  };
}
