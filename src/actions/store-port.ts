/**
 * What the actions need from the table; `src/state/action-store.ts` implements it on
 * DynamoDB and tests may use it directly against dynalite.
 */
import type { ActionStore } from '../state/action-store.js';

/** The store as the listeners, notify and the escalation sweep see it. */
export type ActionStorePort = Pick<
  ActionStore,
  | 'claimClick'
  | 'claimJob'
  | 'settleClick'
  | 'get'
  | 'acknowledge'
  | 'unacknowledge'
  | 'snooze'
  | 'unsnooze'
  | 'putReminder'
  | 'dueReminders'
  | 'takeReminder'
  | 'threadState'
  | 'ruleStatus'
  | 'muteRule'
  | 'unmuteRule'
  | 'snoozeRule'
  | 'unsnoozeRule'
>;
