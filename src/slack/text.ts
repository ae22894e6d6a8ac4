/**
 * Escaping and truncation of untrusted text for Slack mrkdwn and plain_text. Every helper
 * also makes the text well-formed (lone UTF-16 surrogates → U+FFFD): Slack receives UTF-8.
 */
import { wellFormed } from '../alerts/well-formed.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ELLIPSIS = '…';

/**
 * Escapes `&`, `<` and `>` — and nothing else, as Slack documents. That neutralises
 * `<!channel>`, `<@U…>` and disguised links `<url|label>`.
 *
 * @example
 * ```ts
 * escapeMrkdwn('<!channel> hi'); // '&lt;!channel&gt; hi'
 * ```
 */
export function escapeMrkdwn(text: string): string {
  return wellFormed(text).replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Cuts `text` to at most `max` UTF-16 units, never splitting a surrogate pair, ending in `…`
 * when something was cut.
 *
 * @example
 * ```ts
 * truncate('checkout-api-errors', 10); // 'checkout-…'
 * ```
 */
export function truncate(input: string, max: number): string {
  const text = wellFormed(input);
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - ELLIPSIS.length;
  // Do not leave half of a surrogate pair before the ellipsis.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, Math.max(0, end)) + ELLIPSIS;
}

/**
 * Escapes then truncates so that the *escaped* result fits `max` (escaping lengthens text,
 * and Slack's limits apply to what is sent). An entity is never cut in half.
 *
 * @example
 * ```ts
 * safeText('a < b', 100); // 'a &lt; b'
 * ```
 */
export function safeText(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  const budget = max - ELLIPSIS.length;
  for (const ch of wellFormed(text)) {
    const piece = ESCAPES[ch] ?? ch;
    if (out.length + piece.length > budget) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/** Plain-text fields (header, button text) are not mrkdwn, but Slack still decodes entities in them; escape alike. */
export const safePlain = safeText;

/** Collapses whitespace runs (newlines included) so one-line texts stay on one line. */
export function oneLine(text: string): string {
  return wellFormed(text).replace(/\s+/g, ' ').trim();
}
