/**
 * One button press as every action listener sees it, and what they share: answering the
 * presser privately, recording the action in the thread (handing it to the worker when Slack
 * refuses it in the window), refreshing the parent's status line, and handing slow work off.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { RedriveJob, ThreadErrorsJob, ThreadNoteJob } from '../../actions/jobs.js';
import type { RedrivePort } from '../../actions/redrive.js';
import type { ActionRef } from '../../actions/ref.js';
import type { RuleKey, ThreadId } from '../../actions/state.js';
import type { ActionStorePort } from '../../actions/store-port.js';
import type { Config } from '../../core/config.js';
import { withActionStatus } from '../action-blocks.js';
import type { Attachment, Block } from '../message.js';
import type { AccessDecision, AccessRefusal } from '../requester-access.js';

export interface ActionListenerDeps {
  readonly config: () => Config;
  /** The function's one Logger. */
  readonly logger: Logger;
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

export type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface Press {
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

/** What one button does once the press is checked and claimed. */
export type PressListener = (p: Press) => Promise<void>;

/** Answers the presser alone (ephemeral, via response_url); a failure is logged, never thrown. */
export async function privately(args: Args, text: string, logger: Logger): Promise<void> {
  try {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (error) {
    logger.warn('could not answer privately', { error: (error as Error).message });
  }
}

/** Answers the presser of `p` alone. */
export function answer(p: Press, text: string): Promise<void> {
  return privately(p.args, text, p.deps.logger);
}

/** Answers a refused permission with its reason. */
export function refuse(p: Press, permission: AccessRefusal): Promise<void> {
  return answer(p, `🚫 ${permission.reason}`);
}

/** Records the action in the thread: who, what, when. */
export async function note(p: Press, text: string): Promise<void> {
  const { logger } = p.deps;
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
    logger.warn('thread note refused in the window; handing it to the worker', {
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
        logger.error('could not record the action in the thread', { error: cause.message }),
      );
  }
}

/**
 * Re-renders the parent's status line and buttons from what the table says now; a second
 * round when a concurrent press changed it meanwhile, so the last edit shows both.
 */
export async function refreshParent(p: Press): Promise<void> {
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
      p.deps.logger.error('could not update the parent message', { error: (error as Error).message });
      return;
    }
    const latest = JSON.stringify(await p.store.get(p.thread));
    if (latest === shown) return;
    shown = latest;
  }
}

/** How an acknowledgement or a snooze is lifted (the Un-… buttons). */
export interface Lift<T> {
  /** What the thread has now; undefined when nothing is set. */
  readonly current: T | undefined;
  /** Told when nothing is set (any more). */
  readonly gone: string;
  readonly may: (current: T) => AccessDecision;
  /** The conditional delete: false when someone changed it meanwhile. */
  readonly remove: (current: T) => Promise<boolean>;
  /** Told when `remove` found it changed. */
  readonly changed: string;
  /** Runs after a successful remove, before the note. */
  readonly after?: () => Promise<void>;
  readonly note: (current: T) => string;
}

/**
 * Lifts what the thread shows, only if it is still the same one and the presser may: the
 * shared course of Un-acknowledge and Un-snooze.
 */
export async function lift<T>(p: Press, how: Lift<T>): Promise<void> {
  const { current } = how;
  if (!current) {
    await answer(p, how.gone);
    return refreshParent(p);
  }
  const permission = how.may(current);
  if (!permission.allowed) return refuse(p, permission);
  if (!(await how.remove(current))) return answer(p, how.changed);
  await how.after?.();
  await note(p, how.note(current));
  await refreshParent(p);
}

/** The rule and principal of a security event, when the reference has both. */
export function ruleOf(ref: ActionRef): RuleKey | undefined {
  return ref.f === 'security' && ref.r && ref.p ? { catalogueId: ref.r, principal: ref.p } : undefined;
}

/** Hands a job to the worker; on refusal tells the presser and returns false. */
export async function handOff(p: Press, job: ThreadErrorsJob | RedriveJob, what: string): Promise<boolean> {
  try {
    await p.deps.invoke(job);
    return true;
  } catch (error) {
    p.deps.logger.error('cannot hand the job to the worker', {
      kind: job.kind,
      error: (error as Error).message,
    });
    await answer(p, `❌ Could not start ${what} (the worker did not accept it). Try again in a minute.`);
    return false;
  }
}
