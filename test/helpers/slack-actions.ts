/**
 * Interaction payloads built the way Slack sends them: a form-encoded body with one field,
 * `payload`, holding the JSON (block_actions from a button or menu on a message, or a
 * view_submission from a modal), signed like every Slack request (`X-Slack-Signature` v0 over
 * `v0:{timestamp}:{body}`). Field sets follow docs.slack.dev's block_actions and
 * view_submission payload references.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { SlackMessage } from '../../src/slack/message.js';
import { signedSlackEvent } from './slack-request.js';

export const TEAM = { id: 'T0123ABCD', domain: 'acme' };
export const CHANNEL = { id: 'C0ALERTS1', name: 'aws-alerts' };
export const PARENT_TS = '1764151320.000100';

export interface Person {
  readonly id: string;
  readonly name: string;
}
export const ALICE: Person = { id: 'U0ALICE12', name: 'alice' };
export const BOB: Person = { id: 'U0BOB1234', name: 'bob' };
export const MALLORY: Person = { id: 'U0MALLORY', name: 'mallory' };
export const ADMIN: Person = { id: 'U0ADMIN99', name: 'root-admin' };

/** A message as Slack returns it inside a payload: its own `ts`, colours without `#`, ids added. */
export function postedMessage(message: SlackMessage, ts = PARENT_TS): Record<string, unknown> {
  return {
    type: 'message',
    subtype: 'bot_message',
    ts,
    bot_id: 'B0CLOUDBEL',
    app_id: 'A0CLOUDBELL',
    user: 'U0CLOUDBEL',
    team: TEAM.id,
    text: message.text,
    blocks: message.blocks,
    ...(message.attachments
      ? {
          attachments: message.attachments.map((a, i) => ({
            id: i + 1,
            color: a.color.replace(/^#/, ''),
            fallback: '[no preview available]',
            blocks: a.blocks,
          })),
        }
      : {}),
  };
}

export interface BlockActionOptions {
  readonly user?: Person;
  readonly team?: typeof TEAM;
  /** The message the element sits on, as posted. */
  readonly message: Record<string, unknown>;
  readonly actionId: string;
  /** For a button. */
  readonly value?: string;
  /** For a static select: the chosen option's value. */
  readonly selected?: string;
  readonly blockId?: string;
  /** Slack's action_ts; a retry repeats it, a new click gets a new one. */
  readonly actionTs?: string;
  readonly channel?: typeof CHANNEL;
}

let clicks = 0;
/** A fresh action_ts, as a new click would have. */
export function nextActionTs(): string {
  clicks += 1;
  return `1764151400.${String(100000 + clicks)}`;
}

/** The block_actions payload object. */
export function blockActionPayload(o: BlockActionOptions): Record<string, unknown> {
  const user = o.user ?? ALICE;
  const team = o.team ?? TEAM;
  const channel = o.channel ?? CHANNEL;
  const ts = String(o.message.ts);
  const action =
    o.selected !== undefined
      ? {
          type: 'static_select',
          action_id: o.actionId,
          block_id: o.blockId ?? 'cloudbell-actions',
          selected_option: { text: { type: 'plain_text', text: o.selected, emoji: true }, value: o.selected },
          placeholder: { type: 'plain_text', text: '🔕 Snooze…', emoji: true },
          action_ts: o.actionTs ?? nextActionTs(),
        }
      : {
          type: 'button',
          action_id: o.actionId,
          block_id: o.blockId ?? 'cloudbell-actions',
          text: { type: 'plain_text', text: 'button', emoji: true },
          ...(o.value !== undefined ? { value: o.value } : {}),
          action_ts: o.actionTs ?? nextActionTs(),
        };
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: team.id },
    api_app_id: 'A0CLOUDBELL',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    container: { type: 'message', message_ts: ts, channel_id: channel.id, is_ephemeral: false },
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    team,
    enterprise: null,
    is_enterprise_install: false,
    channel,
    message: o.message,
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/${team.id}/1764151400123/AbCdEfGhIjKlMnOpQrStUvWx`,
    actions: [action],
  };
}

/** The view_submission payload object for a modal with `callbackId`, `privateMetadata` and state values. */
export function viewSubmissionPayload(o: {
  user?: Person;
  callbackId: string;
  privateMetadata: string;
  values?: Record<string, Record<string, unknown>>;
}): Record<string, unknown> {
  const user = o.user ?? ALICE;
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
    api_app_id: 'A0CLOUDBELL',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    // Each submission its own trigger, as Slack gives.
    trigger_id: `13345224609.738474920.${nextActionTs().replace('.', '')}`,
    view: {
      id: 'V0MODAL123',
      team_id: TEAM.id,
      type: 'modal',
      callback_id: o.callbackId,
      private_metadata: o.privateMetadata,
      state: { values: o.values ?? {} },
      hash: '1764151400.abc',
      title: { type: 'plain_text', text: 'cloudbell' },
      blocks: [],
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** A signed `POST /slack/events` carrying `payload`, optionally as Slack's n-th retry. */
export function signedInteraction(
  payload: Record<string, unknown>,
  options: { retryNum?: number; timestamp?: number; signingSecret?: string } = {},
): APIGatewayProxyEventV2 {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  // A retry is a new request: Slack signs it again with its own (later) timestamp.
  const timestamp =
    options.timestamp ??
    (options.retryNum !== undefined ? Math.floor(Date.now() / 1000) + options.retryNum : undefined);
  const event = signedSlackEvent({
    body,
    base64: true,
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(options.signingSecret !== undefined ? { signingSecret: options.signingSecret } : {}),
  });
  if (options.retryNum !== undefined) {
    event.headers['x-slack-retry-num'] = String(options.retryNum);
    event.headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return event;
}
