/**
 * The Acknowledge and Un-acknowledge buttons: one acknowledgement per thread (a conditional
 * write), withdrawn by its author or an admin.
 */
import { alreadyAcknowledged, mayUnacknowledge, ThreadNote } from '../../actions/decide.js';
import { ActionId } from '../action-blocks.js';
import { answer, lift, note, type PressListener, refreshParent } from './press.js';

export const acknowledgeListeners: Record<string, PressListener> = {
  async [ActionId.ack](p) {
    const result = await p.store.acknowledge(p.thread, p.userId, p.now);
    if (!result.done) {
      if (result.current) await answer(p, alreadyAcknowledged(result.current, p.userId, p.now));
      return;
    }
    await note(p, ThreadNote.acknowledged(p.userId, p.now));
    await refreshParent(p);
  },

  async [ActionId.unack](p) {
    await lift(p, {
      current: (await p.store.get(p.thread)).ack,
      gone: 'Nobody has acknowledged this (any more).',
      may: (ack) => mayUnacknowledge(ack, p.userId, p.config.access),
      remove: (ack) => p.store.unacknowledge(p.thread, ack.by),
      changed: 'Someone changed the acknowledgement just now: look at the message again.',
      note: (ack) => ThreadNote.unacknowledged(p.userId, ack, p.now),
    });
  },
};
