/**
 * The Bolt listeners behind cloudbell's buttons, registered on the slack Lambda's Bolt app
 * with one call. Each press: ack at once (Bolt's Lambda receiver answers Slack when the
 * listener returns, so everything here stays well inside 3 s), check `access`, claim the
 * press (user + `action_ts`) so a Slack retry or a duplicate delivery does nothing, then run
 * the button's listener (one file per button family beside this one), which makes the
 * conditional write, records it in the thread and refreshes the parent's status line.
 * Refusals and "already done" answers are private (ephemeral, via response_url).
 */
import type { App, BlockAction } from '@slack/bolt';
import { decodeRef } from '../../actions/ref.js';
import { refOfMessage } from '../action-blocks.js';
import type { Attachment, Block } from '../message.js';
import { checkAccess, PRESS_BUTTONS } from '../requester-access.js';
import { acknowledgeListeners } from './acknowledge-button.js';
import { muteListeners } from './mute-button.js';
import { type ActionListenerDeps, type PressListener, privately } from './press.js';
import { redriveListeners, registerRedriveSubmission } from './redrive-button.js';
import { showErrorsListeners } from './show-errors-button.js';
import { snoozeListeners } from './snooze-button.js';

export type { ActionListenerDeps } from './press.js';

/** Every button's listener, by action_id. */
const listeners: Record<string, PressListener> = {
  ...acknowledgeListeners,
  ...snoozeListeners,
  ...muteListeners,
  ...showErrorsListeners,
  ...redriveListeners,
};

function chosen(action: BlockAction['actions'][number]): string | undefined {
  if (action.type === 'static_select') return action.selected_option?.value;
  if (action.type === 'button') return action.value;
  return undefined;
}

/**
 * Registers the listeners for every cloudbell button on `app`.
 *
 * @example
 * ```ts
 * registerActionListeners(app, { ...defaultActionDeps(), config: lambdaConfigSource(), logger });
 * ```
 */
export function registerActionListeners(app: App, deps: ActionListenerDeps): void {
  const { logger } = deps;
  registerRedriveSubmission(app, deps);
  // With interactivity on, a link button posts a block_actions too: acknowledge it and do nothing
  // (unacknowledged, Bolt's Lambda receiver would hold the answer for its 3-second timeout).
  app.action<BlockAction>({ type: 'block_actions', action_id: /^link-\d+$/ }, async ({ ack }) => {
    await ack();
  });
  for (const [actionId, run] of Object.entries(listeners)) {
    app.action<BlockAction>({ type: 'block_actions', action_id: actionId }, async (args) => {
      await args.ack();
      const { body, action } = args;
      const container = body.container as
        | {
            type?: string;
            channel_id?: string;
            message_ts?: string;
            thread_ts?: string;
            is_ephemeral?: boolean;
          }
        | undefined;
      if (
        container?.type !== 'message' ||
        !container.channel_id ||
        !container.message_ts ||
        container.is_ephemeral
      )
        return;
      const thread = { channelId: container.channel_id, ts: container.thread_ts ?? container.message_ts };
      const config = deps.config();
      const userId = body.user.id;
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const permission = checkAccess(
        config.access,
        { teamId, channelId: thread.channelId, userId },
        PRESS_BUTTONS,
      );
      if (!permission.allowed) return privately(args, `🚫 ${permission.reason}`, logger);
      const choice = chosen(action);
      const ref =
        (action.type === 'button' ? decodeRef(action.value) : undefined) ??
        refOfMessage(body.message as { blocks?: Block[]; attachments?: Attachment[] } | undefined);
      if (!ref)
        return privately(
          args,
          'cloudbell cannot act on this message (it carries no alert reference).',
          logger,
        );
      const store = await deps.store();
      const now = deps.now();
      if ((await store.claimClick(thread, userId, action.action_ts, now)) === 'repeat') return;
      try {
        await run({ args, thread, userId, ref, store, config, now, choice, deps });
        await store.settleClick(thread, userId, action.action_ts, 'done');
      } catch (error) {
        logger.error('action failed', { actionId, error: (error as Error).message });
        await store.settleClick(thread, userId, action.action_ts, 'failed').catch(() => {});
        await privately(
          args,
          '❌ That did not work (cloudbell could not reach its table). Try again in a minute.',
          logger,
        );
      }
    });
  }
}
