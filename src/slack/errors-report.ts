/**
 * /aws-errors report → Block Kit: the summary line, coverage notes, the top groups (count,
 * first and last seen, one redacted sample, a link to the logs) and "+K more". Every string
 * from logs is untrusted and goes through `safeText`; per-part budgets keep the message under
 * Slack's total block text limit whatever the input.
 */
import { formatTime } from '../alerts/time.js';
import { logEventsUrl } from '../aws-errors/log-events-url.js';
import { redactDeep } from '../aws-errors/redact.js';
import { coverageNotes, type ErrorsReport, hasErrors, summaryLine } from '../aws-errors/report.js';
import { SlackLimits } from './limits.js';
import type { Block, Mrkdwn } from './message.js';
import { oneLine, safeText, truncate } from './text.js';

export const ErrorsReportBudget = {
  topGroups: 10,
  summary: 300,
  notes: 1200,
  functionName: 140,
  type: 100,
  sample: 420,
  fallback: 300,
} as const;

export interface ErrorsReportMessage {
  readonly text: string;
  readonly blocks: Block[];
}

const mrkdwn = (text: string): Mrkdwn => ({ type: 'mrkdwn', text });

/**
 * A code block that nothing inside can close early: a zero-width space goes between any two
 * backticks (a run of four or more used to leave a fence behind) and after a leading or before
 * a trailing backtick, which would otherwise merge with the fence.
 */
function codeBlock(text: string): string {
  const inner = text
    .replace(/`(?=`)/g, '`\u200b')
    .replace(/^`/, '\u200b`')
    .replace(/`$/, '`\u200b');
  return `\`\`\`${inner}\`\`\``;
}

function groupBlock(report: ErrorsReport, group: ErrorsReport['groups'][number], now: Date): Block {
  const name = safeText(group.functionName, ErrorsReportBudget.functionName);
  const type = safeText(oneLine(group.type).replace(/`/g, "'"), ErrorsReportBudget.type);
  const first = formatTime(new Date(group.firstSeen).toISOString(), now) ?? '';
  const last = formatTime(new Date(group.lastSeen).toISOString(), now) ?? '';
  const url = logEventsUrl(report.region, group.logGroup, report.start, report.end);
  const link = url.length <= SlackLimits.url ? ` · <${url}|logs>` : '';
  const seen = group.count === 1 ? `at ${last}` : `first ${first} · last ${last}`;
  const sample =
    group.sample.trim() === ''
      ? ''
      : `\n${codeBlock(safeText(group.sample.trim(), ErrorsReportBudget.sample))}`;
  return {
    type: 'section',
    text: mrkdwn(
      `*${name}* · \`${type}\` · *${group.count.toLocaleString('en-US')}×*\n${seen}${link}${sample}`,
    ),
  };
}

/**
 * Renders a report as the text fallback and blocks of one Slack message; `heading` prefixes
 * the summary (the scheduled digest).
 *
 * @example
 * ```ts
 * const { text, blocks } = renderErrorsReport(report, new Date());
 * await respond({ response_type: 'ephemeral', replace_original: true, text, blocks });
 * ```
 */
export function renderErrorsReport(
  report: ErrorsReport,
  now: Date,
  options: { heading?: string; redactEmails?: boolean } = {},
): ErrorsReportMessage {
  const summary = options.heading ? `${options.heading}: ${summaryLine(report)}` : summaryLine(report);
  const found = hasErrors(report);
  const emoji = report.functionNotFound ? '❓' : found ? '🔥' : '✅';
  const text = safeText(oneLine(`${emoji} ${summary}`), ErrorsReportBudget.fallback);
  const blocks: Block[] = [
    { type: 'section', text: mrkdwn(`${emoji} *${safeText(summary, ErrorsReportBudget.summary)}*`) },
  ];

  const notes = coverageNotes(report);
  if (notes.length > 0) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(safeText(notes.join('\n'), ErrorsReportBudget.notes))],
    });
  }

  const top = report.groups.slice(0, ErrorsReportBudget.topGroups);
  if (top.length > 0) blocks.push({ type: 'divider' });
  for (const group of top) blocks.push(groupBlock(report, group, now));

  const more = report.groups.length - top.length;
  if (more > 0) {
    const hint =
      report.target.kind === 'all'
        ? 'narrow with `/aws-errors NAME`, `PREFIX*` or a shorter `--since`'
        : 'narrow with a shorter `--since`';
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`+${more.toLocaleString('en-US')} more error groups — ${hint}.`)],
    });
  }
  return redactMessage({ text, blocks }, options.redactEmails ?? true);
}

/**
 * The last line of defence: every string of a finished message is redacted once more before
 * it leaves AWS (samples were redacted line by line already; this catches what a renderer or
 * a missed layer let through), then held to Slack's limits again, since a label can be longer
 * than what it replaced.
 *
 * @example
 * ```ts
 * const safe = redactMessage(renderErrorsReport(report, now), true);
 * ```
 */
export function redactMessage(message: ErrorsReportMessage, emails: boolean): ErrorsReportMessage {
  const redacted = redactDeep(message, { emails });
  const clamp = (t: string, max: number) => (t.length > max ? truncate(t, max) : t);
  return {
    text: clamp(redacted.text, SlackLimits.messageText),
    blocks: redacted.blocks.map((b) => {
      if (b.type === 'section' && b.text)
        return { ...b, text: { ...b.text, text: clamp(b.text.text, SlackLimits.sectionText) } };
      if (b.type === 'context')
        return {
          ...b,
          elements: b.elements.map((e) => ({ ...e, text: clamp(e.text, SlackLimits.sectionText) })),
        };
      return b;
    }),
  };
}
