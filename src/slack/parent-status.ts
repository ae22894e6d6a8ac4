/**
 * The `chat.update` of an alarm's parent message after a state change in its thread: a
 * status line under the header ("✅ OK since 14:12 UTC · was in ALARM for 10 min") and the
 * colour bar of the current state, so the channel shows what is true now.
 */
import { type AlarmState, STATE_EMOJI } from '../alerts/alert.js';
import { formatDuration } from '../alerts/time.js';
import type { MessageUpdate } from '../delivery/slack-port.js';
import { colorFor } from './colors.js';
import type { Block, SlackMessage } from './message.js';
import { truncate } from './text.js';

const STATUS_BLOCK_ID = 'cloudbell-state';

/** What the update needs of an alarm's thread (delivery's `ThreadRecord` is one). */
export interface ThreadParent {
  /** Slack's channel id and ts of the parent message. */
  readonly channelId: string;
  readonly ts: string;
  /** The state the thread showed before this change, and when the thread opened (ISO). */
  readonly state: AlarmState;
  readonly openedAt: string;
  /** `digest` when the parent is a storm digest (not updated per alarm). */
  readonly kind: 'alert' | 'digest';
  /** The parent as posted. */
  readonly parent?: SlackMessage;
}

function hhmm(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : `${t.toISOString().slice(11, 16)} UTC`;
}

/** Words for the states of a thread that is not an alarm (a Health event: open/closed). */
export type StateWords = Partial<Record<AlarmState, string>>;

/** "✅ OK since 14:12 UTC · was not OK for 10 min"; with words, "✅ closed since 14:12 UTC · was open for 10 min". */
export function statusLine(
  opened: { state: AlarmState; openedAt: string },
  state: AlarmState,
  since: string,
  words: StateWords = {},
): string {
  const lasted = Date.parse(since) - Date.parse(opened.openedAt);
  const duration = Number.isFinite(lasted) ? formatDuration(lasted) : undefined;
  const name = words[state] ?? state;
  const head = `${STATE_EMOJI[state]} *${name}* since ${hhmm(since)}`;
  const notOk = words.ALARM ?? 'not OK';
  const first = words.ALARM ? `first ${words.ALARM}` : 'first ALARM';
  if (state === 'OK')
    return duration ? `${head} · was ${notOk} for ${duration} (from ${hhmm(opened.openedAt)})` : head;
  return duration ? `${head} · ${first} ${duration} earlier (${hhmm(opened.openedAt)})` : head;
}

/**
 * The update for a thread's parent, or `undefined` when the parent is a digest or was not
 * kept (a digest names many alarms; one alarm's state must not rewrite it).
 *
 * @example
 * ```ts
 * const update = parentUpdate(record, 'OK', '2026-11-26T14:12:00Z');
 * if (update) await slack.update(update);
 * ```
 */
export function parentUpdate(
  record: ThreadParent,
  state: AlarmState,
  since: string,
  words: StateWords = {},
): MessageUpdate | undefined {
  const parent = record.parent;
  if (record.kind !== 'alert' || !parent) return undefined;
  const status: Block = {
    type: 'context',
    block_id: STATUS_BLOCK_ID,
    elements: [
      {
        type: 'mrkdwn',
        text: statusLine({ state: record.state, openedAt: record.openedAt }, state, since, words),
      },
    ],
  };
  const blocks = parent.blocks.filter((b) => b.block_id !== STATUS_BLOCK_ID);
  const at = blocks[0]?.type === 'header' ? 1 : 0;
  blocks.splice(at, 0, status);
  const color = colorFor({ state, severity: 'info' });
  return {
    channel: record.channelId,
    ts: record.ts,
    text: truncate(`${STATE_EMOJI[state]} now ${words[state] ?? state} · ${parent.text}`, 3_000),
    blocks,
    ...(parent.attachments ? { attachments: parent.attachments.map((a) => ({ ...a, color })) } : {}),
  };
}
