/**
 * The fallback family: anything no other family claims still reaches Slack. An EventBridge
 * event shows its detail-type, source, account, region, time and resources, then the top-level
 * fields of its `detail` as a readable list; any other JSON shows its own top-level fields;
 * text shows as text.
 *
 * Total on purpose: whatever JSON value arrives (any depth, any size, any keys), this family
 * returns an alert without throwing. Nothing here recurses or stringifies a whole value.
 */
import { accountLabel } from '../../alerts/account.js';
import type { Alert, Fact } from '../../alerts/alert.js';
import { compactJson, jsonHash } from '../../alerts/json.js';
import { formatTime } from '../../alerts/time.js';
import { isSecretName, redact } from '../../aws-errors/redact.js';
import type { Envelope } from '../../sources/envelope.js';
import type { EventFamily, FamilyContext } from '../family.js';

/** Fields listed from an event's detail; the rest are counted. */
export const MAX_LISTED_FIELDS = 20;
/** Characters of one listed value (the renderer cuts again to its own budget). */
const VALUE_MAX = 300;
/** Scalars of an array listed inline, and resources named. */
const LIST_MAX = 10;
/** Characters of a text (non-JSON) message shown as the summary. */
const TEXT_MAX = 700;
/** Events name people by e-mail on purpose (who did what): only secrets are hidden. */
const NO_EMAIL_REDACTION = { emails: false } as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null) return 'null';
  return undefined;
}

/**
 * Characters redacted before a text is cut for display. Redaction runs on the whole value (up to
 * this bound) and only then is it cut: a secret cut short first would no longer match the
 * pattern that knows its full form, and its prefix would reach Slack.
 */
const REDACT_SPAN = 65_536;

/** A text ready to show: secrets hidden first, then cut to `max`. */
function safeText(text: string, max: number): string {
  return cut(redact(text.length > REDACT_SPAN ? text.slice(0, REDACT_SPAN) : text, NO_EMAIL_REDACTION), max);
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 2);
  // Never keep the first half of a surrogate pair alone.
  const end = code >= 0xd800 && code <= 0xdbff ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

/** Levels of a nested value spelled out inline; deeper ones show as `{…}` / `[…]`. */
const INLINE_DEPTH = 2;

/**
 * A nested value in words: `name: checkout-api, exitCode: 137` for an object, items joined with
 * `, ` (objects with ` · `), at most `LIST_MAX` entries per level. Recursion is bounded by
 * `INLINE_DEPTH`; what lies deeper is left to the bounded JSON walker.
 */
function inline(value: unknown, depth: number): string {
  const scalar = scalarText(value);
  if (scalar !== undefined) return safeText(scalar, VALUE_MAX);
  if (depth >= INLINE_DEPTH || typeof value !== 'object' || value === null) {
    // Spelled out in full (within the walker's bounds) so redaction sees whole values, then cut.
    const json = compactJson(value, { maxDepth: 1, maxChars: 4_096 });
    return safeText(json.cut ? `${json.text}…` : json.text, 60);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const shown = value.slice(0, LIST_MAX);
    const objects = shown.some((v) => typeof v === 'object' && v !== null);
    const more = value.length - shown.length;
    const text = shown.map((v) => inline(v, depth + 1)).join(objects ? ' · ' : ', ');
    return `${text}${more > 0 ? ` (+${more.toLocaleString('en-US')} more)` : ''}`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return '{}';
  const pairs = keys
    .slice(0, LIST_MAX)
    .map((k) => `${cut(k, 60)}: ${isSecretName(k) ? '[REDACTED]' : inline(record[k], depth + 1)}`);
  const more = keys.length - pairs.length;
  const text = `${pairs.join(', ')}${more > 0 ? ` (+${more.toLocaleString('en-US')} more)` : ''}`;
  return depth > 0 ? `{${text}}` : text;
}

/**
 * One value on one line, in words rather than JSON: text as is, lists joined, objects as
 * `key: value` pairs; cut to a few hundred characters.
 *
 * @example
 * ```ts
 * valueText([{ name: 'api', exitCode: 137 }]); // 'name: api, exitCode: 137'
 * ```
 */
export function valueText(value: unknown): string {
  return cut(inline(value, 0), VALUE_MAX);
}

/**
 * The top-level fields of a value as label/value pairs: an object's keys, an array's indexes,
 * a scalar as one `value`. At most `MAX_LISTED_FIELDS`, then a count of the rest.
 *
 * @example
 * ```ts
 * fieldsOf({ lastStatus: 'STOPPED', containers: [{ exitCode: 137 }] });
 * // [{ label: 'lastStatus', value: 'STOPPED' }, { label: 'containers', value: '[{"exitCode":137}]' }]
 * ```
 */
export function fieldsOf(value: unknown): Fact[] {
  let entries: Array<[string, unknown]>;
  let total: number;
  if (Array.isArray(value)) {
    total = value.length;
    entries = value.slice(0, MAX_LISTED_FIELDS).map((v, i) => [`[${i}]`, v]);
  } else if (isRecord(value)) {
    const keys = Object.keys(value);
    total = keys.length;
    entries = keys.slice(0, MAX_LISTED_FIELDS).map((k) => [k, value[k]]);
  } else {
    const text = value === undefined ? undefined : valueText(value);
    return text === undefined ? [] : [{ label: 'value', value: text }];
  }
  const facts: Fact[] = entries.map(([label, v]) => ({
    label: cut(label, 60),
    // Unknown events are not vetted: hide what looks like a secret before it leaves AWS.
    value: isSecretName(label) ? '[REDACTED]' : redact(valueText(v), NO_EMAIL_REDACTION) || '""',
  }));
  const more = total - entries.length;
  if (more > 0) facts.push({ label: '…', value: `${more.toLocaleString('en-US')} more` });
  return facts;
}

/** An EventBridge event's parts, read without trusting their types. */
interface EventParts {
  readonly id: string;
  readonly detailType: string;
  readonly source: string;
  readonly account?: string;
  readonly region?: string;
  readonly time?: string;
  readonly resources: readonly unknown[];
  readonly detail: unknown;
}

function eventParts(envelope: Envelope): EventParts | undefined {
  if (envelope.shape !== 'eventbridge' || !isRecord(envelope.event)) return undefined;
  const e = envelope.event;
  const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
  const id = str('id');
  const source = str('source');
  const detailType = str('detail-type');
  if (id === undefined || source === undefined || detailType === undefined) return undefined;
  const account = str('account');
  const region = str('region');
  const time = str('time');
  return {
    id,
    detailType,
    source,
    ...(account !== undefined ? { account } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(time !== undefined ? { time } : {}),
    resources: Array.isArray(e.resources) ? e.resources : [],
    detail: e.detail,
  };
}

function resourcesText(resources: readonly unknown[]): string {
  const shown = resources.slice(0, LIST_MAX).map(valueText);
  const more = resources.length - shown.length;
  return [...shown, ...(more > 0 ? [`+${more.toLocaleString('en-US')} more`] : [])].join('\n');
}

function eventBridgeAlert(e: EventParts, envelope: Envelope, { config, now }: FamilyContext) {
  const account = accountLabel(e.account, config);
  const facts: Fact[] = [
    { label: 'Source', value: e.source },
    { label: 'Account', value: account ?? '' },
    { label: 'Region', value: e.region ?? '' },
    { label: 'Time', value: formatTime(e.time, now) ?? '' },
    { label: 'Resources', value: resourcesText(e.resources) },
  ];
  const details = fieldsOf(e.detail);
  return {
    family: 'generic',
    severity: 'info',
    emoji: '📣',
    title: e.detailType || 'AWS event',
    ...(envelope.problem
      ? {
          summary: `cloudbell could not read this event fully (${envelope.problem}); it is shown as received.`,
        }
      : {}),
    facts,
    ...(details.length > 0 ? { details } : {}),
    context: [`event ${e.id}`],
    links: [],
    ...(e.account ? { account: e.account } : {}),
    ...(e.region ? { region: e.region } : {}),
    ...(e.time ? { time: e.time } : {}),
    fallback: [e.detailType, e.source, account, e.region].filter(Boolean).join(' · '),
    dedupeKey: `eb:${e.id}`,
    route: { source: e.source },
  } satisfies Alert;
}

/** Claims every envelope (it is tried last) and reads it as it is. */
export const genericFamily: EventFamily<Envelope> = {
  id: 'generic',
  read: (envelope) => envelope,
  toAlert(envelope, context) {
    const eb = eventParts(envelope);
    if (eb) return eventBridgeAlert(eb, envelope, context);
    const subject = envelope.sns?.subject;
    const title = subject ? subject : envelope.shape === 'sns' ? 'SNS message' : 'Unrecognised event';
    const note = envelope.problem
      ? `cloudbell could not read this event (${envelope.problem}); it is shown as received.`
      : 'cloudbell does not know this kind of event; it is shown as received.';
    const text = typeof envelope.event === 'string' ? envelope.event : undefined;
    const details = text === undefined ? fieldsOf(envelope.event) : [];
    const when = envelope.sns?.timestamp ? formatTime(envelope.sns.timestamp, context.now) : undefined;
    return {
      family: 'generic',
      severity: 'info',
      emoji: '📣',
      title,
      // A text message is the message: show it first, and say what cloudbell made of it below.
      summary: text !== undefined && text.trim() !== '' ? safeText(text, TEXT_MAX) : note,
      facts: envelope.sns?.topicArn ? [{ label: 'Topic', value: envelope.sns.topicArn }] : [],
      ...(details.length > 0 ? { details } : {}),
      context: [...(text !== undefined && text.trim() !== '' ? [note] : []), ...(when ? [when] : [])],
      links: [],
      fallback: title,
      // The delivery's own id when it has one; an SQS message keeps its id across receives, while
      // two messages with the same body (a daily text notification) are still two alerts.
      dedupeKey: envelope.deliveryId
        ? `id:${envelope.deliveryId}`
        : envelope.recordId
          ? `sqs:${envelope.recordId}`
          : `hash:${jsonHash(envelope.event).slice(0, 32)}`,
      route: {},
    } satisfies Alert;
  },
};
