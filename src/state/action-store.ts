/**
 * What people did on alert threads, on cloudbell's table: one object the listeners, the
 * escalation sweep and the CLI hold. Each concern is its own file: the press and job claims
 * (action-claims.ts), acknowledgements (action-acks.ts), snoozes and mutes
 * (action-snoozes.ts), the escalation reminders and the alarm threads they check
 * (action-reminders.ts), all through the SDK v3 document client of action-table.ts. Every
 * change is a conditional write, so double clicks, Slack's retries and two people clicking at
 * once settle in DynamoDB, not in memory.
 *
 * | item              | pk                          | sk                                 |
 * |-------------------|-----------------------------|------------------------------------|
 * | acknowledgement   | `act#<channelId>#<ts>`      | `ack`                              |
 * | snooze            | `act#<channelId>#<ts>`      | `snooze`                           |
 * | job lease         | `act#<channelId>#<ts>`      | `job#<kind>`                       |
 * | click (one press) | `click#<channelId>#<ts>#<user>#<action_ts>` | `click`                 |
 * | due reminder      | `remind#due`                | `<dueAt ms, 15 digits>#<channelId>#<ts>` |
 *
 * The prefixes are distinct from the delivery items (`dedupe#`, `thread#`, `storm#`, `pace#`,
 * `digest#`); every item carries the TTL attribute `expiresAt` (epoch seconds).
 */
import { acknowledge, threadActions, unacknowledge } from './action-acks.js';
import { claimClick, claimJob, settleClick } from './action-claims.js';
import { dueReminders, openThreads, putReminder, takeReminder, threadState } from './action-reminders.js';
import {
  muteRule,
  ruleStatus,
  snooze,
  snoozeRule,
  unmuteRule,
  unsnooze,
  unsnoozeRule,
} from './action-snoozes.js';
import { type ActionStoreOptions, ActionTable } from './action-table.js';

export type { AckResult } from './action-acks.js';
export type { Reminder } from './action-items.js';
export type { ThreadState } from './action-reminders.js';
export type { SnoozeResult } from './action-snoozes.js';
export type { ActionStoreOptions } from './action-table.js';

/**
 * @example
 * ```ts
 * const store = new ActionStore({ tableName: process.env.CLOUDBELL_TABLE });
 * const result = await store.acknowledge({ channelId: 'C0ALERTS', ts: '1764151320.000100' }, 'U0ALICE12', Date.now());
 * ```
 */
export class ActionStore {
  private readonly table: ActionTable;

  constructor(options: ActionStoreOptions) {
    this.table = new ActionTable(options);
  }

  /** `run` on this store's table: each method is its concern file's function. */
  private on<A extends unknown[], R>(run: (table: ActionTable, ...args: A) => R): (...args: A) => R {
    return (...args) => run(this.table, ...args);
  }

  // Press and job claims (action-claims.ts).
  readonly claimClick = this.on(claimClick);
  readonly settleClick = this.on(settleClick);
  readonly claimJob = this.on(claimJob);
  // Acknowledgements, and everything a thread has (action-acks.ts).
  readonly get = this.on(threadActions);
  readonly acknowledge = this.on(acknowledge);
  readonly unacknowledge = this.on(unacknowledge);
  // Snoozes and mutes (action-snoozes.ts).
  readonly snooze = this.on(snooze);
  readonly unsnooze = this.on(unsnooze);
  readonly ruleStatus = this.on(ruleStatus);
  readonly muteRule = this.on(muteRule);
  readonly unmuteRule = this.on(unmuteRule);
  readonly snoozeRule = this.on(snoozeRule);
  readonly unsnoozeRule = this.on(unsnoozeRule);
  // Escalation reminders and the alarm threads they check (action-reminders.ts).
  readonly putReminder = this.on(putReminder);
  readonly dueReminders = this.on(dueReminders);
  readonly takeReminder = this.on(takeReminder);
  readonly openThreads = this.on(openThreads);
  readonly threadState = this.on(threadState);
}
