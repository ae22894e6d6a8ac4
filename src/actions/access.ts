/**
 * Who may press cloudbell's buttons: the same `access` rules as /aws-errors (team, channel,
 * user), plus `access.admins` for lifting someone else's snooze or acknowledgement. A refusal
 * is private and names the setting to change.
 */
import type { Config } from '../core/config.js';

export interface Actor {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
}

export type Permission = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const FILE = 'cloudbell.config.yml';

/**
 * @example
 * ```ts
 * mayAct(config.access, { teamId: 'T0123', channelId: 'C1', userId: 'U1' }); // { allowed: true }
 * ```
 */
export function mayAct(access: Config['access'], who: Actor): Permission {
  if (access.teams.length === 0)
    return {
      allowed: false,
      reason: `cloudbell's buttons are turned off: \`access.teams\` in ${FILE} is empty. Add this workspace's team ID (${who.teamId}) to turn them on.`,
    };
  if (!access.teams.includes(who.teamId))
    return {
      allowed: false,
      reason: `This workspace (${who.teamId}) may not act on alerts: add it to \`access.teams\` in ${FILE}.`,
    };
  if (access.channels.length > 0 && !access.channels.includes(who.channelId))
    return {
      allowed: false,
      reason: `Actions are not allowed in this channel (${who.channelId}): add it to \`access.channels\` in ${FILE}.`,
    };
  if (access.users.length > 0 && !access.users.includes(who.userId) && !access.admins.includes(who.userId))
    return {
      allowed: false,
      reason: `You (${who.userId}) may not act on alerts: ask an admin to add your user ID to \`access.users\` in ${FILE}.`,
    };
  return { allowed: true };
}

export function isAdmin(access: Config['access'], userId: string): boolean {
  return access.admins.includes(userId);
}

/** The refusal for an action only admins may take on someone else's behalf. */
export function adminOnly(what: string, userId: string): Permission {
  return {
    allowed: false,
    reason: `Only admins may ${what}: ask one, or add your user ID (${userId}) to \`access.admins\` in ${FILE}.`,
  };
}
