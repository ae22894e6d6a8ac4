/**
 * Slack mrkdwn → HTML, close to what Slack shows: `*bold*`, `_italic_`, `~strike~`, `` `code` ``,
 * ``` blocks, `>` quotes, `<url|label>` links, `<@U…>`/`<#C…>`/`<!here>` mentions, line breaks.
 * The input is Slack-escaped text (`&amp;`, `&lt;`, `&gt;`): it is decoded once and every
 * character is HTML-escaped again, so what a message escapes stays visible as text here too —
 * a `<script>` in a log line shows as `<script>`, exactly as in Slack.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Slack's three escapes, undone. */
function unslack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Only web and mail links become anchors; anything else stays text. */
export function safeHref(url: string): string | undefined {
  return /^(https?:\/\/|mailto:)/i.test(url) ? url : undefined;
}

function special(inner: string): string | undefined {
  const [target = '', label] = inner.split('|', 2);
  const shown = (fallback: string) => escapeHtml(unslack(label ?? fallback));
  if (target.startsWith('@')) return `<span class="mention">@${shown(target.slice(1))}</span>`;
  if (target.startsWith('#')) return `<span class="mention">#${shown(target.slice(1))}</span>`;
  if (target.startsWith('!')) {
    const name = target.slice(1);
    if (name.startsWith('subteam^')) return `<span class="mention">@${shown(name.slice(8))}</span>`;
    if (name.startsWith('date^')) return escapeHtml(unslack(label ?? name));
    return `<span class="mention broadcast">@${escapeHtml(name)}</span>`;
  }
  const href = safeHref(unslack(target));
  if (!href) return undefined;
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${shown(target)}</a>`;
}

/** Bold, italic, strike on already-escaped text (no code inside). */
function emphasis(html: string): string {
  const wrap = (mark: string) =>
    new RegExp(`(^|[\\s(>])\\${mark}([^\\${mark}\\n]+?)\\${mark}(?=$|[\\s.,!?;:)<])`, 'g');
  return html
    .replace(wrap('*'), '$1<b>$2</b>')
    .replace(wrap('_'), '$1<i>$2</i>')
    .replace(wrap('~'), '$1<s>$2</s>');
}

/** One line of text between specials: escape, then emphasis, keeping code spans literal. */
function inline(text: string): string {
  const parts = text.split(/(`[^`\n]+`)/);
  return parts
    .map((part, i) =>
      i % 2 === 1
        ? `<code>${escapeHtml(unslack(part.slice(1, -1)))}</code>`
        : emphasis(escapeHtml(unslack(part))),
    )
    .join('');
}

/** Text with `<…>` specials replaced; placeholders keep them out of emphasis matching. */
function withSpecials(text: string): string {
  const saved: string[] = [];
  const marked = text.replace(/<([^<>\n]+)>/g, (whole, inner: string) => {
    const html = special(inner);
    if (html === undefined) return whole;
    saved.push(html);
    return `\uE000${saved.length - 1}\uE000`;
  });
  return inline(marked).replace(/\uE000(\d+)\uE000/g, (_, i: string) => saved[Number(i)] ?? '');
}

/**
 * @example
 * ```ts
 * mrkdwnToHtml('*Who*\nroot &lt;script&gt;'); // '<b>Who</b><br>root &lt;script&gt;'
 * ```
 */
export function mrkdwnToHtml(text: string): string {
  const out: string[] = [];
  // ``` blocks first: nothing inside is formatted.
  const pieces = text.split(/```/);
  pieces.forEach((piece, i) => {
    if (i % 2 === 1 && i < pieces.length - 1) {
      out.push(`<pre>${escapeHtml(unslack(piece.replace(/^\n|\n$/g, '')))}</pre>`);
      return;
    }
    const lines = (i % 2 === 1 ? `\`\`\`${piece}` : piece).split('\n');
    const html = lines.map((line) => {
      const quote = /^&gt;\s?(.*)$/.exec(line);
      return quote ? `<blockquote>${withSpecials(quote[1] ?? '')}</blockquote>` : withSpecials(line);
    });
    out.push(html.join('<br>').replace(/<\/blockquote><br>/g, '</blockquote>'));
  });
  return out.join('');
}
