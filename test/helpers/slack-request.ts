/**
 * Builds REAL signed Slack requests as API Gateway HTTP API (payload v2) events, the way
 * bolt-js's own tests do: `v0=` HMAC-SHA256 over `v0:{timestamp}:{body}` with the signing
 * secret. Options produce each kind of bad request (forged, stale, future, missing headers,
 * tampered body).
 */
import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

export interface SlashCommandFields {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: string;
  response_url: string;
  trigger_id: string;
}

/** A slash command body exactly as Slack sends it (form-encoded). */
export function slashCommandBody(fields: Partial<SlashCommandFields> = {}): string {
  const all: SlashCommandFields = {
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: 'T0123ABCD',
    team_domain: 'acme',
    channel_id: 'C0OPS1234',
    channel_name: 'ops',
    user_id: 'U0ALICE12',
    user_name: 'alice',
    command: '/aws-errors',
    text: '',
    api_app_id: 'A0CLOUDBELL',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T0123ABCD/1234567890123/AbCdEfGhIjKlMnOpQrStUvWx',
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    ...fields,
  };
  return new URLSearchParams(Object.entries(all)).toString();
}

export interface SignedRequestOptions {
  readonly body: string;
  readonly contentType?: string;
  readonly signingSecret?: string;
  /** Unix seconds the request claims; defaults to now. */
  readonly timestamp?: number;
  /** Sign this body, send `body` (a tampered request). */
  readonly signedBody?: string;
  readonly omitSignature?: boolean;
  readonly omitTimestamp?: boolean;
  /** HTTP APIs base64-encode form bodies. */
  readonly base64?: boolean;
}

/** The Slack signature of `body` at `timestamp`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A signed `POST /slack/events` event, payload format 2.0. */
export function signedSlackEvent(options: SignedRequestOptions): APIGatewayProxyEventV2 {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.signingSecret ?? TEST_SIGNING_SECRET;
  const headers: Record<string, string> = {
    accept: 'application/json,*/*',
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-forwarded-for': '54.209.78.133',
    'x-forwarded-proto': 'https',
  };
  if (!options.omitTimestamp) headers['x-slack-request-timestamp'] = String(timestamp);
  if (!options.omitSignature)
    headers['x-slack-signature'] = slackSignature(secret, timestamp, options.signedBody ?? options.body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '210987654321',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: 'POST',
        path: '/slack/events',
        protocol: 'HTTP/1.1',
        sourceIp: '54.209.78.133',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: `req-${timestamp}-${Math.random().toString(36).slice(2)}`,
      routeKey: 'POST /slack/events',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: options.base64 ? Buffer.from(options.body, 'utf8').toString('base64') : options.body,
    isBase64Encoded: options.base64 === true,
  };
}
