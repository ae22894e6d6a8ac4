/**
 * What delivery asks about the actions people took on an alarm thread (src/actions): whether
 * it is snoozed (later changes go into the thread without notifying anyone), what status line
 * its parent shows, and that a new ALARM thread starts its escalation. Optional: without it,
 * delivery posts as if nobody had acted.
 */
import type { RuleActions, RuleKey, ThreadActions, ThreadId } from '../actions/state.js';
import type { ThreadRecord } from './store.js';

export interface ThreadActionsPort {
  statusOf(thread: ThreadId): Promise<ThreadActions>;
  /**
   * A new ALARM thread, or a critical/high security finding (`finding`), was posted (`title`
   * is its one-line text): its escalation starts.
   */
  opened(record: ThreadRecord, title: string, finding?: boolean): Promise<void>;
  /** A security rule's running mute and snooze for one principal. */
  ruleStatus(key: RuleKey, now: number): Promise<RuleActions>;
}
