/**
 * The buttons on an alert and the status line they leave on it. A message carries one
 * actions block (block_id `cloudbell-actions…`) whose Acknowledge / Un-acknowledge button holds
 * the alert reference; the Snooze menu and the other buttons find the reference there.
 * Replies in a thread never carry it: people act on the parent.
 */
import { type ActionRef, decodeRef, encodeRef } from '../actions/ref.js';
import {
  isSnoozed,
  SNOOZE_CHOICES,
  SNOOZE_LABELS,
  statusLines,
  type ThreadActions,
} from '../actions/state.js';
import type { ActionsBlock, Block, ButtonElement, SlackMessage, StaticSelectElement } from './message.js';

export const ACTIONS_BLOCK_ID = 'cloudbell-actions';
/** The "👀 acknowledged by …" line; notify's own state line is `cloudbell-state`. */
export const ACTION_STATUS_BLOCK_ID = 'cloudbell-ack-status';

export const ActionId = {
  ack: 'cloudbell_ack',
  unack: 'cloudbell_unack',
  snooze: 'cloudbell_snooze',
  unsnooze: 'cloudbell_unsnooze',
  errors: 'cloudbell_errors',
  redrive: 'cloudbell_redrive',
  mute: 'cloudbell_mute',
  unmute: 'cloudbell_unmute',
} as const;
export type ActionId = (typeof ActionId)[keyof typeof ActionId];

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

const isActionsBlock = (b: Block): b is ActionsBlock =>
  b.type === 'actions' && (b.block_id ?? '').startsWith(ACTIONS_BLOCK_ID);

/**
 * The actions block for an alert with reference `ref`, reflecting what is recorded.
 *
 * @example
 * ```ts
 * attachment.blocks.push(actionsBlock(refFor(alert), {}, Date.now()));
 * ```
 */
export function actionsBlock(
  ref: ActionRef,
  actions: ThreadActions,
  now: number,
  iteration = '',
): ActionsBlock {
  const value = encodeRef(ref);
  const elements: Array<ButtonElement | StaticSelectElement> = [
    actions.ack
      ? { type: 'button', action_id: ActionId.unack, text: plain('Un-acknowledge'), value }
      : { type: 'button', action_id: ActionId.ack, text: plain('👀 Acknowledge'), value },
  ];
  if (isSnoozed(actions.snooze, now)) {
    elements.push({
      type: 'button',
      action_id: ActionId.unsnooze,
      text: plain('🔔 Unsnooze'),
      value: 'unsnooze',
    });
  } else {
    const choices = SNOOZE_CHOICES.filter((c) => c !== 'ok' || ref.f !== 'security');
    elements.push({
      type: 'static_select',
      action_id: ActionId.snooze,
      placeholder: plain('🔕 Snooze…'),
      options: choices.map((c) => ({ text: plain(SNOOZE_LABELS[c]), value: c })),
    });
  }
  if (ref.f === 'alarm' && ref.fn)
    elements.push({
      type: 'button',
      action_id: ActionId.errors,
      text: plain('🔎 Show errors'),
      value: 'errors',
    });
  if (ref.f === 'dlq' && ref.q)
    elements.push({
      type: 'button',
      action_id: ActionId.redrive,
      text: plain('🔁 Redrive…'),
      value: 'redrive',
    });
  if (ref.f === 'security' && ref.r && ref.p)
    elements.push({
      type: 'button',
      action_id: ActionId.mute,
      text: plain('🔇 Mute this rule'),
      value: 'mute',
    });
  // A new block_id on each update, as Slack asks, so clients drop a stale menu selection.
  return {
    type: 'actions',
    block_id: iteration ? `${ACTIONS_BLOCK_ID}.${iteration}` : ACTIONS_BLOCK_ID,
    elements,
  };
}

function allBlocks(message: Pick<SlackMessage, 'blocks' | 'attachments'>): Block[] {
  return [...(message.blocks ?? []), ...(message.attachments ?? []).flatMap((a) => a.blocks ?? [])];
}

/** The alert reference of a message as Slack sends it back (`body.message`), if it has one. */
export function refOfMessage(
  message: Partial<Pick<SlackMessage, 'blocks' | 'attachments'>> | undefined,
): ActionRef | undefined {
  if (!message) return undefined;
  for (const block of allBlocks({ blocks: message.blocks ?? [], attachments: message.attachments ?? [] })) {
    if (!isActionsBlock(block)) continue;
    for (const e of block.elements) {
      if (e.type !== 'button' || (e.action_id !== ActionId.ack && e.action_id !== ActionId.unack)) continue;
      const ref = decodeRef(e.value);
      if (ref) return ref;
    }
  }
  return undefined;
}

/** The message without its actions block (thread replies). */
export function withoutActions<M extends Pick<SlackMessage, 'blocks' | 'attachments'>>(message: M): M {
  return {
    ...message,
    blocks: message.blocks.filter((b) => !isActionsBlock(b)),
    ...(message.attachments
      ? {
          attachments: message.attachments.map((a) => ({
            ...a,
            blocks: a.blocks.filter((b) => !isActionsBlock(b)),
          })),
        }
      : {}),
  };
}

/**
 * The message with the status line and buttons for what is recorded now: the line goes under
 * the header (and under notify's state line), the buttons are replaced where they are.
 *
 * @example
 * ```ts
 * const shown = withActionStatus(parent, { ack: { by: 'U0ALICE12', at } }, Date.now());
 * await client.chat.update({ channel, ts, ...shown });
 * ```
 */
export function withActionStatus<M extends Pick<SlackMessage, 'blocks' | 'attachments'>>(
  message: M,
  actions: ThreadActions,
  now: number,
): M {
  const ref = refOfMessage(message);
  const iteration = now.toString(36);
  const swap = (blocks: Block[]) =>
    blocks.map((b) => (ref && isActionsBlock(b) ? actionsBlock(ref, actions, now, iteration) : b));
  const blocks = swap(message.blocks.filter((b) => b.block_id !== ACTION_STATUS_BLOCK_ID));
  const lines = statusLines(actions, now);
  if (lines.length > 0) {
    let at = blocks[0]?.type === 'header' ? 1 : 0;
    if (blocks[at]?.block_id === 'cloudbell-state') at += 1;
    blocks.splice(at, 0, {
      type: 'context',
      block_id: ACTION_STATUS_BLOCK_ID,
      elements: lines.map((text) => ({ type: 'mrkdwn' as const, text })),
    });
  }
  return {
    ...message,
    blocks,
    ...(message.attachments
      ? { attachments: message.attachments.map((a) => ({ ...a, blocks: swap(a.blocks) })) }
      : {}),
  };
}

/** The thread note of a mute, with the button that lifts it (the value is the alert reference). */
export function muteNote(text: string, ref: ActionRef): { text: string; blocks: Block[] } {
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: 'cloudbell-unmute',
        elements: [
          { type: 'button', action_id: ActionId.unmute, text: plain('🔔 Unmute'), value: encodeRef(ref) },
        ],
      },
    ],
  };
}
