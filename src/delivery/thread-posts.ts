/**
 * An alarm's thread in Slack: a state change replies in it (quietly when snoozed, without
 * buttons, broadcast when configured) and its parent is rewritten to the current state; a
 * repeat shown in place edits the parent; a new ALARM thread (or a critical finding) starts
 * its escalation; and each posted state change is told to the evidence hook.
 */
import { isSnoozed, type ThreadActions } from '../actions/state.js';
import type { Alert } from '../alerts/alert.js';
import { withActionStatus, withoutActions } from '../slack/action-blocks.js';
import type { SlackMessage } from '../slack/message.js';
import { parentUpdate } from '../slack/parent-status.js';
import { carryOn } from './carry-on.js';
import type { Item } from './item.js';
import { type SendOptions, type SentMessage, send, updateOrPlain } from './paced-send.js';
import type { RunContext } from './run-context.js';
import { SlackCallError } from './slack-port.js';
import type { ThreadRecord } from './store.js';

/** `chat.update` errors that mean the message to edit no longer exists or is not ours. */
const GONE: ReadonlySet<string> = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

/**
 * @example
 * ```ts
 * const threads = new ThreadPosts(run);
 * if (step === 'reply') await threads.reply(item, record, false, sendOptions);
 * ```
 */
export class ThreadPosts {
  constructor(private readonly run: RunContext) {}

  /** What people did on a thread; unreadable means "nothing": better a notification too many. */
  private actionsOn(record: ThreadRecord): Promise<ThreadActions | undefined> {
    return carryOn(
      this.run.rt,
      { message: 'could not read the thread actions; posting as if nobody acted' },
      () => this.run.actions?.statusOf({ channelId: record.channelId, ts: record.ts }),
      undefined,
    );
  }

  /**
   * A repeat shown in place (`onRepeat: 'update'`): the parent is edited to show it, keeping its
   * acknowledgement or snooze line (src/actions). False when the parent is gone: post anew.
   */
  async replace(item: Item, record: ThreadRecord): Promise<boolean> {
    const { alert, destination, message } = item;
    const thread = alert.thread;
    if (!thread) return false;
    const acted = await this.actionsOn(record);
    const shown = acted ? withActionStatus(message, acted, this.run.rt.clock.now()) : message;
    if (!(await this.replaceParent(record, shown, destination.channel))) return false;
    await this.run.threads.save({ ...record, state: thread.state, since: thread.since, parent: message });
    return true;
  }

  /**
   * The change replies in its thread and, unless it is a late older one (`stale`), the parent
   * is rewritten to the new state and the thread record follows.
   */
  async reply(item: Item, record: ThreadRecord, stale: boolean, options: SendOptions): Promise<void> {
    const { alert, destination, message } = item;
    const thread = alert.thread;
    if (!thread) return;
    const { rt, config } = this.run;
    // Snoozed: the change goes into the thread without mentions or a broadcast (src/actions).
    const acted = await this.actionsOn(record);
    const snoozed = isSnoozed(acted?.snooze, rt.clock.now());
    const body = snoozed
      ? this.run.render.message(alert, { channel: destination.channel, mentions: [] })
      : message;
    const reply: SlackMessage = {
      // People act on the parent: replies carry no action buttons.
      ...withoutActions(body),
      channel: record.channelId,
      thread_ts: record.ts,
      ...(config.slack.broadcastReplies && !stale && !snoozed ? { reply_broadcast: true } : {}),
    };
    await this.afterPost(item, await send(rt, reply, options));
    if (stale) return;
    const plain = parentUpdate(record, thread.state, thread.since, thread.words);
    const update = plain && acted ? withActionStatus(plain, acted, rt.clock.now()) : plain;
    if (update) {
      // The reply is out; a stale parent is a cosmetic problem, not a lost alert.
      await carryOn(
        rt,
        {
          message: 'could not update the thread parent',
          level: 'warn',
          fields: { channel: destination.channel },
          count: 'slackErrors',
        },
        () => rt.slack.update(update),
        undefined,
      );
    }
    await this.run.threads.save({ ...record, state: thread.state, since: thread.since });
  }

  /** Starts the escalation of a new ALARM thread; a failure costs the reminders, not the alert. */
  async escalate(
    threadKey: string,
    channel: string,
    sent: { channel: string; ts: string },
    alert: Alert,
    finding = false,
  ): Promise<void> {
    const since = alert.thread?.since ?? alert.time ?? new Date(this.run.rt.clock.now()).toISOString();
    const record: ThreadRecord = {
      threadKey,
      channel,
      channelId: sent.channel,
      ts: sent.ts,
      state: 'ALARM',
      since,
      openedAt: since,
      kind: 'alert',
    };
    await carryOn(
      this.run.rt,
      { message: 'could not schedule the escalation reminders' },
      () => this.run.actions?.opened(record, alert.fallback, finding),
      undefined,
    );
  }

  /**
   * Edits a thread's parent to show `message` (a GuardDuty finding whose count grew). Returns
   * false when the parent is gone or cannot be edited, so the caller posts a new one instead.
   */
  private async replaceParent(
    record: ThreadRecord,
    message: SlackMessage,
    channel: string,
  ): Promise<boolean> {
    const update = {
      channel: record.channelId,
      ts: record.ts,
      text: message.text,
      blocks: message.blocks,
      ...(message.attachments ? { attachments: message.attachments } : {}),
    };
    try {
      await updateOrPlain(this.run.rt, update, channel);
      return true;
    } catch (error) {
      if (error instanceof SlackCallError && GONE.has(error.code)) {
        this.run.rt.log.warn('the message to update is gone; posting a new one', {
          code: error.code,
          channel,
        });
        return false;
      }
      throw error;
    }
  }

  /** The evidence seam: a hook that fails is logged, never allowed to fail the delivery. */
  async afterPost(item: Item, sent: SentMessage): Promise<void> {
    const { onPosted } = this.run.rt;
    if (!onPosted || !item.alert.thread) return;
    await carryOn(
      this.run.rt,
      { message: 'the after-post hook failed' },
      () =>
        onPosted({
          alert: item.alert,
          channel: item.destination.channel,
          channelId: sent.channel,
          threadTs: sent.message.thread_ts ?? sent.ts,
        }),
      undefined,
    );
  }
}
