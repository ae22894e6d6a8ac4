/** The worker's answer to a /aws-errors job: its checks, its log lines, its posts to response_url. */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerErrorsCommand } from '../../src/aws-errors/answer-command.js';
import { job, portWith, RESPONSE_PATH, recordingLogger, workerConfig } from './worker-stand-ins.js';

interface Posted {
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  text?: string;
}

/** The worker's clock in these tests: fixed, so a job's age is exact. */
const NOW = Date.now();

function depsWith(answer: Parameters<typeof portWith>[0]) {
  const { port, reads } = portWith(answer);
  const { logger, lines } = recordingLogger();
  return { deps: { errorsPort: () => port, logger, now: () => NOW, region: 'eu-west-1' }, reads, lines };
}

function slackReceives(): Posted[] {
  const posts: Posted[] = [];
  nock('https://hooks.slack.com')
    .persist()
    .post(RESPONSE_PATH, (body: Posted) => {
      posts.push(body);
      return true;
    })
    .reply(200, 'ok');
  return posts;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('answerErrorsCommand', () => {
  it('replaces the "Looking…" message with the report and logs what the query read', async () => {
    const posts = slackReceives();
    const { deps, lines } = depsWith({ errors: 2 });
    await answerErrorsCommand(job(), workerConfig(), deps);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(posts[0]?.text).toBe('🔥 2 errors in 1 function over the last hour · eu-west-1');
    expect(JSON.stringify(posts[0])).toContain('checkout-api');
    expect(lines()).toEqual([
      [
        'info',
        'errors query done',
        {
          region: 'eu-west-1',
          calls: { getMetricData: 1, filterLogEvents: 1 },
          groups: 1,
          scanned: 1,
          toScan: 1,
        },
      ],
    ]);
  });

  it('for --public, deletes the ephemeral "Looking…" first, then posts in the channel', async () => {
    const posts = slackReceives();
    const { deps } = depsWith({ errors: 0 });
    await answerErrorsCommand(job({ public: true }), workerConfig(), deps);
    expect(posts.map((p) => (p.delete_original ? 'delete' : p.response_type))).toEqual([
      'delete',
      'in_channel',
    ]);
  });

  it('answers a failed query with the reason and logs the error name only', async () => {
    const posts = slackReceives();
    const failure = Object.assign(new Error('not authorized <!here>'), { name: 'AccessDeniedException' });
    const { deps, lines } = depsWith(failure);
    await answerErrorsCommand(job(), workerConfig(), deps);
    expect(posts[0]?.text).toContain('❌ Could not read Lambda errors in eu-west-1 (');
    expect(posts[0]?.text).toContain('AccessDeniedException');
    expect(posts[0]?.text).not.toContain('<!here>');
    expect(lines()).toEqual([
      ['error', 'errors query failed', { region: 'eu-west-1', error: 'ErrorsQueryError' }],
    ]);
  });

  it('logs a response_url that refuses the report, and does not throw (a retry would post twice)', async () => {
    nock('https://hooks.slack.com').post(RESPONSE_PATH).reply(404, 'expired_url');
    const { deps, lines } = depsWith({ errors: 0 });
    await expect(answerErrorsCommand(job(), workerConfig(), deps)).resolves.toBeUndefined();
    expect(lines().at(-1)?.slice(0, 2)).toEqual(['error', 'cannot post the errors report']);
  });

  it.each([
    ['an invalid job', { kind: 'command' }, ['error', 'ignored an invalid errors job', { issues: 4 }]],
    [
      'a job older than its response_url',
      job({}, new Date(NOW - 31 * 60_000)),
      ['warn', 'dropped an errors job older than its response_url', { ageSeconds: 1860 }],
    ],
    [
      'a region outside errors.regions',
      job({ region: 'us-west-2' }),
      ['warn', 'ignored an errors job for a region outside errors.regions', { region: 'us-west-2' }],
    ],
    [
      'a function outside errors.functions',
      job({ target: { kind: 'prefix', prefix: 'payroll' } }),
      ['warn', 'ignored an errors job for functions outside errors.functions'],
    ],
  ])('refuses %s with one log line, reading and posting nothing', async (_, event, line) => {
    const posts = slackReceives();
    const { deps, reads, lines } = depsWith({ errors: 2 });
    await answerErrorsCommand(event, workerConfig({ functions: ['checkout-'] }), deps);
    expect(lines()).toEqual([line]);
    expect(reads).toEqual([]);
    expect(posts).toEqual([]);
  });
});
