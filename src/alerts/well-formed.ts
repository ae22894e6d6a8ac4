/**
 * Well-formed UTF-16 for every string that becomes a URL, Slack text or a table key.
 *
 * JSON may carry lone surrogates (`"\ud800"`): `JSON.parse` accepts them, but
 * `encodeURIComponent` throws `URIError: URI malformed` on them, UTF-8 encoders silently turn
 * them into U+FFFD, and a key written with one may not read back equal. Replacing each lone
 * surrogate with U+FFFD up front (what `String.prototype.toWellFormed` does, not in ES2023's
 * lib yet) keeps an alert in its family with a stable dedupe key and thread.
 */
import { createHash } from 'node:crypto';
import type { Alert } from './alert.js';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const REPLACEMENT = '\uFFFD';

/**
 * `text` with each lone surrogate replaced by U+FFFD; well-formed text is returned as is.
 *
 * @example
 * ```ts
 * wellFormed('cpu-\ud800-high'); // 'cpu-\ufffd-high'
 * ```
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, REPLACEMENT);
}

const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

/** True when `text` has no lone surrogate. */
export function isWellFormed(text: string): boolean {
  return !HAS_LONE_SURROGATE.test(text);
}

/**
 * `encodeURIComponent` that never throws: lone surrogates are encoded as U+FFFD (`%EF%BF%BD`).
 *
 * @example
 * ```ts
 * encodeUriPart('a/b \ud800'); // 'a%2Fb%20%EF%BF%BD'
 * ```
 */
export function encodeUriPart(text: string): string {
  return encodeURIComponent(wellFormed(text));
}

/**
 * Longest key kept as is. DynamoDB allows 2,048 bytes of partition key: 600 UTF-16 units are at
 * most 1,800 bytes of UTF-8, and every real key (an alarm ARN, 255-character names included,
 * plus its state time) is shorter, so only hostile ones are shortened.
 */
export const MAX_KEY_LENGTH = 600;

/**
 * A dedupe or thread key the table accepts: well-formed, and when longer than `MAX_KEY_LENGTH`,
 * its start plus a hash of the whole (an event id can be as long as its body). Deterministic, so
 * a redelivery finds the same key.
 *
 * @example
 * ```ts
 * storableKey(`eb:${'x'.repeat(100_000)}`); // 'eb:xxx…#<32 hex>' (600 characters)
 * ```
 */
export function storableKey(key: string): string {
  const text = wellFormed(key);
  if (text.length <= MAX_KEY_LENGTH) return text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 32);
  const head = wellFormed(text.slice(0, MAX_KEY_LENGTH - hash.length - 1));
  return `${head}#${hash}`;
}

const str = (s: string) => wellFormed(s);
const opt = (s: string | undefined) => (s === undefined ? undefined : wellFormed(s));

/**
 * The alert with every string well-formed, and its keys storable: what it shows, links to and
 * is keyed by. Applied once by the pipeline, so the renderer, the digest, the table and the logs
 * all see the same text.
 *
 * @example
 * ```ts
 * wellFormedAlert(alert).dedupeKey; // the family's key, lone surrogates replaced
 * ```
 */
export function wellFormedAlert(alert: Alert): Alert {
  const { route, thread } = alert;
  return {
    ...alert,
    emoji: str(alert.emoji),
    title: str(alert.title),
    ...(alert.summary !== undefined ? { summary: str(alert.summary) } : {}),
    facts: alert.facts.map((f) => ({ label: str(f.label), value: str(f.value) })),
    ...(alert.details
      ? { details: alert.details.map((f) => ({ label: str(f.label), value: str(f.value) })) }
      : {}),
    context: alert.context.map(str),
    links: alert.links.map((l) => ({ text: str(l.text), url: str(l.url) })),
    ...(alert.account !== undefined ? { account: str(alert.account) } : {}),
    ...(alert.region !== undefined ? { region: str(alert.region) } : {}),
    ...(alert.time !== undefined ? { time: str(alert.time) } : {}),
    fallback: str(alert.fallback),
    dedupeKey: storableKey(alert.dedupeKey),
    ...(thread ? { thread: { ...thread, key: storableKey(thread.key), since: str(thread.since) } } : {}),
    route: {
      ...route,
      ...(route.alarmName !== undefined ? { alarmName: opt(route.alarmName) } : {}),
      ...(route.catalogueId !== undefined ? { catalogueId: opt(route.catalogueId) } : {}),
      ...(route.principalArn !== undefined ? { principalArn: opt(route.principalArn) } : {}),
      ...(route.source !== undefined ? { source: opt(route.source) } : {}),
    },
  };
}
