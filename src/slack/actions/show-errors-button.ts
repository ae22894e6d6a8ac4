/**
 * The Show errors button of a Lambda alarm: hands the errors query to the worker (once a
 * minute per thread at most) and says in the thread that the answer follows there.
 */
import { errorsWindowSeconds, type ThreadErrorsJob } from '../../actions/jobs.js';
import { clockTime, userMention } from '../../actions/state.js';
import { ActionId } from '../action-blocks.js';
import { answer, handOff, note, type PressListener } from './press.js';

/** A query already running for this thread is not started again for a minute. */
const JOB_LEASE_MS = 60_000;

export const showErrorsListeners: Record<string, PressListener> = {
  async [ActionId.errors](p) {
    const fn = p.ref.fn;
    if (p.ref.f !== 'alarm' || !fn) return answer(p, 'This alarm watches no Lambda function.');
    if (!(await p.store.claimJob(p.thread, 'errors', p.userId, p.now, JOB_LEASE_MS)))
      return answer(
        p,
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
  },
};
