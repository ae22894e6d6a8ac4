/**
 * A self-contained HTML page showing messages as Slack shows them: the notification line, then
 * header, sections with fields, context, buttons and dividers, and each attachment behind its
 * colour bar. Rendered here, in Node, so the page works without script; a small inline script
 * only adds the table of contents. No external resource is loaded (a strict CSP says so).
 */
import type { Attachment, Block, SlackMessage, TextObject } from '../../slack/message.js';
import { escapeHtml, mrkdwnToHtml, safeHref } from './mrkdwn.js';

export interface PreviewItem {
  /** Where the message came from: a sample's path or a file name. */
  readonly source: string;
  readonly messages: readonly SlackMessage[];
}

function textObject(t: TextObject): string {
  return t.type === 'mrkdwn' ? mrkdwnToHtml(t.text) : escapeHtml(t.text);
}

function block(b: Block): string {
  switch (b.type) {
    case 'header':
      return `<div class="b-header">${escapeHtml(b.text.text)}</div>`;
    case 'section': {
      const text = b.text ? `<div class="b-text">${textObject(b.text)}</div>` : '';
      const fields = b.fields?.length
        ? `<div class="b-fields">${b.fields.map((f) => `<div class="b-field">${textObject(f)}</div>`).join('')}</div>`
        : '';
      return `<div class="b-section">${text}${fields}</div>`;
    }
    case 'context':
      return `<div class="b-context">${b.elements.map((e) => `<span>${textObject(e)}</span>`).join('')}</div>`;
    case 'actions':
      return `<div class="b-actions">${b.elements
        .map((e) => {
          // A menu (the Snooze choice) shows as its placeholder, like Slack's closed menu.
          if (e.type === 'static_select')
            return `<span class="b-button">${escapeHtml(e.placeholder?.text ?? '')} ▾</span>`;
          const href = e.url ? safeHref(e.url) : undefined;
          const label = escapeHtml(e.text.text);
          return href
            ? `<a class="b-button" href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${label}</a>`
            : `<span class="b-button">${label}</span>`;
        })
        .join('')}</div>`;
    case 'divider':
      return '<hr class="b-divider">';
    default:
      return `<div class="b-unknown">unsupported block ${escapeHtml(String((b as { type?: unknown }).type))}</div>`;
  }
}

function attachment(a: Attachment): string {
  const color = /^#[0-9a-f]{3,8}$/i.test(a.color) ? a.color : '#dddddd';
  return `<div class="attachment" style="border-left-color:${color}">${a.blocks.map(block).join('')}</div>`;
}

function message(m: SlackMessage, id: string): string {
  // The table of contents shows the header (plain text), else the notification line.
  const header = m.blocks.find((b) => b.type === 'header');
  const title = header?.type === 'header' ? header.text.text : m.text;
  return `<article class="message" id="${id}" data-title="${escapeHtml(title)}">
<div class="notification" title="notification text (the plain fallback)">${mrkdwnToHtml(m.text)}</div>
<div class="meta"><span class="avatar">cb</span><b>cloudbell</b> <span class="app">APP</span> <span class="channel">${escapeHtml(m.channel)}</span></div>
<div class="blocks">${m.blocks.map(block).join('')}</div>
${(m.attachments ?? []).map(attachment).join('')}
</article>`;
}

const STYLE = `
body{margin:0;font:15px/1.46 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d1c1d;background:#f8f8f8;display:flex}
nav{width:250px;flex:none;padding:16px;font-size:13px;border-right:1px solid #ddd;background:#3f0e40;color:#fff;min-height:100vh;box-sizing:border-box}
nav a{color:#e8d6e8;display:block;padding:2px 0;text-decoration:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
main{flex:1;padding:16px 24px;max-width:760px}
h1{font-size:18px;margin:0 0 12px}
.source{font:12px ui-monospace,Menlo,monospace;color:#616061;margin:24px 0 6px}
.ignored{color:#616061;font-style:italic}
.message{background:#fff;border:1px solid #e1e1e1;border-radius:8px;padding:12px 16px;margin-bottom:12px}
.notification{font-size:12px;color:#616061;border-bottom:1px dashed #e1e1e1;padding-bottom:6px;margin-bottom:8px}
.meta{margin-bottom:4px}.avatar{display:inline-block;width:20px;height:20px;border-radius:4px;background:#232f3e;color:#fff;font-size:10px;text-align:center;line-height:20px;margin-right:6px}
.app{font-size:10px;background:#e8e8e8;border-radius:2px;padding:0 3px;color:#616061}.channel{color:#616061;font-size:12px;margin-left:6px}
.b-header{font-size:18px;font-weight:900;margin:6px 0}
.b-section{margin:6px 0;overflow-wrap:anywhere}.b-fields{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:8px 16px;margin-top:4px}
.b-context{font-size:12px;color:#616061;margin:6px 0;overflow-wrap:anywhere;display:flex;flex-wrap:wrap;gap:4px 12px}
.b-actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.b-button{display:inline-block;border:1px solid #c7c7c7;border-radius:4px;padding:3px 12px;font-weight:700;font-size:13px;color:#1d1c1d;text-decoration:none}
.b-divider{border:none;border-top:1px solid #e1e1e1;margin:8px 0}
.attachment{border-left:4px solid #ddd;border-radius:4px 0 0 4px;padding:2px 0 2px 12px;margin:6px 0}
code{font:12px ui-monospace,Menlo,monospace;background:#f6f6f6;border:1px solid #e1e1e1;border-radius:3px;padding:1px 3px;color:#e01e5a}
pre{font:12px ui-monospace,Menlo,monospace;background:#f6f6f6;border:1px solid #e1e1e1;border-radius:4px;padding:8px;white-space:pre-wrap;margin:4px 0}
blockquote{border-left:4px solid #ddd;margin:2px 0;padding-left:8px}
a{color:#1264a3}.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}.broadcast{background:#fff4d6;color:#8a6100}
`;

/** The page's only script: a table of contents of the rendered messages. */
const SCRIPT = `
(function () {
  var nav = document.getElementById('toc');
  var cards = document.querySelectorAll('article.message');
  for (var i = 0; i < cards.length; i++) {
    var a = document.createElement('a');
    a.href = '#' + cards[i].id;
    a.textContent = cards[i].getAttribute('data-title');
    nav.appendChild(a);
  }
  document.body.setAttribute('data-rendered', String(cards.length));
})();
`;

/**
 * The whole page.
 *
 * @example
 * ```ts
 * writeFileSync('preview.html', previewPage([{ source: 'alarm.json', messages }], 'cloudbell preview'));
 * ```
 */
export function previewPage(items: readonly PreviewItem[], title = 'cloudbell preview'): string {
  let n = 0;
  const sections = items
    .map((item) => {
      const body =
        item.messages.length === 0
          ? '<p class="ignored">deliberately ignored: nothing is posted</p>'
          : item.messages.map((m) => message(m, `m${++n}`)).join('\n');
      return `<section class="item" data-source="${escapeHtml(item.source)}"><div class="source">${escapeHtml(item.source)}</div>\n${body}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body data-messages="${n}"><nav id="toc"><b>${escapeHtml(title)}</b></nav>
<main><h1>${escapeHtml(title)}</h1>
${sections}
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
