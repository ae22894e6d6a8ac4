/**
 * The upload flow over real HTTP, as Slack runs it (intercepted by nock):
 * files.getUploadURLExternal → POST the bytes to the upload URL → files.completeUploadExternal
 * with channel_id and thread_ts, so the image lands in the alarm's thread.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackClient } from '../../src/slack/client.js';
import { webApiEvidence } from '../../src/slack/evidence-upload.js';
import { PNG } from '../helpers/evidence-standins.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('webApiEvidence.uploadImage', () => {
  it('uploads the PNG into the thread through the three-step flow', async () => {
    const seen: Record<string, unknown> = {};
    const slack = nock('https://slack.com')
      .post('/api/files.getUploadURLExternal', (body) => {
        seen.get = typeof body === 'string' ? form(body) : body;
        return true;
      })
      .reply(200, { ok: true, upload_url: 'https://files.slack.com/upload/v1/ABC123', file_id: 'F0GRAPH' })
      .post('/api/files.completeUploadExternal', (body) => {
        seen.complete = typeof body === 'string' ? form(body) : body;
        return true;
      })
      .reply(200, { ok: true, files: [{ id: 'F0GRAPH' }] });
    const upload = nock('https://files.slack.com')
      .post('/upload/v1/ABC123', (body) => {
        seen.bytes = body;
        return true;
      })
      .reply(200, 'OK - 12');

    await webApiEvidence(createSlackClient({ token: 'xoxb-test', retries: 0 })).uploadImage({
      channelId: 'CAWSALERTS',
      threadTs: '1764165724.000100',
      bytes: PNG,
      filename: 'checkout-api-errors-alarm-20261126T1402Z.png',
      title: 'checkout-api-errors · ALARM at 14:02 UTC',
      altText: 'Graph of AWS/Lambda Errors',
      comment: 'Child alarm *x*',
    });
    expect(slack.isDone()).toBe(true);
    expect(upload.isDone()).toBe(true);
    expect(seen.get).toMatchObject({
      filename: 'checkout-api-errors-alarm-20261126T1402Z.png',
      length: String(PNG.length),
      alt_text: 'Graph of AWS/Lambda Errors',
    });
    const complete = seen.complete as Record<string, string>;
    expect(complete.channel_id).toBe('CAWSALERTS');
    expect(complete.thread_ts).toBe('1764165724.000100');
    expect(complete.initial_comment).toBe('Child alarm *x*');
    expect(JSON.parse(complete.files ?? '[]')).toEqual([
      { id: 'F0GRAPH', title: 'checkout-api-errors · ALARM at 14:02 UTC' },
    ]);
  });

  it('fails (for the worker to count) when Slack refuses the upload URL', async () => {
    nock('https://slack.com')
      .post('/api/files.getUploadURLExternal')
      .reply(200, { ok: false, error: 'not_in_channel' });
    await expect(
      webApiEvidence(createSlackClient({ token: 'xoxb-test', retries: 0 })).uploadImage({
        channelId: 'CAWSALERTS',
        threadTs: '1764165724.000100',
        bytes: PNG,
        filename: 'a.png',
        title: 't',
        altText: 'a',
      }),
    ).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
  });
});

describe('webApiEvidence.reply', () => {
  it('posts in the thread without unfurling links', async () => {
    let body: Record<string, string> = {};
    nock('https://slack.com')
      .post('/api/chat.postMessage', (b) => {
        body = typeof b === 'string' ? form(b) : b;
        return true;
      })
      .reply(200, { ok: true, channel: 'CAWSALERTS', ts: '1764165730.000200' });
    await webApiEvidence(createSlackClient({ token: 'xoxb-test', retries: 0 })).reply({
      channelId: 'CAWSALERTS',
      threadTs: '1764165724.000100',
      text: 'lines',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }],
    });
    expect(body).toMatchObject({
      channel: 'CAWSALERTS',
      thread_ts: '1764165724.000100',
      unfurl_links: 'false',
    });
  });
});
