/**
 * The Bolt listeners behind cloudbell's buttons, registered on the slack Lambda's Bolt app
 * with one call. Each press: ack at once (Bolt's Lambda receiver answers Slack when the
 * listener returns, so everything here stays well inside 3 s), check `access`, claim the
 * press (user + `action_ts`) so a Slack retry or a duplicate delivery does nothing, then make
 * the conditional write, record it in the thread and refresh the parent's status line.
 * Refusals and "already done" answers are private (ephemeral, via response_url).
 */
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { adminOnly, isAdmin, mayAct } from '../../actions/access.js';
import {
  alreadyAcknowledged,
  alreadySnoozed,
  maySnooze,
  mayUnacknowledge,
  mayUnsnooze,
  ruleLabel,
  ThreadNote,
} from '../../actions/decide.js';
import {
  errorsWindowSeconds,
  type RedriveJob,
  type ThreadErrorsJob,
  type ThreadNoteJob,
} from '../../actions/jobs.js';
import type { ActionStorePort } from '../../actions/port.js';
import { queueArn, type RedrivePort } from '../../actions/redrive.js';
import { type ActionRef, decodeRef } from '../../actions/ref.js';
import {
  clockTime,
  isSnoozeChoice,
  type RuleKey,
  snoozeUntil,
  type ThreadId,
  userMention,
} from '../../actions/state.js';
import type { Config } from '../../core/config.js';
import { ActionId, muteNote, refOfMessage, withActionStatus } from '../action-blocks.js';
import type { Attachment, Block } from '../message.js';
import { safeText } from '../text.js';
import { noticeModal, REDRIVE_CALLBACK_ID, readRedriveMetadata, redriveModal } from './redrive-modal.js';

export interface ActionListenerDeps {
  readonly config: () => Config;
  /** The table; created on first use so /aws-errors never loads the DynamoDB client. */
  readonly store: () => Promise<ActionStorePort>;
  readonly now: () => number;
  /** Hands slow work (src/actions/jobs.ts) to the errors-worker; rejects when it was not accepted. */
  readonly invoke: (job: ThreadErrorsJob | RedriveJob | ThreadNoteJob) => Promise<void>;
  /** The Lambda's own region, for alerts that do not name one. */
  readonly region: string;
  /** SQS for the Redrive modal (read inside the 3-second window). */
  readonly redrive: () => Pick<RedrivePort, 'describe'>;
}

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

interface Press {
  readonly args: Args;
  readonly thread: ThreadId;
  readonly userId: string;
  readonly ref: ActionRef;
  readonly store: ActionStorePort;
  readonly config: Config;
  readonly now: number;
  /** The value or selected option of the pressed element. */
  readonly choice: string | undefined;
  readonly deps: ActionListenerDeps;
}

function log(level: 'WARN' | 'ERROR', message: string, extra: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, service: 'cloudbell-slack', ...extra }));
}

async function privately(args: Args, text: string): Promise<void> {
  try {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (error) {
    log('WARN', 'could not answer privately', { error: (error as Error).message });
  }
}

/** Records the action in the thread: who, what, when. */
async function note(p: Press, text: string): Promise<void> {
  try {
    await p.args.client.chat.postMessage({
      channel: p.thread.channelId,
      thread_ts: p.thread.ts,
      text,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    // Most likely a 429 (Slack allows ~1 post/s per channel): the worker posts it, waiting as told.
    log('WARN', 'thread note refused in the window; handing it to the worker', {
      error: (error as Error).message,
    });
    const job: ThreadNoteJob = {
      kind: 'thread-note',
      thread: p.thread,
      text,
      requestedAt: new Date(p.now).toISOString(),
    };
    await p.deps
      .invoke(job)
      .catch((cause: Error) =>
        log('ERROR', 'could not record the action in the thread', { error: cause.message }),
      );
  }
}

/**
 * Re-renders the parent's status line and buttons from what the table says now; a second
 * round when a concurrent press changed it meanwhile, so the last edit shows both.
 */
async function refreshParent(p: Press): Promise<void> {
  const message = p.args.body.message as
    | { ts?: string; text?: string; blocks?: Block[]; attachments?: Attachment[] }
    | undefined;
  if (!message || message.ts !== p.thread.ts) return;
  const base = { blocks: message.blocks ?? [], attachments: message.attachments ?? [] };
  let shown = JSON.stringify(await p.store.get(p.thread));
  for (let round = 0; round < 2; round++) {
    const actions = JSON.parse(shown);
    const next = withActionStatus(base, actions, p.now);
    try {
      await p.args.client.chat.update({
        channel: p.thread.channelId,
        ts: p.thread.ts,
        text: message.text ?? '',
        blocks: next.blocks as never,
        ...(base.attachments.length > 0 ? { attachments: next.attachments as never } : {}),
      });
    } catch (error) {
      log('ERROR', 'could not update the parent message', { error: (error as Error).message });
      return;
    }
    const latest = JSON.stringify(await p.store.get(p.thread));
    if (latest === shown) return;
    shown = latest;
  }
}

const handlers: Record<string, (p: Press) => Promise<void>> = {
  async [ActionId.ack](p) {
    const result = await p.store.acknowledge(p.thread, p.userId, p.now);
    if (!result.done) {
      if (result.current) await privately(p.args, alreadyAcknowledged(result.current, p.userId, p.now));
      return;
    }
    await note(p, ThreadNote.acknowledged(p.userId, p.now));
    await refreshParent(p);
  },

  async [ActionId.unack](p) {
    const { ack } = await p.store.get(p.thread);
    if (!ack) {
      await privately(p.args, 'Nobody has acknowledged this (any more).');
      return refreshParent(p);
    }
    const permission = mayUnacknowledge(ack, p.userId, p.config.access);
    if (!permission.allowed) return privately(p.args, `🚫 ${permission.reason}`);
    if (!(await p.store.unacknowledge(p.thread, ack.by))) {
      return privately(p.args, 'Someone changed the acknowledgement just now: look at the message again.');
    }
    await note(p, ThreadNote.unacknowledged(p.userId, ack, p.now));
    await refreshParent(p);
  },

  async [ActionId.snooze](p) {
    const choice = p.choice;
    if (!isSnoozeChoice(choice)) return privately(p.args, 'Pick how long to snooze from the menu.');
    const permission = maySnooze(p.ref, choice, p.config);
    if (!permission.allowed) return privately(p.args, `🚫 ${permission.reason}`);
    const until = snoozeUntil(choice, p.now);
    const result = await p.store.snooze(p.thread, p.userId, choice, until, p.now);
    if (!result.done) {
      if (result.current) await privately(p.args, alreadySnoozed(result.current, p.userId, p.now));
      return;
    }
    const rule = ruleOf(p.ref);
    if (rule && until !== null) await p.store.snoozeRule(rule, p.userId, until, p.thread, p.now);
    await note(p, ThreadNote.snoozed(p.userId, choice, until, p.now));
    await refreshParent(p);
  },

  async [ActionId.unsnooze](p) {
    const { snooze } = await p.store.get(p.thread);
    if (!snooze) {
      await privately(p.args, 'This is not snoozed (any more).');
      return refreshParent(p);
    }
    const permission = mayUnsnooze(snooze, p.userId, p.config.access);
    if (!permission.allowed) return privately(p.args, `🚫 ${permission.reason}`);
    if (!(await p.store.unsnooze(p.thread, snooze)))
      return privately(p.args, 'Someone changed the snooze just now: look at the message again.');
    const rule = ruleOf(p.ref);
    if (rule) await p.store.unsnoozeRule(rule, p.thread);
    await note(p, ThreadNote.unsnoozed(p.userId, snooze, p.now));
    await refreshParent(p);
  },
};

/** The rule and principal of a security event, when the reference has both. */
function ruleOf(ref: ActionRef): RuleKey | undefined {
  return ref.f === 'security' && ref.r && ref.p ? { catalogueId: ref.r, principal: ref.p } : undefined;
}

handlers[ActionId.mute] = async (p) => {
  const rule = ruleOf(p.ref);
  if (!rule) return privately(p.args, 'This alert has no security rule and principal to mute.');
  const until = p.now + p.config.actions.muteDays * 86_400_000;
  if (!(await p.store.muteRule(rule, p.userId, until, p.now))) {
    const current = (await p.store.ruleStatus(rule, p.now)).mute;
    const who = current?.by === p.userId ? 'You' : current ? userMention(current.by) : 'Someone';
    return privately(
      p.args,
      `🔇 ${who} already muted ${safeText(ruleLabel(p.ref), 700)}${current ? ` until ${clockTime(current.until, p.now)}` : ''}.`,
    );
  }
  const text = `🔇 ${userMention(p.userId)} muted ${safeText(ruleLabel(p.ref), 700)} for ${p.config.actions.muteDays} days (until ${clockTime(until, p.now)}) at ${clockTime(p.now, p.now)}: its events are not posted. Change the length with \`actions.muteDays\`.`;
  try {
    await p.args.client.chat.postMessage({
      channel: p.thread.channelId,
      thread_ts: p.thread.ts,
      ...(muteNote(text, p.ref) as { text: string; blocks: never[] }),
    });
  } catch (error) {
    log('ERROR', 'could not record the mute in the thread', { error: (error as Error).message });
  }
};

handlers[ActionId.unmute] = async (p) => {
  const rule = ruleOf(p.ref);
  if (!rule) return privately(p.args, 'This button carries no security rule to unmute.');
  const current = (await p.store.ruleStatus(rule, p.now)).mute;
  if (!current) return privately(p.args, 'This rule is not muted (any more).');
  if (current.by !== p.userId && !isAdmin(p.config.access, p.userId))
    return privately(
      p.args,
      `🚫 ${(adminOnly(`lift a mute someone else set (${userMention(current.by)})`, p.userId) as { reason: string }).reason}`,
    );
  if (!(await p.store.unmuteRule(rule, p.now)))
    return privately(p.args, 'This rule is not muted (any more).');
  await note(
    p,
    `🔔 ${userMention(p.userId)} unmuted ${safeText(ruleLabel(p.ref), 700)} at ${clockTime(p.now, p.now)}.`,
  );
};

/** A query or a redrive already running for this thread is not started again for a minute. */
const JOB_LEASE_MS = 60_000;

async function handOff(p: Press, job: ThreadErrorsJob | RedriveJob, what: string): Promise<boolean> {
  try {
    await p.deps.invoke(job);
    return true;
  } catch (error) {
    log('ERROR', 'cannot hand the job to the worker', { kind: job.kind, error: (error as Error).message });
    await privately(
      p.args,
      `❌ Could not start ${what} (the worker did not accept it). Try again in a minute.`,
    );
    return false;
  }
}

handlers[ActionId.errors] = async (p) => {
  const fn = p.ref.fn;
  if (p.ref.f !== 'alarm' || !fn) return privately(p.args, 'This alarm watches no Lambda function.');
  if (!(await p.store.claimJob(p.thread, 'errors', p.userId, p.now, JOB_LEASE_MS)))
    return privately(
      p.args,
      '🔎 The errors query for this alert is already running: its answer will appear in the thread.',
    );
  const sinceSeconds = errorsWindowSeconds(p.ref.t, p.now);
  const job: ThreadErrorsJob = {
    kind: 'thread-errors',
    functionName: fn,
    region: p.ref.g ?? p.deps.region,
    sinceSeconds,
    thread: p.thread,
    userId: p.userId,
    requestedAt: new Date(p.now).toISOString(),
  };
  if (!(await handOff(p, job, 'the errors query'))) return;
  await note(
    p,
    `🔎 ${userMention(p.userId)} asked for the errors of \`${fn}\` since ${clockTime(p.now - sinceSeconds * 1000, p.now)} at ${clockTime(p.now, p.now)}: the answer follows in this thread.`,
  );
};

/** A redrive started less than this long ago is not started again. */
const REDRIVE_LEASE_MS = 5 * 60_000;
/** The modal must open within the trigger's 3 s, so SQS gets little time. */
const DESCRIBE_BUDGET_MS = 1_200;

handlers[ActionId.redrive] = async (p) => {
  if (!isAdmin(p.config.access, p.userId))
    return privately(
      p.args,
      `🚫 ${(adminOnly('redrive a dead-letter queue', p.userId) as { reason: string }).reason}`,
    );
  if (p.ref.f !== 'dlq' || !p.ref.q) return privately(p.args, 'This alert is not about a dead-letter queue.');
  if (!p.ref.a) return privately(p.args, 'cloudbell cannot tell which account this queue is in.');
  const arn = queueArn(p.ref.g ?? p.deps.region, p.ref.a, p.ref.q);
  const facts = await Promise.race([
    p.deps
      .redrive()
      .describe(arn)
      .catch(() => ({})),
    new Promise<Record<string, never>>((resolve) => setTimeout(() => resolve({}), DESCRIBE_BUDGET_MS)),
  ]);
  const triggerId = (p.args.body as { trigger_id?: string }).trigger_id ?? '';
  try {
    await p.args.client.views.open({
      trigger_id: triggerId,
      view: redriveModal(arn, p.thread, facts) as never,
    });
  } catch (error) {
    log('ERROR', 'could not open the redrive modal', { error: (error as Error).message });
    await privately(
      p.args,
      '❌ Could not open the redrive confirmation (Slack refused the dialog). Press Redrive again.',
    );
  }
};

function chosen(action: BlockAction['actions'][number]): string | undefined {
  if (action.type === 'static_select') return action.selected_option?.value;
  if (action.type === 'button') return action.value;
  return undefined;
}

/**
 * Registers the listeners for every cloudbell button on `app`.
 *
 * @example
 * ```ts
 * registerActionListeners(app, { config: lambdaConfig, store: async () => new ActionStore({ tableName }), now: Date.now });
 * ```
 */
export function registerActionListeners(app: App, deps: ActionListenerDeps): void {
  registerRedriveSubmission(app, deps);
  // With interactivity on, a link button posts a block_actions too: acknowledge it and do nothing
  // (unacknowledged, Bolt's Lambda receiver would hold the answer for its 3-second timeout).
  app.action<BlockAction>({ type: 'block_actions', action_id: /^link-\d+$/ }, async ({ ack }) => {
    await ack();
  });
  for (const [actionId, run] of Object.entries(handlers)) {
    app.action<BlockAction>({ type: 'block_actions', action_id: actionId }, async (args) => {
      await args.ack();
      const { body, action } = args;
      const container = body.container as
        | {
            type?: string;
            channel_id?: string;
            message_ts?: string;
            thread_ts?: string;
            is_ephemeral?: boolean;
          }
        | undefined;
      if (
        container?.type !== 'message' ||
        !container.channel_id ||
        !container.message_ts ||
        container.is_ephemeral
      )
        return;
      const thread = { channelId: container.channel_id, ts: container.thread_ts ?? container.message_ts };
      const config = deps.config();
      const userId = body.user.id;
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const permission = mayAct(config.access, { teamId, channelId: thread.channelId, userId });
      if (!permission.allowed) return privately(args, `🚫 ${permission.reason}`);
      const choice = chosen(action);
      const ref =
        (action.type === 'button' ? decodeRef(action.value) : undefined) ??
        refOfMessage(body.message as { blocks?: Block[]; attachments?: Attachment[] } | undefined);
      if (!ref)
        return privately(args, 'cloudbell cannot act on this message (it carries no alert reference).');
      const store = await deps.store();
      const now = deps.now();
      if ((await store.claimClick(thread, userId, action.action_ts, now)) === 'repeat') return;
      try {
        await run({ args, thread, userId, ref, store, config, now, choice, deps });
        await store.settleClick(thread, userId, action.action_ts, 'done');
      } catch (error) {
        log('ERROR', 'action failed', { actionId, error: (error as Error).message });
        await store.settleClick(thread, userId, action.action_ts, 'failed').catch(() => {});
        await privately(
          args,
          '❌ That did not work (cloudbell could not reach its table). Try again in a minute.',
        );
      }
    });
  }
}

/** The Redrive modal's submission: admins only, one redrive per queue at a time, run by the worker. */
function registerRedriveSubmission(app: App, deps: ActionListenerDeps): void {
  app.view(
    { callback_id: REDRIVE_CALLBACK_ID, type: 'view_submission' },
    async ({ ack, body, view, client }) => {
      const refuse = (text: string) => ack({ response_action: 'update', view: noticeModal(text) as never });
      const meta = readRedriveMetadata(view.private_metadata);
      if (!meta) return refuse('This confirmation is not one cloudbell can act on.');
      const config = deps.config();
      const userId = body.user.id;
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const permission = mayAct(config.access, { teamId, channelId: meta.thread.channelId, userId });
      if (!permission.allowed) return refuse(`🚫 ${permission.reason}`);
      if (!isAdmin(config.access, userId))
        return refuse(
          `🚫 ${(adminOnly('redrive a dead-letter queue', userId) as { reason: string }).reason}`,
        );
      const now = deps.now();
      const store = await deps.store();
      if (!(await store.claimJob(meta.thread, 'redrive', userId, now, REDRIVE_LEASE_MS)))
        return refuse(
          '🔁 A redrive of this queue was started less than 5 minutes ago: its progress is in the alert’s thread.',
        );
      const job: RedriveJob = {
        kind: 'redrive',
        queueArn: meta.queueArn,
        thread: meta.thread,
        userId,
        requestedAt: new Date(now).toISOString(),
      };
      try {
        await deps.invoke(job);
      } catch (error) {
        log('ERROR', 'cannot hand the redrive to the worker', { error: (error as Error).message });
        return refuse(
          '❌ Could not start the redrive (the worker did not accept it). Try again in a minute.',
        );
      }
      await ack();
      try {
        await client.chat.postMessage({
          channel: meta.thread.channelId,
          thread_ts: meta.thread.ts,
          text: `🔁 ${userMention(userId)} confirmed a redrive of ${meta.queueArn.split(':').at(-1)} at ${clockTime(now, now)}: progress follows here.`,
        });
      } catch (error) {
        log('ERROR', 'could not record the redrive in the thread', { error: (error as Error).message });
      }
    },
  );
}
