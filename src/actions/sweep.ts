/**
 * The escalation sweep, run by the worker once a minute: every due reminder is taken off the
 * queue with a conditional delete (so two sweeps at once never remind twice), checked against
 * the thread (still open? acknowledged? snoozed?), posted in the thread with the step's
 * mentions, and followed by the next step. State lives in the table only, so a redeploy
 * loses nothing: the next sweep picks up whatever is due.
 */
import type { Config } from '../core/config.js';
import { formatMention } from '../slack/render.js';
import { oneLine, safeText } from '../slack/text.js';
import { type EscalationStep, reminderText, reminderVerdict, stepDueAt } from './escalation.js';
import type { ActionStorePort } from './store-port.js';

/** The Slack calls the sweep makes. */
export interface SweepSlack {
  /** Posts `text` to `channel` (in the thread of `threadTs` when given). */
  post(channel: string, text: string, threadTs?: string): Promise<void>;
  permalink(channelId: string, ts: string): Promise<string | undefined>;
}

export interface SweepLog {
  info(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface SweepReport {
  readonly posted: number;
  readonly cancelled: number;
  readonly postponed: number;
  readonly failed: number;
}

/** A failed post is tried again on the next sweeps, for at most this long after it was due. */
const RETRY_MS = 60_000;

async function postStep(
  slack: SweepSlack,
  step: EscalationStep,
  r: Awaited<ReturnType<ActionStorePort['dueReminders']>>[number],
  now: number,
  log: SweepLog,
): Promise<void> {
  await slack.post(r.thread.channelId, reminderText(step, r.openedAt, now), r.thread.ts);
  if (!step.channel) return;
  // The thread reminder is out; the escalation channel's copy is best effort.
  try {
    const link = await slack.permalink(r.thread.channelId, r.thread.ts).catch(() => undefined);
    const who = step.mention.map(formatMention).join(' ');
    // The title is the alert's own text: escaped again, as every untrusted string.
    const title = safeText(oneLine(r.title), 300);
    const minutes = Math.max(1, Math.round((now - r.openedAt) / 60_000));
    const text = `⏰ ${who ? `${who} ` : ''}Not acknowledged after ${minutes} min: ${link ? `<${link}|${title}>` : title}`;
    await slack.post(step.channel, text);
  } catch (error) {
    log.error('could not post the reminder in the escalation channel', {
      channel: step.channel,
      error: (error as Error).message,
    });
  }
}

/**
 * Runs one sweep at `now`.
 *
 * @example
 * ```ts
 * await sweepReminders({ store, slack, steps: config.escalation.steps, now: Date.now(), log });
 * ```
 */
export async function sweepReminders(options: {
  store: ActionStorePort;
  slack: SweepSlack;
  steps: Config['escalation']['steps'];
  now: number;
  log: SweepLog;
}): Promise<SweepReport> {
  const { store, slack, steps, now, log } = options;
  const report = { posted: 0, cancelled: 0, postponed: 0, failed: 0 };
  for (const r of await store.dueReminders(now)) {
    if (!(await store.takeReminder(r))) continue;
    const step = steps[r.step];
    if (!step) {
      report.cancelled += 1;
      continue;
    }
    // A finding has no alarm thread and no OK: it stays open until acknowledged.
    const [thread, acted] = await Promise.all([
      r.finding ? { ts: r.thread.ts, state: 'ALARM' } : store.threadState(r.threadKey, r.channel),
      store.get(r.thread),
    ]);
    const verdict = reminderVerdict(thread, r.thread.ts, acted, now);
    if (verdict.kind === 'cancel') {
      report.cancelled += 1;
      log.info('escalation ended', { reason: verdict.reason, threadTs: r.thread.ts, step: r.step });
      continue;
    }
    if (verdict.kind === 'postpone') {
      await store.putReminder({ ...r, dueAt: verdict.until });
      report.postponed += 1;
      continue;
    }
    // The next step is queued before this one is posted: a crash in between skips a
    // reminder rather than repeating one.
    const next = stepDueAt(steps, r.step + 1, r.openedAt);
    if (next !== undefined)
      await store.putReminder({ ...r, step: r.step + 1, dueAt: Math.max(next, now + 1) });
    try {
      await postStep(slack, step, r, now, log);
      report.posted += 1;
    } catch (error) {
      report.failed += 1;
      log.error('could not post a reminder', {
        error: (error as Error).message,
        threadTs: r.thread.ts,
        step: r.step,
      });
      if (now - r.dueAt < 15 * RETRY_MS) await store.putReminder({ ...r, dueAt: now + RETRY_MS });
    }
  }
  return report;
}
