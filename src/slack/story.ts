/**
 * An alarm's story: the state changes shown together when more than one of them is pending at
 * once ("ALARM 09:01 → OK 09:07 UTC"), so the channel shows the alarm once, in its latest
 * state, without hiding that it fired.
 */
import type { AlarmState } from '../alerts/alert.js';
import type { SlackMessage } from './message.js';
import { truncate } from './text.js';

export interface StateChange {
  readonly state: AlarmState;
  /** ISO time of the change. */
  readonly since: string;
}

const STORY_BLOCK_ID = 'cloudbell-story';
/** At most this many changes are spelled out; a flapping alarm keeps its first and last ones. */
const MAX_STEPS = 6;

function hhmm(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? '?' : t.toISOString().slice(11, 16);
}

/**
 * "ALARM 09:01 → OK 09:07 UTC", changes in time order; a long story keeps both ends.
 *
 * @example
 * ```ts
 * storyLine([{ state: 'ALARM', since: '2026-11-26T09:01:00Z' }, { state: 'OK', since: '2026-11-26T09:07:00Z' }]);
 * // 'ALARM 09:01 → OK 09:07 UTC'
 * ```
 */
export function storyLine(changes: readonly StateChange[]): string {
  const sorted = [...changes].sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
  const steps = sorted.map((c) => `${c.state} ${hhmm(c.since)}`);
  const shown =
    steps.length > MAX_STEPS
      ? [...steps.slice(0, 2), `… ${steps.length - 4} more …`, ...steps.slice(-2)]
      : steps;
  return `${shown.join(' → ')} UTC`;
}

/**
 * The message with its story under the header (and in the notification text), replacing any
 * story it carried before.
 *
 * @example
 * ```ts
 * const merged = withStory(alertMessage(okAlert, destination), 'ALARM 09:01 → OK 09:07 UTC');
 * ```
 */
export function withStory(message: SlackMessage, story: string): SlackMessage {
  const blocks = message.blocks.filter((b) => b.block_id !== STORY_BLOCK_ID);
  const at = blocks[0]?.type === 'header' ? 1 : 0;
  blocks.splice(at, 0, {
    type: 'context',
    block_id: STORY_BLOCK_ID,
    elements: [{ type: 'mrkdwn', text: `*${story}*` }],
  });
  return { ...message, text: truncate(`${message.text} (${story})`, 39_000), blocks };
}
