/**
 * Who may run /aws-errors: config `access.teams` (required; empty denies everyone), then
 * optional `access.channels` and `access.users`. A refusal names the setting to change.
 */
import type { Config } from '../core/config.js';

export interface Requester {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
}

export type AccessDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string };

/**
 * @example
 * ```ts
 * checkAccess({ teams: ['T0123'], channels: [], users: [] }, { teamId: 'T0123', channelId: 'C1', userId: 'U1' });
 * // { allowed: true }
 * ```
 */
export function checkAccess(
  access: Pick<Config['access'], 'teams' | 'channels' | 'users'>,
  who: Requester,
): AccessDecision {
  if (access.teams.length === 0) {
    return {
      allowed: false,
      reason: `/aws-errors is turned off: \`access.teams\` in cloudbell.config.yml is empty. Add this workspace's team ID (${who.teamId}) to turn it on.`,
    };
  }
  if (!access.teams.includes(who.teamId)) {
    return {
      allowed: false,
      reason: `This workspace (${who.teamId}) may not run /aws-errors: add it to \`access.teams\` in cloudbell.config.yml.`,
    };
  }
  if (access.channels.length > 0 && !access.channels.includes(who.channelId)) {
    return {
      allowed: false,
      reason: `/aws-errors is not allowed in this channel (${who.channelId}): use an allowed channel or add it to \`access.channels\` in cloudbell.config.yml.`,
    };
  }
  if (access.users.length > 0 && !access.users.includes(who.userId)) {
    return {
      allowed: false,
      reason: `You (${who.userId}) may not run /aws-errors: ask an admin to add your user ID to \`access.users\` in cloudbell.config.yml.`,
    };
  }
  return { allowed: true };
}
