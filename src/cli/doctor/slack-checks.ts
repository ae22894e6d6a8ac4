/**
 * doctor's checks of Slack: the bot token works and has the scopes the app needs, and the bot
 * can post in every channel the config routes to.
 */
import type { Config } from '../../core/config.js';
import { type CheckResult, fail, ok, warn } from './check.js';
import type { ChannelInfo, DoctorSlack } from './doctor-ports.js';
import { codeOf, messageOf } from './problem.js';

/** The Slack scopes the app needs (slack/manifest.yml), and why. */
export const REQUIRED_SCOPES: Readonly<Record<string, string>> = {
  'chat:write': 'post and update alerts',
  commands: 'the /aws-errors command',
};
const PUBLIC_SCOPE = 'chat:write.public';

/** Every channel the config posts to: the default, route channels and the digest's. */
export function configuredChannels(config: Config): string[] {
  const all = [
    config.slack.defaultChannel,
    ...config.routes.flatMap((r) => r.channels),
    ...(config.errors.digest.enabled && config.errors.digest.channel ? [config.errors.digest.channel] : []),
  ];
  return [...new Set(all)];
}

/** Without a token (the secret unreadable, nothing in SLACK_BOT_TOKEN) one warning says so. */
export async function slackChecks(
  token: string | undefined,
  config: Config | undefined,
  slack: DoctorSlack | undefined,
) {
  if (!token || !slack)
    return [
      warn('Slack token', 'not checked: no bot token (see the Slack secret above, or set SLACK_BOT_TOKEN)'),
    ];
  const results: CheckResult[] = [];
  let scopes: string[];
  try {
    const auth = await slack.authTest();
    scopes = auth.scopes;
    const missing = Object.keys(REQUIRED_SCOPES).filter((s) => !scopes.includes(s));
    if (missing.length > 0)
      results.push(
        fail(
          'Slack token',
          `works (@${auth.user} in ${auth.team}) but lacks ${missing.map((s) => `${s} (${REQUIRED_SCOPES[s]})`).join(', ')} — add the scopes from slack/manifest.yml and reinstall the app`,
        ),
      );
    else
      results.push(
        ok(
          'Slack token',
          `works: @${auth.user} in ${auth.team} (${auth.teamId}), scopes ${scopes.join(', ')}`,
        ),
      );
  } catch (error) {
    const code = codeOf(error);
    const fix =
      code === 'invalid_auth' ||
      code === 'not_authed' ||
      code === 'token_revoked' ||
      code === 'account_inactive'
        ? 'copy the Bot User OAuth Token (xoxb-…) from the Slack app (OAuth & Permissions) into the secret'
        : messageOf(error);
    return [fail('Slack token', `auth.test failed: ${code} — ${fix}`)];
  }
  if (!config) return results;
  const canPostPublic = scopes.includes(PUBLIC_SCOPE);
  for (const channel of configuredChannels(config)) {
    const title = `channel ${channel}`;
    let info: ChannelInfo | undefined;
    try {
      info = channel.startsWith('#')
        ? await slack.channelByName(channel.slice(1))
        : await slack.channelById(channel);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'missing_scope') {
        results.push(
          warn(
            'channels',
            `cannot check membership of ${configuredChannels(config).join(', ')}: the app lacks channels:read and groups:read (optional; add them to let doctor check, or invite the bot to private channels yourself)`,
          ),
        );
        break;
      }
      results.push(
        fail(
          title,
          code === 'channel_not_found'
            ? 'not found — check the id, or invite the bot (a private channel is invisible until then)'
            : `${code} — ${messageOf(error)}`,
        ),
      );
      continue;
    }
    if (!info) {
      results.push(
        fail(
          title,
          'no such channel visible to the bot — check the name, or invite the bot if it is private',
        ),
      );
      continue;
    }
    if (info.isArchived)
      results.push(fail(title, `#${info.name} (${info.id}) is archived — unarchive it or route elsewhere`));
    else if (info.isMember) results.push(ok(title, `the bot is a member of #${info.name} (${info.id})`));
    else if (!info.isPrivate && canPostPublic)
      results.push(
        ok(title, `#${info.name} (${info.id}) is public: the bot posts there with ${PUBLIC_SCOPE}`),
      );
    else
      results.push(
        fail(title, `the bot is not in #${info.name} (${info.id}) — run /invite @cloudbell in that channel`),
      );
  }
  return results;
}
