/**
 * Who may ask cloudbell for something from Slack — run /aws-errors, press a button: one check
 * of the config's `access` (team required, empty denies everyone; then the optional channel and
 * user lists) for every request, worded for what was asked. Only buttons let `access.admins`
 * count as users, and only they have admin-only actions. A refusal names the setting to change.
 */
import type { Config } from '../core/config.js';

/** Who asked, as Slack names them. */
export interface Requester {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
}

export type AccessRefusal = { readonly allowed: false; readonly reason: string };
export type AccessDecision = { readonly allowed: true } | AccessRefusal;

/** The words a refusal uses for what was asked; each completes the sentences below. */
export interface AccessWording {
  /** "`<off>` turned off: …" (with its verb), "… to turn `<them>` on." */
  readonly off: string;
  readonly them: string;
  /** "This workspace (T…) may not `<verb>`", "You (U…) may not `<verb>`". */
  readonly verb: string;
  /** "`<inChannel>` not allowed in this channel (C…): `<channelFix>`add it to …". */
  readonly inChannel: string;
  readonly channelFix: string;
}

/** What is being asked: how a refusal words it, and whether admins count as users for it. */
export interface AccessRequest {
  readonly wording: AccessWording;
  /** True when `access.admins` may do it without being in `access.users`. */
  readonly adminsCountAsUsers: boolean;
}

/** Running /aws-errors: `access.users` alone says who. */
export const RUN_AWS_ERRORS: AccessRequest = {
  wording: {
    off: '/aws-errors is',
    them: 'it',
    verb: 'run /aws-errors',
    inChannel: '/aws-errors is',
    channelFix: 'use an allowed channel or ',
  },
  adminsCountAsUsers: false,
};

/** Pressing a button on an alert: admins may press them too. */
export const PRESS_BUTTONS: AccessRequest = {
  wording: {
    off: "cloudbell's buttons are",
    them: 'them',
    verb: 'act on alerts',
    inChannel: 'Actions are',
    channelFix: '',
  },
  adminsCountAsUsers: true,
};

const FILE = 'cloudbell.config.yml';

/**
 * @example
 * ```ts
 * checkAccess(config.access, { teamId: 'T0123', channelId: 'C1', userId: 'U1' }, RUN_AWS_ERRORS);
 * // { allowed: true } when T0123 is in access.teams and channels/users do not restrict
 * ```
 */
export function checkAccess(
  access: Pick<Config['access'], 'teams' | 'channels' | 'users'> & Partial<Pick<Config['access'], 'admins'>>,
  who: Requester,
  asked: AccessRequest,
): AccessDecision {
  const w = asked.wording;
  if (access.teams.length === 0)
    return refusal(
      `${w.off} turned off: \`access.teams\` in ${FILE} is empty. Add this workspace's team ID (${who.teamId}) to turn ${w.them} on.`,
    );
  if (!access.teams.includes(who.teamId))
    return refusal(
      `This workspace (${who.teamId}) may not ${w.verb}: add it to \`access.teams\` in ${FILE}.`,
    );
  if (access.channels.length > 0 && !access.channels.includes(who.channelId))
    return refusal(
      `${w.inChannel} not allowed in this channel (${who.channelId}): ${w.channelFix}add it to \`access.channels\` in ${FILE}.`,
    );
  const listed =
    access.users.includes(who.userId) ||
    (asked.adminsCountAsUsers && (access.admins ?? []).includes(who.userId));
  if (access.users.length > 0 && !listed)
    return refusal(
      `You (${who.userId}) may not ${w.verb}: ask an admin to add your user ID to \`access.users\` in ${FILE}.`,
    );
  return { allowed: true };
}

export function isAdmin(access: Pick<Config['access'], 'admins'>, userId: string): boolean {
  return access.admins.includes(userId);
}

/** The refusal for an action only admins may take on someone else's behalf. */
export function adminOnly(what: string, userId: string): AccessRefusal {
  return refusal(
    `Only admins may ${what}: ask one, or add your user ID (${userId}) to \`access.admins\` in ${FILE}.`,
  );
}

function refusal(reason: string): AccessRefusal {
  return { allowed: false, reason };
}
