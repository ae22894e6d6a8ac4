/**
 * The scheduled errors digest: every function's errors in the stack's region over
 * `errors.digest.window`, posted with chat.postMessage to `errors.digest.channel` (or the
 * default channel); quiet when nothing failed unless `errors.digest.postWhenEmpty`.
 */
import type { Config } from '../core/config.js';
import { parseDuration } from '../core/duration.js';
import { type ErrorsReportMessage, renderErrorsReport } from '../slack/errors-report.js';
import { type ErrorsQueryDeps, queryFailureMessage, runConfiguredQuery } from './configured-query.js';
import { hasErrors } from './report.js';

/** The one Web API call the digest makes (a bot-token WebClient has it). */
export interface DigestPoster {
  readonly chat: {
    postMessage(message: {
      channel: string;
      text: string;
      blocks: ErrorsReportMessage['blocks'];
      unfurl_links: false;
      unfurl_media: false;
    }): Promise<unknown>;
  };
}

export interface DigestDeps extends ErrorsQueryDeps {
  /** The stack's region: where the digest runs. */
  readonly region: string;
  /** The Slack client, asked for only when there is something to post. */
  readonly slack: () => Promise<DigestPoster>;
}

/**
 * Runs the digest; returns whether a message was posted.
 *
 * @example
 * ```ts
 * if (isDigestEvent(event)) await postErrorsDigest(deps.config(), deps);
 * ```
 */
export async function postErrorsDigest(config: Config, deps: DigestDeps): Promise<boolean> {
  const { logger, region } = deps;
  const digest = config.errors.digest;
  if (!digest.enabled) {
    logger.warn('digest event received but errors.digest.enabled is false');
    return false;
  }
  const sinceSeconds = parseDuration(digest.window) ?? 86_400;
  let message: ErrorsReportMessage;
  try {
    const report = await runConfiguredQuery(deps, config, { kind: 'all' }, sinceSeconds, region);
    if (!hasErrors(report) && !digest.postWhenEmpty) {
      logger.info('digest: no errors, nothing posted', { region });
      return false;
    }
    message = renderErrorsReport(report, new Date(deps.now()), {
      heading: 'Lambda errors digest',
      redactEmails: config.errors.redactEmails,
    });
  } catch (error) {
    logger.error('digest query failed', { region, error: (error as Error).name });
    message = queryFailureMessage(error, region, config);
  }
  const client = await deps.slack();
  await client.chat.postMessage({
    channel: digest.channel ?? config.slack.defaultChannel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  return true;
}
