/** The scheduled errors digest: when it posts, where, and the log line when it does not. */
import { describe, expect, it } from 'vitest';
import { type DigestPoster, postErrorsDigest } from '../../src/aws-errors/scheduled-digest.js';
import { portWith, recordingLogger, workerConfig } from './worker-stand-ins.js';

type Post = Parameters<DigestPoster['chat']['postMessage']>[0];

function depsWith(answer: Parameters<typeof portWith>[0]) {
  const { port, reads } = portWith(answer);
  const { logger, lines } = recordingLogger();
  const posts: Post[] = [];
  let asked = 0;
  const slack = async (): Promise<DigestPoster> => {
    asked++;
    return { chat: { postMessage: async (message) => posts.push(message) } };
  };
  return {
    deps: { errorsPort: () => port, logger, now: Date.now, region: 'eu-west-1', slack },
    reads,
    lines,
    posts,
    slackAsked: () => asked,
  };
}

describe('postErrorsDigest', () => {
  it('posts the report to errors.digest.channel, unfurling nothing', async () => {
    const { deps, posts } = depsWith({ errors: 2 });
    const config = workerConfig({ digest: { enabled: true, channel: 'C0DIGEST1' } });
    expect(await postErrorsDigest(config, deps)).toBe(true);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: 'C0DIGEST1', unfurl_links: false, unfurl_media: false });
    expect(posts[0]?.text).toContain('Lambda errors digest: 2 errors in 1 function over the last day');
  });

  it('posts to the default channel when the digest names none', async () => {
    const { deps, posts } = depsWith({ errors: 1 });
    await postErrorsDigest(workerConfig({ digest: { enabled: true } }), deps);
    expect(posts[0]?.channel).toBe('#aws-alerts');
  });

  it('stays quiet when nothing failed, logging it, without asking for a Slack client', async () => {
    const { deps, posts, lines, slackAsked } = depsWith({ errors: 0 });
    expect(await postErrorsDigest(workerConfig({ digest: { enabled: true } }), deps)).toBe(false);
    expect(posts).toEqual([]);
    expect(slackAsked()).toBe(0);
    expect(lines()).toEqual([['info', 'digest: no errors, nothing posted', { region: 'eu-west-1' }]]);
  });

  it('posts why the query failed, and logs the error name', async () => {
    const failure = Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    const { deps, posts, lines } = depsWith(failure);
    await postErrorsDigest(workerConfig({ digest: { enabled: true } }), deps);
    expect(posts[0]?.text).toContain('❌ Could not read Lambda errors in eu-west-1 (');
    expect(lines()).toEqual([
      ['error', 'digest query failed', { region: 'eu-west-1', error: 'ErrorsQueryError' }],
    ]);
  });

  it('reads nothing when the digest is disabled, and says so in the log', async () => {
    const { deps, reads, lines } = depsWith({ errors: 2 });
    expect(await postErrorsDigest(workerConfig({ digest: { enabled: false } }), deps)).toBe(false);
    expect(reads).toEqual([]);
    expect(lines()).toEqual([['warn', 'digest event received but errors.digest.enabled is false']]);
  });
});
