/**
 * Small, total readers for loosely shaped AWS event JSON, and the parts every family's alert
 * shares (account label, region, time, fallback line). Nothing here throws: a missing or
 * mistyped optional field is simply absent from the message.
 */
import { accountLabel } from '../alerts/account.js';
import type { Severity } from '../alerts/alert.js';
import type { Config } from '../core/config.js';
import { type EventBridgeEvent, eventBridgeEvent } from '../sources/unwrap.js';

export type Json = Record<string, unknown>;

/** The value as an object, or `undefined`. */
export function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The value as an array (empty when it is not one). */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string (numbers and booleans are written out), or `undefined`. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** A finite number (numeric strings too), or `undefined`. */
export function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Reads a path of keys through nested objects. */
export function at(value: unknown, ...path: string[]): unknown {
  let node: unknown = value;
  for (const key of path) {
    const o = obj(node);
    if (!o) return undefined;
    node = o[key];
  }
  return node;
}

/** The time as ISO 8601 (RFC 1123 and epoch-millisecond inputs too), or `undefined`. */
export function isoTime(value: unknown): string | undefined {
  let raw: string | number | undefined = typeof value === 'number' ? value : str(value)?.trim();
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') {
    // Inspector writes "Wed Sep 04 17:00:36.951 UTC 2024"; older events "Mar 20, 2023, 6:08:05 PM" (UTC).
    const java = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}:\d{2}:\d{2})(\.\d+)? UTC (\d{4})$/.exec(raw);
    if (java) raw = `${java[1]} ${java[2]} ${java[5]} ${java[3]}${java[4] ?? ''} UTC`;
    else if (/^\w{3} \d{1,2}, \d{4},? \d{1,2}:\d{2}(:\d{2})? [AP]M$/.test(raw))
      raw = `${raw.replace(',', '').replace(',', '')} UTC`;
  }
  const t = new Date(raw);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** CRITICAL/HIGH/MEDIUM/LOW/INFORMATIONAL (any case) → cloudbell's five levels. */
export function severityFromLabel(label: unknown, fallback: Severity = 'info'): Severity {
  switch (str(label)?.toUpperCase()) {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    case 'INFORMATIONAL':
    case 'INFO':
    case 'UNTRIAGED':
      return 'info';
    default:
      return fallback;
  }
}

/** The lowest score of each band, most severe first; a score under `low` is info. */
export interface ScoreBands {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
}

/**
 * A numeric score in cloudbell's five levels, by the service's own bands.
 *
 * @example
 * ```ts
 * severityFromScore(7.2, { critical: 9, high: 7, medium: 4, low: 1 }); // 'high'
 * ```
 */
export function severityFromScore(score: number, bands: ScoreBands): Severity {
  if (score >= bands.critical) return 'critical';
  if (score >= bands.high) return 'high';
  if (score >= bands.medium) return 'medium';
  if (score >= bands.low) return 'low';
  return 'info';
}

/** The EventBridge envelope of an event, or `undefined` when it is not one. */
export function eventOf(event: unknown): EventBridgeEvent | undefined {
  const parsed = eventBridgeEvent.safeParse(event);
  return parsed.success ? parsed.data : undefined;
}

/** An EventBridge event whose `detail` is an object: what a family's `toAlert` reads. */
export interface EventDetail {
  readonly event: EventBridgeEvent;
  readonly detail: Json;
}

/**
 * The EventBridge event and its `detail` object, or `undefined` when it is not an EventBridge
 * event or its detail is not an object (the family has nothing to read then).
 *
 * @example
 * ```ts
 * const read = detailOf(raw);
 * if (!read) return null;
 * const { event, detail } = read;
 * ```
 */
export function detailOf(raw: unknown): EventDetail | undefined {
  const event = eventOf(raw);
  const detail = obj(event?.detail);
  return event && detail ? { event, detail } : undefined;
}

/** Where an alert happened, as every family shows it. */
export interface Where {
  readonly accountId?: string;
  readonly account?: string;
  readonly region?: string;
}

/** Account (with its alias) and region; the detail's own values win over the envelope's. */
export function whereOf(
  config: Pick<Config, 'accounts'>,
  accountId: unknown,
  region: unknown,
  event?: EventBridgeEvent,
): Where {
  const id = str(accountId) ?? event?.account;
  const r = str(region) ?? event?.region;
  const label = accountLabel(id, config);
  return {
    ...(id ? { accountId: id } : {}),
    ...(label ? { account: label } : {}),
    ...(r ? { region: r } : {}),
  };
}

/** The notification line: the headline, then account and region. */
export function fallbackLine(headline: string, where: Where): string {
  return [headline, where.account, where.region].filter(Boolean).join(' · ');
}

/** The optional alert keys for account, region and time, spread into an alert. */
export function placeOf(where: Where, time: string | undefined) {
  return {
    ...(where.accountId ? { account: where.accountId } : {}),
    ...(where.region ? { region: where.region } : {}),
    ...(time ? { time } : {}),
  };
}

/** Joins the defined parts with `sep`. */
export function join(parts: ReadonlyArray<string | undefined>, sep = ' · '): string {
  return parts.filter((p): p is string => Boolean(p)).join(sep);
}

/** An ARN's last path part (`…:task/cluster/abc` → `abc`), or the value itself. */
export function lastPart(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const tail = value.split(/[/:]/).pop();
  return tail && tail !== '' ? tail : value;
}

/** The region an ARN names, when it names one. */
export function regionOfArn(arn: string | undefined): string | undefined {
  const region = arn?.split(':')[3];
  return region && /^[a-z]{2}(-[a-z]+)+-\d$/.test(region) ? region : undefined;
}

const AWS_HOST = /(^|\.)(amazon\.com|amazonaws\.com|amazonaws\.cn|amazonaws-us-gov\.com|aws\.dev)$/;

/**
 * A link taken from an event (a remediation or source URL), or `undefined` unless it is an
 * https URL on an AWS domain: event text is attacker-influenced, and a button must not lead
 * anywhere else. The URL is re-serialised, so spaces and `<` `>` arrive percent-encoded.
 */
export function awsUrl(value: unknown): string | undefined {
  const raw = str(value);
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' && AWS_HOST.test(url.hostname) && url.username === ''
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The value with every object key's first letter lower-cased (`AccountId` → `accountId`): the
 * API's JSON as the AWS CLI and SDKs print it, turned back into the shape EventBridge delivers.
 */
export function camelKeys(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => camelKeys(v, depth + 1));
  const o = obj(value);
  if (!o) return value;
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), camelKeys(v, depth + 1)]),
  );
}
