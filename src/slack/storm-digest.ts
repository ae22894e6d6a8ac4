/**
 * The storm digest: one message (or a few, when many alerts) per channel instead of one per
 * alert. Counts by family, severity and state on top, then every alert named on one line;
 * past the hard cap, the rest are counted with where to see them. Pure: alerts in, Block Kit
 * out, every alert string escaped like the renderer does.
 */
import { type Alert, SEVERITY_ORDER } from '../alerts/alert.js';
import { consoleUrl } from '../alerts/console.js';
import { SlackLimits } from './limits.js';
import type { Block, SlackMessage } from './message.js';
import { formatMention } from './render.js';
import { type StateChange, storyLine } from './story.js';
import { oneLine, safeText, truncate } from './text.js';

/** Lines per digest message: 50 lines of ≤ 150 characters stay far inside Slack's ~12k block text. */
export const DIGEST_LINES_PER_MESSAGE = 50;
const LINE_MAX = 150;

/**
 * What a digest shows of an alert: enough to count it and name it on one line, plus the alarm
 * it belongs to (`threadKey`, so a later state change can rewrite its line) and its story when
 * several of its changes were pending at once.
 */
export type DigestEntry = Pick<
  Alert,
  'family' | 'severity' | 'state' | 'emoji' | 'fallback' | 'region' | 'dedupeKey'
> & { readonly threadKey?: string; readonly changes?: readonly StateChange[] };

/**
 * The entry of an alert, as kept for a digest that later batches add to.
 *
 * @example
 * ```ts
 * digestEntry(alert); // { family: 'alarm', severity: 'high', state: 'ALARM', emoji: '🔴', … }
 * ```
 */
export function digestEntry(alert: DigestEntry & Partial<Pick<Alert, 'thread'>>): DigestEntry {
  const { family, severity, state, emoji, fallback, region, dedupeKey, changes } = alert;
  const threadKey = alert.threadKey ?? alert.thread?.key;
  return {
    family,
    severity,
    emoji,
    fallback,
    dedupeKey,
    ...(state ? { state } : {}),
    ...(region ? { region } : {}),
    ...(threadKey ? { threadKey } : {}),
    ...(changes && changes.length > 1 ? { changes } : {}),
  };
}

export interface DigestInput<E extends DigestEntry = DigestEntry> {
  readonly channel: string;
  readonly mentions: readonly string[];
  /** Every alert of the group, in arrival order. */
  readonly alerts: readonly E[];
  /** At most this many are named; the rest are counted. */
  readonly hardCap: number;
  readonly threshold: number;
  readonly windowSeconds: number;
  /**
   * Evidence (graphs, log lines) is switched on: the digest says its alerts get none, so a
   * responder who expects a graph under each alarm knows why there is none in a storm.
   */
  readonly evidenceSkipped?: boolean;
}

/** One digest message and the alerts it names (their threads point at it). */
export interface DigestPart<E extends DigestEntry = DigestEntry> {
  readonly message: SlackMessage;
  readonly named: readonly E[];
}

function countBy<T extends string>(
  alerts: readonly DigestEntry[],
  key: (a: DigestEntry) => T | undefined,
  order?: readonly T[],
): string {
  const counts = new Map<T, number>();
  for (const a of alerts) {
    const k = key(a);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const keys = [...counts.keys()].sort((x, y) => (order ? order.indexOf(x) - order.indexOf(y) : 0));
  return keys.map((k) => `${counts.get(k)} ${k}`).join(' · ');
}

/** "83 alerts: 80 alarm · 3 dlq; 2 critical · 81 high; 79 ALARM · 4 OK" */
export function digestSummary(alerts: readonly DigestEntry[]): string {
  const families = countBy(alerts, (a) => a.family);
  const severities = countBy(alerts, (a) => a.severity, SEVERITY_ORDER);
  const states = countBy(alerts, (a) => a.state);
  return [`${alerts.length} alert${alerts.length === 1 ? '' : 's'}: ${families}`, severities, states]
    .filter(Boolean)
    .join('; ');
}

/** One alert as one escaped line: its emoji and its notification text. */
export function digestLine(alert: DigestEntry): string {
  const changes = alert.changes ?? [];
  const story = changes.length > 1 ? ` · _${storyLine(changes)}_` : '';
  return `${alert.emoji} ${safeText(oneLine(alert.fallback), LINE_MAX)}${story}`;
}

function sections(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let text = '';
  for (const line of lines) {
    if (text && text.length + 1 + line.length > SlackLimits.sectionText) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
      text = '';
    }
    text = text ? `${text}\n${line}` : line;
  }
  if (text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  return blocks;
}

function whereToLook(rest: readonly DigestEntry[]): Block[] {
  const region = rest.find((a) => a.region)?.region;
  const elements = [];
  if (region && rest.some((a) => a.family === 'alarm' || a.family === 'dlq')) {
    elements.push({
      type: 'button' as const,
      text: { type: 'plain_text' as const, text: 'CloudWatch alarms', emoji: true },
      url: consoleUrl(region, 'cloudwatch/home', 'alarmsV2:'),
      action_id: 'digest-alarms',
    });
  }
  if (region && rest.some((a) => a.family === 'security')) {
    elements.push({
      type: 'button' as const,
      text: { type: 'plain_text' as const, text: 'CloudTrail event history', emoji: true },
      url: consoleUrl(region, 'cloudtrailv2/home', '/events'),
      action_id: 'digest-cloudtrail',
    });
  }
  return elements.length > 0 ? [{ type: 'actions', elements }] : [];
}

/**
 * Renders a storm digest as one or more messages.
 *
 * @example
 * ```ts
 * const parts = renderDigest({ channel: '#aws-alerts', mentions: [], alerts, hardCap: 40, threshold: 5, windowSeconds: 60 });
 * for (const part of parts) await slack.postMessage(part.message);
 * ```
 */
export function renderDigest<E extends DigestEntry>(input: DigestInput<E>): DigestPart<E>[] {
  const { alerts } = input;
  const named = alerts.slice(0, Math.max(1, input.hardCap));
  const rest = alerts.slice(named.length);
  const chunks: E[][] = [];
  for (let i = 0; i < named.length; i += DIGEST_LINES_PER_MESSAGE)
    chunks.push(named.slice(i, i + DIGEST_LINES_PER_MESSAGE));
  const summary = digestSummary(alerts);
  const mentionText = truncate(input.mentions.map(formatMention).join(' '), 500);

  return chunks.map((chunk, index) => {
    const part = chunks.length > 1 ? ` (${index + 1}/${chunks.length})` : '';
    const blocks: Block[] = [
      {
        type: 'header',
        text: { type: 'plain_text', text: `🌩️ ${alerts.length} alerts at once${part}`, emoji: true },
      },
    ];
    if (index === 0) {
      if (mentionText) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: mentionText } });
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: summary } });
    }
    blocks.push(...sections(chunk.map(digestLine)));
    const last = index === chunks.length - 1;
    if (last && rest.length > 0) {
      blocks.push({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `…and *${rest.length} more* not listed here (${digestSummary(rest)}). Each one is in the notify function's log (message "alert in digest", with its dedupe key).`,
        },
      });
      blocks.push(...whereToLook(rest));
    }
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `More than ${input.threshold} alerts for this channel within ${input.windowSeconds} s arrive as a digest. Alarms listed here reply in this thread when their state changes.${input.evidenceSkipped ? ' No graphs or log lines are drawn for alerts in a digest.' : ''}`,
        },
      ],
    });
    const prefix = index === 0 && mentionText ? `${mentionText} ` : '';
    return {
      named: chunk,
      message: {
        channel: input.channel,
        text: `${prefix}🌩️ ${summary}${part}`,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
      },
    };
  });
}

/** The same digest part as plain text, for when Slack refuses its blocks. */
export function minimalDigest(part: DigestPart<DigestEntry>): SlackMessage {
  const lines = part.named.map(digestLine);
  return {
    channel: part.message.channel,
    text: truncate([part.message.text, ...lines].join('\n'), 39_000),
    blocks: [],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/**
 * The one reply in a digest's thread for this batch's state changes of alarms the digest
 * lists: a line per change, as the digest itself names them.
 *
 * @example
 * ```ts
 * await slack.postMessage(renderDigestReply(entries, { channelId: 'C0ALERTS', ts: digestTs }));
 * ```
 */
export function renderDigestReply(
  entries: readonly DigestEntry[],
  digest: { readonly channelId: string; readonly ts: string },
): SlackMessage {
  const lines = entries.map(digestLine);
  const one = entries.length === 1;
  const head = `State change${one ? '' : 's'} of alarm${one ? '' : 's'} listed above:`;
  return {
    channel: digest.channelId,
    thread_ts: digest.ts,
    text: `${head}\n${lines.join('\n')}`.slice(0, 39_000),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: head }] },
      ...lines
        .slice(0, 45)
        .map((text) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } })),
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}
