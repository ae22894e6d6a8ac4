/**
 * Alert → Block Kit. Every string of the alert is untrusted and goes through `safeText`;
 * fixed per-part budgets keep any message inside Slack's limits whatever the input size.
 */
import { refFor } from '../actions/ref.js';
import type { Alert, Fact, Link } from '../alerts/alert.js';
import { compactJson } from '../alerts/json.js';
import { actionsBlock } from './action-blocks.js';
import { colorFor } from './colors.js';
import { SlackLimits } from './limits.js';
import type { ActionsBlock, Block, ButtonElement, Mrkdwn, SlackMessage } from './message.js';
import { oneLine, safeText, truncate } from './text.js';

/**
 * Per-part budgets. Their sum (≈ 11k characters at the very worst) stays under Slack's
 * ~12k total block text, so no second pass is needed.
 */
export const RenderBudget = {
  header: SlackLimits.headerText,
  summary: 700,
  factLabel: 30,
  factValue: 560,
  maxFacts: SlackLimits.fieldsPerSection,
  detail: 2400,
  detailLine: 300,
  contextPiece: 300,
  maxContextPieces: 3,
  maxLinks: 5,
  fallback: 300,
  mentions: 500,
} as const;

export interface RenderOptions {
  channel: string;
  /** Mentions from config only (user, user-group ids or @here/@channel); never from event text. */
  mentions?: readonly string[];
  /** Add the Acknowledge/Snooze buttons (config `actions.enabled`); default true. */
  actions?: boolean;
}

/** Formats a configured mention for mrkdwn. Config validation guarantees the shape. */
export function formatMention(mention: string): string {
  if (mention === '@here') return '<!here>';
  if (mention === '@channel') return '<!channel>';
  if (mention.startsWith('S')) return `<!subteam^${mention}>`;
  return `<@${mention}>`;
}

function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text };
}

/** How deep a JSON detail is shown before a level becomes `[…]` / `{…}`. */
const JSON_DEPTH = 12;

/**
 * JSON compacted, code-fenced, with a note of how much was cut. Any value is shown, at any
 * depth or size: the walk is bounded (../alerts/json.ts), never recursive.
 */
export function renderJson(value: unknown, max: number): string {
  // Read past what can be shown, to give the size in the note, but never the whole of a huge value.
  const read = compactJson(value, { maxDepth: JSON_DEPTH, maxChars: Math.max(max * 4, 65_536) });
  const json = read.text;
  // A literal ``` inside would close the code block early.
  const fenced = (body: string) => `\`\`\`${body.replace(/```/g, '`\u200b``')}\`\`\``;
  const full = fenced(safeText(json, Number.MAX_SAFE_INTEGER));
  if (!read.cut && full.length <= max) return full;
  // Reserve room for the note and the fences, then say how much of the original is shown.
  const total = read.cut
    ? `more than ${json.length.toLocaleString('en-US')}`
    : json.length.toLocaleString('en-US');
  const budget = max - ` _(${total} of ${total} characters shown)_`.length - 8;
  const body = safeText(json, budget);
  const shown = Math.min(json.length, body.length - 1).toLocaleString('en-US');
  const note = ` _(${shown} of ${total} characters shown)_`;
  return fenced(body) + note;
}

/** Lines of a details list: `*label* value`, cut to `max` characters with a count of what is left out. */
export function renderDetails(details: readonly Fact[], max: number): string | undefined {
  const rows = details.filter((d) => d.value.trim() !== '');
  if (rows.length === 0) return undefined;
  const lines: string[] = [];
  let length = 0;
  for (const [i, row] of rows.entries()) {
    const line = `*${safeText(oneLine(row.label), RenderBudget.factLabel)}*  ${safeText(oneLine(row.value), RenderBudget.detailLine)}`;
    const left = rows.length - i - 1;
    // Keep room for the "… n more" line unless this is the last row.
    const reserve = left > 0 ? 40 : 0;
    if (length + line.length + 1 + reserve > max) {
      lines.push(`_… ${(rows.length - i).toLocaleString('en-US')} more not shown_`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

function button(link: Link, index: number): ButtonElement | undefined {
  // A cut URL would land somewhere wrong: drop links that do not fit instead.
  if (link.url.length > SlackLimits.url || !/^https:\/\//.test(link.url)) return undefined;
  return {
    type: 'button',
    text: { type: 'plain_text', text: safeText(oneLine(link.text), SlackLimits.buttonText), emoji: true },
    url: link.url,
    action_id: `link-${index}`,
  };
}

/** The one-line notification text: emoji, mentions, then the family's fallback line. */
export function renderFallback(alert: Alert, mentions: readonly string[] = []): string {
  const mentionText = mentions.map(formatMention).join(' ');
  const line = safeText(oneLine(`${alert.emoji} ${alert.fallback}`), RenderBudget.fallback);
  return truncate(
    mentionText ? `${mentionText} ${line}` : line,
    RenderBudget.fallback + RenderBudget.mentions,
  );
}

/**
 * Renders one alert as a Slack message: header and summary on top, then a colour-barred
 * attachment with the facts, the detail, the context line and the link buttons.
 *
 * @example
 * ```ts
 * const message = renderAlert(alert, { channel: '#aws-alerts' });
 * await client.chat.postMessage(message);
 * ```
 */
export function renderAlert(alert: Alert, options: RenderOptions): SlackMessage {
  const mentions = options.mentions ?? [];
  const top: Block[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: safeText(oneLine(`${alert.emoji} ${alert.title}`), RenderBudget.header),
        emoji: true,
      },
    },
  ];
  if (mentions.length > 0) {
    top.push({
      type: 'section',
      text: mrkdwn(truncate(mentions.map(formatMention).join(' '), RenderBudget.mentions)),
    });
  }
  if (alert.summary && alert.summary.trim() !== '') {
    top.push({ type: 'section', text: mrkdwn(safeText(alert.summary.trim(), RenderBudget.summary)) });
  }

  const body: Block[] = [];
  const facts = alert.facts.filter((f) => f.value.trim() !== '').slice(0, RenderBudget.maxFacts);
  if (facts.length > 0) {
    body.push({
      type: 'section',
      fields: facts.map((f) =>
        mrkdwn(
          `*${safeText(oneLine(f.label), RenderBudget.factLabel)}*\n${safeText(f.value.trim(), RenderBudget.factValue)}`,
        ),
      ),
    });
  }
  // A details list and a JSON detail share one budget, so the message stays inside Slack's total.
  const both = alert.details !== undefined && alert.detail !== undefined;
  const listed = alert.details
    ? renderDetails(alert.details, both ? RenderBudget.detail / 2 : RenderBudget.detail)
    : undefined;
  if (listed) body.push({ type: 'section', text: mrkdwn(listed) });
  if (alert.detail !== undefined) {
    const budget = listed ? RenderBudget.detail / 2 : RenderBudget.detail;
    body.push({ type: 'section', text: mrkdwn(renderJson(alert.detail, budget)) });
  }
  const context = alert.context.filter((c) => c.trim() !== '').slice(0, RenderBudget.maxContextPieces);
  if (context.length > 0) {
    body.push({
      type: 'context',
      elements: context.map((c) => mrkdwn(safeText(oneLine(c), RenderBudget.contextPiece))),
    });
  }
  const buttons = alert.links
    .slice(0, RenderBudget.maxLinks)
    .map(button)
    .filter((b): b is ButtonElement => b !== undefined);
  if (buttons.length > 0) {
    const actions: ActionsBlock = { type: 'actions', elements: buttons };
    body.push(actions);
  }
  const ref = options.actions === false ? undefined : refFor(alert);
  if (ref) body.push(actionsBlock(ref, {}, 0));

  const message: SlackMessage = {
    channel: options.channel,
    text: renderFallback(alert, mentions),
    blocks: top,
    unfurl_links: false,
    unfurl_media: false,
  };
  if (body.length > 0) message.attachments = [{ color: colorFor(alert), blocks: body }];
  return message;
}

/**
 * The smallest message that still says what happened: used when Slack rejects the rich one
 * (`invalid_blocks`, `msg_too_long`).
 */
export function renderMinimal(alert: Alert, options: RenderOptions): SlackMessage {
  return {
    channel: options.channel,
    text: renderFallback(alert, options.mentions ?? []),
    blocks: [],
    unfurl_links: false,
    unfurl_media: false,
  };
}
