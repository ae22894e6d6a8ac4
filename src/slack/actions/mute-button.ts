/**
 * The Mute and Unmute buttons of a security event: its rule stops posting for the principal
 * for `actions.muteDays`; a mute someone else set takes an admin to lift.
 */
import { ruleLabel } from '../../actions/decide.js';
import { clockTime, userMention } from '../../actions/state.js';
import { ActionId, muteNote } from '../action-blocks.js';
import { adminOnly, isAdmin } from '../requester-access.js';
import { safeText } from '../text.js';
import { answer, note, type PressListener, refuse, ruleOf } from './press.js';

export const muteListeners: Record<string, PressListener> = {
  async [ActionId.mute](p) {
    const rule = ruleOf(p.ref);
    if (!rule) return answer(p, 'This alert has no security rule and principal to mute.');
    const until = p.now + p.config.actions.muteDays * 86_400_000;
    if (!(await p.store.muteRule(rule, p.userId, until, p.now))) {
      const current = (await p.store.ruleStatus(rule, p.now)).mute;
      const who = current?.by === p.userId ? 'You' : current ? userMention(current.by) : 'Someone';
      return answer(
        p,
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
      p.deps.logger.error('could not record the mute in the thread', { error: (error as Error).message });
    }
  },

  async [ActionId.unmute](p) {
    const rule = ruleOf(p.ref);
    if (!rule) return answer(p, 'This button carries no security rule to unmute.');
    const current = (await p.store.ruleStatus(rule, p.now)).mute;
    if (!current) return answer(p, 'This rule is not muted (any more).');
    if (current.by !== p.userId && !isAdmin(p.config.access, p.userId))
      return refuse(
        p,
        adminOnly(`lift a mute someone else set (${userMention(current.by)})`, p.userId) as {
          allowed: false;
          reason: string;
        },
      );
    if (!(await p.store.unmuteRule(rule, p.now))) return answer(p, 'This rule is not muted (any more).');
    await note(
      p,
      `🔔 ${userMention(p.userId)} unmuted ${safeText(ruleLabel(p.ref), 700)} at ${clockTime(p.now, p.now)}.`,
    );
  },
};
