/**
 * CloudTrail security events: "AWS API Call via CloudTrail" and "AWS Console Sign In via
 * CloudTrail". The catalogue's most severe matching rule decides title and severity; an
 * event no rule matches (forwarded by a user's own rule) is still posted, as info.
 */

import { accountLabel } from '../../alerts/account.js';
import type { Alert, Fact, Link, Severity } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import { InputError } from '../../core/errors.js';
import { type EventBridgeEvent, eventBridgeEvent } from '../../sources/unwrap.js';
import type { EventFamily } from '../family.js';
import { API_CALL, CONSOLE_SIGN_IN } from './catalogue.js';
import { classify } from './catalogue-match.js';
import { describePrincipal } from './principal.js';
import { type CloudTrailRecord, cloudTrailRecordSchema, serviceOf } from './record.js';
import { describeRequest } from './request.js';
import type { SecurityRule } from './rule.js';
import { isConsoleLogin, isDenied, mfaUsed, summarise } from './summary.js';
import { shortUserAgent } from './user-agent.js';
import { text } from './values.js';

const DETAIL_TYPES: ReadonlySet<string> = new Set([API_CALL, CONSOLE_SIGN_IN]);

function parseEvent(event: unknown): EventBridgeEvent | undefined {
  const parsed = eventBridgeEvent.safeParse(event);
  return parsed.success && DETAIL_TYPES.has(parsed.data['detail-type']) ? parsed.data : undefined;
}

function result(record: CloudTrailRecord): string {
  if (isConsoleLogin(record)) {
    const outcome =
      text(record.responseElements, 'ConsoleLogin') ?? (record.errorMessage ? 'Failure' : 'Success');
    return record.errorMessage ? `${outcome} · ${record.errorMessage}` : outcome;
  }
  if (!record.errorCode) return 'Success';
  const kind = isDenied(record.errorCode) ? 'Denied' : 'Failure';
  return [`${kind} · ${record.errorCode}`, record.errorMessage].filter(Boolean).join('\n');
}

function from(record: CloudTrailRecord): string {
  const agent = shortUserAgent(record.userAgent);
  // AWS services put their own name in both fields.
  return [record.sourceIPAddress, agent === record.sourceIPAddress ? undefined : agent]
    .filter(Boolean)
    .join(' · ');
}

function contextOf(
  top: SecurityRule | undefined,
  others: readonly SecurityRule[],
  time: string | undefined,
  eventId: string | undefined,
): string[] {
  if (!top) return [time, eventId ? `event ${eventId}` : undefined].filter((c): c is string => Boolean(c));
  const why = top.cis ? `CIS ${top.cis} · ${top.rationale}` : top.rationale;
  const also = others.length > 0 ? ` (also ${others.map((r) => r.id).join(', ')})` : '';
  return [why, time, `rule ${top.id}${also}`].filter((c): c is string => Boolean(c));
}

/**
 * The CloudTrail security family (id `security`, like `Alert.family` and the config's `security` section).
 *
 * @example
 * ```ts
 * const event = securityFamily.read(envelope, readContext(envelope, context)); // undefined: not CloudTrail
 * if (event) securityFamily.toAlert(event, context)?.title; // 'CRITICAL · Root account signed in to the console'
 * ```
 */
export const securityFamily: EventFamily<EventBridgeEvent> = {
  id: 'security',
  read: (envelope) => (envelope.shape === 'eventbridge' ? parseEvent(envelope.event) : undefined),
  toAlert(event, { config, now }) {
    const parsed = cloudTrailRecordSchema.safeParse(event.detail);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `not a CloudTrail record (${issue ? `${issue.path.join('.') || 'detail'}: ${issue.message}` : 'invalid'})`,
      );
    }
    const record = parsed.data;
    const disabled = new Set(config.security.disabled);
    const [top, ...others] = classify(event).filter((rule) => !disabled.has(rule.id));
    const severity: Severity = top?.severity ?? 'info';
    // A rule about a change still fires for a refused attempt: say so, the change did not happen.
    const attempt =
      top && record.errorCode && top.id !== 'unauthorized-api-call'
        ? isDenied(record.errorCode)
          ? ' (attempt denied)'
          : ' (attempt failed)'
        : '';
    const title = top
      ? `${severity.toUpperCase()} · ${top.title}${attempt}`
      : `AWS API call: ${record.eventName}`;

    const accountId = record.recipientAccountId ?? event.account;
    const region = record.awsRegion ?? event.region;
    const account = accountLabel(accountId, config);
    const principal = describePrincipal(record.userIdentity, accountId);
    const view = describeRequest(record);
    // MFA is only meaningful for a direct (IAM user or root) sign-in that went through.
    const signedInDirectly = record.userIdentity?.type === 'IAMUser' || record.userIdentity?.type === 'Root';
    const mfa =
      isConsoleLogin(record) && signedInDirectly && !record.errorMessage ? mfaUsed(record) : undefined;

    const facts: Fact[] = [
      { label: 'Who', value: principal.who },
      { label: 'From', value: from(record) },
      { label: 'Account', value: account ?? '' },
      { label: 'Region', value: region ?? '' },
      { label: 'Event', value: `${serviceOf(record.eventSource)} · ${record.eventName}` },
      { label: 'Result', value: result(record) },
      ...(mfa === undefined ? [] : [{ label: 'MFA', value: mfa ? 'Yes' : 'No' }]),
      ...view.facts,
    ];
    const links: Link[] = [];
    if (region && record.eventID) {
      links.push({
        text: 'Open in CloudTrail',
        url: consoleUrl(region, 'cloudtrailv2/home', `/events/${encodeUriPart(record.eventID)}`),
      });
    }
    links.push(...(view.links ?? []));

    const time = record.eventTime ?? event.time;
    const headline = top ? `${severity.toUpperCase()} ${top.title}${attempt}` : title;
    return {
      family: 'security',
      severity,
      emoji: '🛡️',
      title,
      summary: summarise(record, principal, view),
      facts,
      context: contextOf(top, others, formatTime(time, now), record.eventID),
      ...(view.detail === undefined ? {} : { detail: view.detail }),
      links,
      ...(accountId ? { account: accountId } : {}),
      ...(region ? { region } : {}),
      ...(time ? { time } : {}),
      fallback: [headline, account, region].filter(Boolean).join(' · '),
      dedupeKey: `eb:${event.id}`,
      route: {
        ...(top ? { catalogueId: top.id } : {}),
        ...(principal.routeArn ? { principalArn: principal.routeArn } : {}),
        source: event.source,
      },
    } satisfies Alert;
  },
};
