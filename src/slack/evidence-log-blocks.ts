/**
 * Evidence replies → Block Kit: the lines a log metric filter matched (count, groups, the
 * newest lines in full, a link to the log events, an honest note when the scan stopped early)
 * and the console links of services whose logs are not read as lines. Every string from logs
 * or AWS is untrusted: `safeText` escapes and truncates it, and per-part budgets keep the
 * message under Slack's limits whatever the input.
 */
import type { Link } from '../alerts/alert.js';
import { logEventsUrl } from '../aws-errors/log-events-url.js';
import type { MetricFilter } from '../evidence/evidence-ports.js';
import type { GroupedLines } from '../evidence/lines.js';
import { SlackLimits } from './limits.js';
import type { Block } from './message.js';
import { oneLine, safeText } from './text.js';

export const EvidenceBudget = {
  groups: 8,
  groupPattern: 280,
  newestLine: 600,
  name: 200,
  filterPattern: 200,
  fallback: 300,
} as const;

const hhmm = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** A code block that a backtick run inside the text cannot close early. */
function codeBlock(text: string): string {
  return `\`\`\`${text.replace(/```/g, '`\u200b``')}\`\`\``;
}

const inlineCode = (text: string, max: number) => `\`${safeText(oneLine(text).replace(/`/g, "'"), max)}\``;

export interface FilterLinesInput {
  readonly alarm: string;
  readonly filter: MetricFilter;
  readonly region: string;
  readonly window: { readonly start: number; readonly end: number };
  readonly grouped: GroupedLines;
  /** False when the scan stopped at a page, line or time budget: counts are lower bounds. */
  readonly complete: boolean;
  readonly now: Date;
}

/**
 * @example
 * ```ts
 * const { text, blocks } = renderFilterLines({ alarm, filter, region, window, grouped, complete: true, now });
 * ```
 */
export function renderFilterLines(input: FilterLinesInput): { text: string; blocks: Block[] } {
  const { grouped, filter, window } = input;
  const n = grouped.total;
  const count = `${n.toLocaleString('en-US')}${input.complete ? '' : '+'} line${n === 1 ? '' : 's'}`;
  const where = `${inlineCode(filter.logGroupName, EvidenceBudget.name)} between ${hhmm(window.start)} and ${hhmm(window.end)}`;
  const pattern =
    filter.filterPattern.trim() === ''
      ? 'every line'
      : inlineCode(filter.filterPattern, EvidenceBudget.filterPattern);
  const url = logEventsUrl(input.region, filter.logGroupName, window.start, window.end);
  const link = url.length <= SlackLimits.url ? ` · <${url}|log events>` : '';
  const head =
    n === 0
      ? `📜 No line matched metric filter ${inlineCode(filter.filterName, EvidenceBudget.name)} (${pattern}) in ${where}${link}`
      : `📜 *${count}* matched metric filter ${inlineCode(filter.filterName, EvidenceBudget.name)} (${pattern}) in ${where}${link}`;
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  if (n > 0) {
    const top = grouped.groups.slice(0, EvidenceBudget.groups);
    const lines = top.map(
      (g) =>
        `*${g.count.toLocaleString('en-US')}×* ${inlineCode(g.pattern, EvidenceBudget.groupPattern)} · last ${hhmm(g.lastSeen)}`,
    );
    const more = grouped.groups.length - top.length;
    if (more > 0) lines.push(`+${more.toLocaleString('en-US')} more kinds of line`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } });
    const newest = grouped.newest
      .map(
        (l) =>
          `${new Date(l.timestamp).toISOString().slice(11, 19)}  ${safeText(l.message, EvidenceBudget.newestLine)}`,
      )
      .join('\n');
    if (newest) {
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Newest ${grouped.newest.length}, redacted:` }],
      });
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: codeBlock(newest) } });
    }
  }
  const notes = [`Alarm ${safeText(input.alarm, EvidenceBudget.name)} · secrets redacted`];
  if (!input.complete) notes.push('the scan stopped early: counts are lower bounds');
  if (n === 0) notes.push('lines can reach CloudWatch Logs a few minutes late');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes.join(' · ') }] });
  const text = safeText(
    oneLine(
      n === 0
        ? `No log line matched ${filter.filterName}`
        : `${count} matched ${filter.filterName} in ${filter.logGroupName}`,
    ),
    EvidenceBudget.fallback,
  );
  return { text, blocks };
}

/**
 * @example
 * ```ts
 * renderServiceLinks('orders-table-throttles', serviceLinks(change));
 * ```
 */
export function renderServiceLinks(alarm: string, links: readonly Link[]): { text: string; blocks: Block[] } {
  const usable = links.filter((l) => l.url.length <= SlackLimits.url).slice(0, 5);
  return {
    text: safeText(`Where to look next for ${alarm}`, EvidenceBudget.fallback),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `🔎 Where to look next for *${safeText(alarm, EvidenceBudget.name)}*` },
      },
      {
        type: 'actions',
        elements: usable.map((l, index) => ({
          type: 'button' as const,
          action_id: `evidence-link-${index}`,
          text: { type: 'plain_text' as const, text: safeText(l.text, 75) },
          url: l.url,
        })),
      },
    ],
  };
}
