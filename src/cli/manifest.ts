/**
 * The Slack app manifest shipped in slack/manifest.yml, with the stack's request URL in place of
 * the placeholder, ready to paste into *App Manifest*.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './args.js';
import { packagePath } from './package-root.js';

export const MANIFEST_PLACEHOLDER = 'https://REQUEST_URL/slack/events';

/** slack/manifest.yml at the package root. */
export function shippedManifest(): string {
  return readFileSync(packagePath('slack', 'manifest.yml'), 'utf8');
}

/**
 * The manifest with `requestUrl` filled in, and the "replace the URL" note removed.
 *
 * @throws {UsageError} when the URL is not an https …/slack/events URL
 * @example
 * ```ts
 * manifestWithUrl(shippedManifest(), 'https://abc.execute-api.eu-west-1.amazonaws.com/slack/events');
 * ```
 */
export function manifestWithUrl(manifest: string, requestUrl: string): string {
  if (!/^https:\/\/[^\s/]+\/slack\/events$/.test(requestUrl))
    throw new UsageError(
      `${requestUrl} is not a request URL: expected https://HOST/slack/events (the SlackRequestUrl output)`,
    );
  if (!manifest.includes(MANIFEST_PLACEHOLDER))
    throw new UsageError(`the manifest has no ${MANIFEST_PLACEHOLDER} to replace`);
  return manifest
    .split('\n')
    .filter((line) => !/^# (Replace the whole url|printed by `npx osls deploy`)/.test(line))
    .join('\n')
    .replaceAll(MANIFEST_PLACEHOLDER, requestUrl);
}
