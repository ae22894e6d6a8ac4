/**
 * The Snooze menu and the Un-snooze button: one running snooze per thread (a conditional
 * write); a security event's snooze also points its rule's later events at this thread.
 */
import { alreadySnoozed, maySnooze, mayUnsnooze, ThreadNote } from '../../actions/decide.js';
import { isSnoozeChoice, snoozeUntil } from '../../actions/state.js';
import { ActionId } from '../action-blocks.js';
import { answer, lift, note, type PressListener, refreshParent, refuse, ruleOf } from './press.js';

export const snoozeListeners: Record<string, PressListener> = {
  async [ActionId.snooze](p) {
    const choice = p.choice;
    if (!isSnoozeChoice(choice)) return answer(p, 'Pick how long to snooze from the menu.');
    const permission = maySnooze(p.ref, choice, p.config);
    if (!permission.allowed) return refuse(p, permission);
    const until = snoozeUntil(choice, p.now);
    const result = await p.store.snooze(p.thread, p.userId, choice, until, p.now);
    if (!result.done) {
      if (result.current) await answer(p, alreadySnoozed(result.current, p.userId, p.now));
      return;
    }
    const rule = ruleOf(p.ref);
    if (rule && until !== null) await p.store.snoozeRule(rule, p.userId, until, p.thread, p.now);
    await note(p, ThreadNote.snoozed(p.userId, choice, until, p.now));
    await refreshParent(p);
  },

  async [ActionId.unsnooze](p) {
    const rule = ruleOf(p.ref);
    await lift(p, {
      current: (await p.store.get(p.thread)).snooze,
      gone: 'This is not snoozed (any more).',
      may: (snooze) => mayUnsnooze(snooze, p.userId, p.config.access),
      remove: (snooze) => p.store.unsnooze(p.thread, snooze),
      changed: 'Someone changed the snooze just now: look at the message again.',
      ...(rule ? { after: () => p.store.unsnoozeRule(rule, p.thread) } : {}),
      note: (snooze) => ThreadNote.unsnoozed(p.userId, snooze, p.now),
    });
  },
};
