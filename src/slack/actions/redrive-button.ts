/**
 * The Redrive button of a DLQ alert and its confirmation: the button opens the modal
 * (redrive-modal.ts) with the queue's facts; the submission, admins only and one redrive per
 * queue at a time, hands the move to the worker and says so in the thread.
 */
import type { App } from '@slack/bolt';
import type { RedriveJob } from '../../actions/jobs.js';
import { queueArn } from '../../actions/redrive.js';
import { clockTime, userMention } from '../../actions/state.js';
import { ActionId } from '../action-blocks.js';
import { adminOnly, checkAccess, isAdmin, PRESS_BUTTONS } from '../requester-access.js';
import { type ActionListenerDeps, answer, type PressListener } from './press.js';
import { noticeModal, REDRIVE_CALLBACK_ID, readRedriveMetadata, redriveModal } from './redrive-modal.js';

/** A redrive started less than this long ago is not started again. */
const REDRIVE_LEASE_MS = 5 * 60_000;
/** The modal must open within the trigger's 3 s, so SQS gets little time. */
const DESCRIBE_BUDGET_MS = 1_200;

/** The refusal shown to a non-admin, on the button and on the submission alike. */
function adminsOnly(userId: string): string {
  return `🚫 ${(adminOnly('redrive a dead-letter queue', userId) as { reason: string }).reason}`;
}

export const redriveListeners: Record<string, PressListener> = {
  async [ActionId.redrive](p) {
    if (!isAdmin(p.config.access, p.userId)) return answer(p, adminsOnly(p.userId));
    if (p.ref.f !== 'dlq' || !p.ref.q) return answer(p, 'This alert is not about a dead-letter queue.');
    if (!p.ref.a) return answer(p, 'cloudbell cannot tell which account this queue is in.');
    const arn = queueArn(p.ref.g ?? p.deps.region, p.ref.a, p.ref.q);
    const facts = await Promise.race([
      p.deps
        .redrive()
        .describe(arn)
        .catch(() => ({})),
      new Promise<Record<string, never>>((resolve) => setTimeout(() => resolve({}), DESCRIBE_BUDGET_MS)),
    ]);
    const triggerId = (p.args.body as { trigger_id?: string }).trigger_id ?? '';
    try {
      await p.args.client.views.open({
        trigger_id: triggerId,
        view: redriveModal(arn, p.thread, facts) as never,
      });
    } catch (error) {
      p.deps.logger.error('could not open the redrive modal', { error: (error as Error).message });
      await answer(
        p,
        '❌ Could not open the redrive confirmation (Slack refused the dialog). Press Redrive again.',
      );
    }
  },
};

/** The Redrive modal's submission: admins only, one redrive per queue at a time, run by the worker. */
export function registerRedriveSubmission(app: App, deps: ActionListenerDeps): void {
  const { logger } = deps;
  app.view(
    { callback_id: REDRIVE_CALLBACK_ID, type: 'view_submission' },
    async ({ ack, body, view, client }) => {
      const refuse = (text: string) => ack({ response_action: 'update', view: noticeModal(text) as never });
      const meta = readRedriveMetadata(view.private_metadata);
      if (!meta) return refuse('This confirmation is not one cloudbell can act on.');
      const config = deps.config();
      const userId = body.user.id;
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const permission = checkAccess(
        config.access,
        { teamId, channelId: meta.thread.channelId, userId },
        PRESS_BUTTONS,
      );
      if (!permission.allowed) return refuse(`🚫 ${permission.reason}`);
      if (!isAdmin(config.access, userId)) return refuse(adminsOnly(userId));
      const now = deps.now();
      const store = await deps.store();
      if (!(await store.claimJob(meta.thread, 'redrive', userId, now, REDRIVE_LEASE_MS)))
        return refuse(
          '🔁 A redrive of this queue was started less than 5 minutes ago: its progress is in the alert’s thread.',
        );
      const job: RedriveJob = {
        kind: 'redrive',
        queueArn: meta.queueArn,
        thread: meta.thread,
        userId,
        requestedAt: new Date(now).toISOString(),
      };
      try {
        await deps.invoke(job);
      } catch (error) {
        logger.error('cannot hand the redrive to the worker', { error: (error as Error).message });
        return refuse(
          '❌ Could not start the redrive (the worker did not accept it). Try again in a minute.',
        );
      }
      await ack();
      try {
        await client.chat.postMessage({
          channel: meta.thread.channelId,
          thread_ts: meta.thread.ts,
          text: `🔁 ${userMention(userId)} confirmed a redrive of ${meta.queueArn.split(':').at(-1)} at ${clockTime(now, now)}: progress follows here.`,
        });
      } catch (error) {
        logger.error('could not record the redrive in the thread', { error: (error as Error).message });
      }
    },
  );
}
