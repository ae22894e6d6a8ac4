/**
 * Poison records against the PACKAGED notify function: the bundle built with the options
 * `npm run package` uses (esbuild.config.cjs, config injected, minified), imported as Lambda
 * would import it, with its own Slack client (pointed at the stand-in), its own signed DynamoDB
 * calls (pointed at dynalite) and the real clock.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import type { SlackMessage } from '../../src/slack/message.js';
import { messageProblems } from '../../src/slack/validate.js';
import { alarmEvent, lambdaContext, sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { packagingOptions } from '../helpers/packaging.js';
import { poisonBodies } from '../helpers/poison.js';
import { type SlackStandin, startStandin } from '../helpers/slack-standin.js';

const root = new URL('../../', import.meta.url).pathname;

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

let slack: SlackStandin;
let table: LocalTable;
let handler: Handler;
const saved = { ...process.env };

beforeAll(async () => {
  slack = await startStandin();
  table = await startLocalTable();
  const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'bundle test');
  const result = await build({
    ...packagingOptions(config),
    entryPoints: [`${root}src/handlers/notify.ts`],
    absWorkingDir: root,
    write: false,
    outdir: '/tmp/cloudbell-notify-bundle',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'cloudbell-notify-')), 'notify.mjs');
  writeFileSync(file, result.outputFiles[0]?.text ?? '');
  // What the deployed function reads from its environment (serverless.yml), pointed at stand-ins.
  Object.assign(process.env, {
    CLOUDBELL_TABLE: table.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: slack.url,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  ({ handler } = (await import(pathToFileURL(file).href)) as { handler: Handler });
}, 60_000);

afterAll(async () => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  await Promise.all([slack?.close(), table?.close()]);
});

const invoke = (event: SQSEvent) =>
  handler(
    event,
    lambdaContext(() => Date.now(), 30_000),
  );

const asPosted = (m: { channel: string; text: string; blocks: unknown[]; attachments?: unknown[] }) =>
  ({
    channel: m.channel,
    text: m.text,
    blocks: m.blocks,
    ...(m.attachments ? { attachments: m.attachments } : {}),
  }) as SlackMessage;

describe('packaged notify bundle: poison records', () => {
  it('posts each poison record of a small batch as its own safe message (below the storm threshold)', async () => {
    const poison = poisonBodies();
    const before = slack.channelMessages('#aws-alerts').length;
    const name = 'bundle-good-c-errors';
    const records = [
      sqsRecord(poison['deep-array-256kb'] as string, 'bundle-deep-256kb'),
      sqsRecord(poison['deep-alarm'] as string, 'bundle-deep-alarm'),
      sqsRecord(alarmEvent({ name, state: 'ALARM', at: Date.now() })),
      sqsRecord(poison['not-json'] as string, 'bundle-not-json'),
    ];
    const response = await invoke(sqsEvent(records));
    expect(response.batchItemFailures).toEqual([]);
    const posted = slack.channelMessages('#aws-alerts').slice(before);
    expect(posted).toHaveLength(4);
    expect(posted.map((m) => m.text)).toEqual([
      '📣 Unrecognised event',
      expect.stringContaining('📣 CloudWatch Alarm State Change'),
      expect.stringContaining(`ALARM ${name}`),
      '📣 Unrecognised event',
    ]);
    for (const m of posted) expect(messageProblems(asPosted(m))).toEqual([]);
  }, 60_000);

  it('posts the good alerts of a batch full of poison, in a storm digest, and fails no record', async () => {
    const poison = poisonBodies();
    const now = Date.now();
    const names = ['bundle-good-a-errors', 'bundle-good-b-errors'];
    const records = [
      sqsRecord(alarmEvent({ name: names[0] as string, state: 'ALARM', at: now })),
      ...[
        'deep-array-5000',
        'deep-resources',
        'deep-detail',
        'deep-cloudtrail',
        'lone-surrogate-raw',
        'proto-keys',
        'json-null',
        'empty-string',
      ].map((name) => sqsRecord(poison[name] as string, `bundle-${name}`)),
      sqsRecord(alarmEvent({ name: names[1] as string, state: 'ALARM', at: now })),
    ];
    const response = await invoke(sqsEvent(records));
    expect(response.batchItemFailures).toEqual([]);
    const text = slack.visibleText();
    for (const name of names) expect(text).toContain(name);
    // Ten alerts in one batch is a storm (threshold 5): one digest names all ten.
    const digest = slack.channelMessages('#aws-alerts').at(-1);
    expect(digest?.text).toMatch(/10 alerts/);
    for (const m of slack.messages) expect(messageProblems(asPosted(m))).toEqual([]);
  }, 60_000);
});
