/**
 * Outside a storm, alerts go out one by one, each as its own message or as a step of its
 * alarm's thread: a new parent, a reply, an edit in place, or nothing for an older repeat. A
 * change whose earlier state is not shown yet waits, and so does every later change of an
 * alarm whose post failed: a later state never overtakes an earlier one.
 */
import { escalates } from '../actions/escalation.js';
import { CloudbellError } from '../core/errors.js';
import type { DigestReplies } from './digest-replies.js';
import { covered, type Item } from './item.js';
import { send } from './paced-send.js';
import type { RunContext } from './run-context.js';
import { inThreadOrder } from './thread-plan.js';
import type { ThreadPosts } from './thread-posts.js';

/** The alarm's earlier state change has not been posted yet: try again later. */
class NotYet extends CloudbellError {}

/**
 * @example
 * ```ts
 * await new SinglePosts(run, threadPosts, digestReplies).oneByOne(group);
 * ```
 */
export class SinglePosts {
  constructor(
    private readonly run: RunContext,
    private readonly threadPosts: ThreadPosts,
    private readonly digestReplies: DigestReplies,
  ) {}

  async oneByOne(group: readonly Item[]): Promise<void> {
    const { claims, ledger, threads, rt } = this.run;
    // After a failure, later changes of the same alarm wait too: they must not overtake it.
    const blocked = new Set<string>();
    for (const item of inThreadOrder(group)) {
      const threadKey = item.alert.thread?.key;
      if (threadKey && blocked.has(threadKey)) {
        ledger.wait(item, 'an earlier state change of this alarm is not posted yet');
        continue;
      }
      const { step, record } = threads.stepOf(item);
      if (record?.kind === 'digest' && (step === 'reply' || step === 'stale')) {
        if (!(await this.digestReplies.reply(item.destination.channel, [item])) && threadKey)
          blocked.add(threadKey);
        continue;
      }
      try {
        await this.single(item);
        rt.stats.alertsPosted += covered([item]).length;
        claims.posted([item]);
        await claims.markDone([item]);
      } catch (error) {
        if (threadKey) blocked.add(threadKey);
        if (error instanceof NotYet) ledger.wait(item, error.message);
        else ledger.fail([item], error);
      }
    }
  }

  private async single(item: Item): Promise<void> {
    const { alert, destination, message } = item;
    const { rt, config, threads, render } = this.run;
    const options = {
      channel: destination.channel,
      defaultChannel: config.slack.defaultChannel,
      minimal: () => render.minimal(alert, destination),
    };
    const thread = alert.thread;
    if (!thread) {
      const sent = await send(rt, message, options);
      // A critical/high finding escalates like an ALARM until someone acknowledges it.
      if (escalates(alert) && !message.thread_ts)
        await this.threadPosts.escalate(alert.dedupeKey, destination.channel, sent, alert, true);
      return;
    }
    const { step, record } = threads.stepOf(item);
    if (step === 'wait') throw new NotYet(`the change before this ${thread.state} has not been posted yet`);
    if (step === 'skip') return;
    if (record && step === 'replace' && (await this.threadPosts.replace(item, record))) return;
    if (record && (step === 'reply' || step === 'stale'))
      return this.threadPosts.reply(item, record, step === 'stale', options);
    const sent = await send(rt, message, options);
    await this.threadPosts.afterPost(item, sent);
    // A new parent (a finding whose parent is gone included), or an OK shown on its own: either
    // way later (and late) changes thread under it.
    await threads.save({
      threadKey: thread.key,
      channel: destination.channel,
      channelId: sent.channel,
      ts: sent.ts,
      state: thread.state,
      since: thread.since,
      openedAt: (item.earlier[0]?.alert.thread ?? thread).since,
      kind: 'alert',
      parent: sent.message,
    });
    if ((step === 'parent' || step === 'replace') && escalates(alert, thread.state))
      await this.threadPosts.escalate(thread.key, destination.channel, sent, alert);
  }
}
