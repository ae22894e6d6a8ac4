/**
 * What a reader of the channel finally sees of each alarm, from the Slack stand-in's messages
 * (after every edit): the top-level messages that name it, the replies in their threads, and
 * the state its top-level line or status line shows now.
 */
import type { SlackStandin, StoredMessage } from './slack-standin.js';

export interface AlarmView {
  readonly topLevel: StoredMessage[];
  readonly replies: StoredMessage[];
  /** The state the newest top-level message naming the alarm shows for it now. */
  readonly shownState: string | undefined;
}

const STATES = ['INSUFFICIENT_DATA', 'ALARM', 'OK'];

function texts(m: StoredMessage): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(m.blocks);
  walk(m.attachments ?? []);
  return out;
}

/** The state a top-level message shows for `name` now. */
export function stateShown(m: StoredMessage, name: string): string | undefined {
  // An alert parent rewritten after a change in its thread: its status line says.
  const status = (m.blocks as Array<{ block_id?: string; elements?: Array<{ text?: string }> }>).find(
    (b) => b.block_id === 'cloudbell-state',
  );
  const statusText = status?.elements?.[0]?.text;
  if (statusText) return STATES.find((s) => statusText.includes(`*${s}*`));
  const pattern = new RegExp(`\\b(${STATES.join('|')}) ${name.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}\\b`);
  // A digest line naming the alarm, else the message itself.
  for (const text of texts(m)) {
    for (const line of text.split('\n')) {
      const match = pattern.exec(line);
      if (match) return match[1];
    }
  }
  return pattern.exec(m.text)?.[1];
}

/**
 * @example
 * ```ts
 * const view = alarmView(slack, 'orders-5xx');
 * expect(view.shownState).toBe('OK');
 * ```
 */
export function alarmView(slack: SlackStandin, name: string): AlarmView {
  const names = (m: StoredMessage) => new RegExp(`\\b${name}\\b`).test(JSON.stringify([m.text, m.blocks]));
  const topLevel = slack.messages.filter((m) => !m.thread_ts && names(m));
  const replies = slack.messages.filter(
    (m) => m.thread_ts && topLevel.some((t) => t.ts === m.thread_ts) && names(m),
  );
  const newest = topLevel[topLevel.length - 1];
  return { topLevel, replies, shownState: newest ? stateShown(newest, name) : undefined };
}

/** Top-level messages posted before `m` in the same channel that name `name`. */
export function earlierNaming(slack: SlackStandin, m: StoredMessage, name: string): StoredMessage[] {
  return slack.messages.filter(
    (o) => !o.thread_ts && o.at <= m.at && o !== m && JSON.stringify([o.text, o.blocks]).includes(name),
  );
}
