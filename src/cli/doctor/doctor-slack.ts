/**
 * doctor's Slack adapter: web-api (imported when doctor runs) with its retries off, so a bad
 * token or a missing scope answers at once. Slack's error codes become `PortError`s.
 */
import type { WebClient } from '@slack/web-api';
import type { ChannelInfo, DoctorSlack } from './doctor-ports.js';
import { PortError } from './doctor-ports.js';

interface RawChannel {
  id?: string;
  name?: string;
  is_member?: boolean;
  is_private?: boolean;
  is_archived?: boolean;
}

const toInfo = (c: RawChannel): ChannelInfo => ({
  id: c.id ?? '?',
  name: c.name ?? '?',
  isMember: c.is_member === true,
  isPrivate: c.is_private === true,
  isArchived: c.is_archived === true,
});

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const data = (error as { data?: { error?: string } }).data;
    const code = data?.error ?? (error as { code?: string }).code ?? 'error';
    throw new PortError(code, (error as Error).message, { cause: error });
  }
}

/**
 * @example
 * ```ts
 * const slack = await doctorSlack('xoxb-…');
 * (await slack.authTest()).scopes; // ['chat:write', 'commands', …]
 * ```
 */
export async function doctorSlack(token: string, apiUrl?: string): Promise<DoctorSlack> {
  const { createSlackClient } = await import('../../slack/client.js');
  const client: WebClient = createSlackClient({ token, retries: 0, ...(apiUrl ? { apiUrl } : {}) });
  return {
    async authTest() {
      const out = await call(() => client.auth.test());
      return {
        user: out.user ?? '?',
        team: out.team ?? '?',
        teamId: out.team_id ?? '?',
        scopes: out.response_metadata?.scopes ?? [],
      };
    },
    async channelById(id) {
      const out = await call(() => client.conversations.info({ channel: id }));
      return toInfo((out.channel ?? {}) as RawChannel);
    },
    async channelByName(name) {
      let cursor: string | undefined;
      do {
        const out = await call(() =>
          client.conversations.list({
            types: 'public_channel,private_channel',
            exclude_archived: false,
            limit: 1000,
            ...(cursor ? { cursor } : {}),
          }),
        );
        const found = (out.channels ?? []).find((c) => c.name === name);
        if (found) return toInfo(found as RawChannel);
        cursor = out.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return undefined;
    },
  };
}

/**
 * The /aws-errors URL configured in the Slack app, read with `apps.manifest.export` — which
 * takes an app configuration token (xoxe.xoxp-…, from api.slack.com/apps → Your App
 * Configuration Tokens), not the bot token.
 *
 * @example
 * ```ts
 * await appCommandUrl('xoxe.xoxp-…', 'A0123ABCD'); // 'https://abc.execute-api.eu-west-1.amazonaws.com/slack/events'
 * ```
 */
export async function appCommandUrl(
  configToken: string,
  appId: string,
  apiUrl?: string,
): Promise<string | undefined> {
  const { createSlackClient } = await import('../../slack/client.js');
  const client = createSlackClient({ token: configToken, retries: 0, ...(apiUrl ? { apiUrl } : {}) });
  const out = await call(() => client.apps.manifest.export({ app_id: appId }));
  return out.manifest?.features?.slash_commands?.find((c) => c.command === '/aws-errors')?.url;
}
