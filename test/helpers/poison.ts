/**
 * Poison SQS bodies: what an attacker who can publish to the alarms topic (or a broken producer)
 * can put in front of good alerts. Each is a raw body string, as SQS delivers it.
 */
import { randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import { alarmEvent, sqsRecord } from './alarm-events.js';

const nested = (depth: number, inner = '') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

/** An EventBridge envelope around any detail, as raw JSON text (so the detail can be any depth). */
const eventBridgeText = (fields: { detailType: string; source: string; resources: string; detail: string }) =>
  `{"version":"0","id":"${randomUUID()}","detail-type":${JSON.stringify(fields.detailType)},` +
  `"source":${JSON.stringify(fields.source)},"account":"210987654321","time":"2026-11-26T10:00:00Z",` +
  `"region":"eu-west-1","resources":${fields.resources},"detail":${fields.detail}}`;

/** Bytes that are not UTF-8, decoded the way Node decodes a request body (U+FFFD for each bad byte). */
const invalidUtf8 = (before: string, after: string) =>
  Buffer.concat([
    Buffer.from(before),
    Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
    Buffer.from(after),
  ]).toString('utf8');

/** Exactly `bytes` long: an array nested as deep as the body allows. */
const deepBody = (bytes: number) => nested(Math.floor(bytes / 2));

/**
 * Every poison body, named. None is a valid alert; each must still yield a safe message.
 *
 * @example
 * ```ts
 * for (const [name, body] of Object.entries(poisonBodies())) sqsRecord(body, name);
 * ```
 */
export function poisonBodies(): Record<string, string> {
  const deep = nested(5_000);
  return {
    'deep-array-5000': deep,
    'deep-array-256kb': deepBody(256 * 1024),
    'deep-resources': eventBridgeText({
      detailType: 'Odd Event',
      source: 'com.example',
      resources: deep,
      detail: '{}',
    }),
    'deep-detail': eventBridgeText({
      detailType: 'Odd Event',
      source: 'com.example',
      resources: '[]',
      detail: deep,
    }),
    'deep-detail-field': eventBridgeText({
      detailType: 'Odd Event',
      source: 'com.example',
      resources: `[${deep}]`,
      detail: `{"a":${deep},"b":{"c":${deep}}}`,
    }),
    // Families that match on source/detail-type must give up gracefully on deep parts.
    'deep-alarm': eventBridgeText({
      detailType: 'CloudWatch Alarm State Change',
      source: 'aws.cloudwatch',
      resources: deep,
      detail: `{"alarmName":${deep},"state":${deep},"configuration":{"metrics":${deep}}}`,
    }),
    'deep-cloudtrail': eventBridgeText({
      detailType: 'AWS API Call via CloudTrail',
      source: 'aws.iam',
      resources: '[]',
      detail: `{"eventSource":"iam.amazonaws.com","eventName":${deep},"userIdentity":${deep},"requestParameters":${deep}}`,
    }),
    'wide-256kb': wideObject(256 * 1024),
    'long-string-256kb': JSON.stringify({ message: `<!channel> ${'x'.repeat(256 * 1024)}` }),
    // Keys the table cannot store as they are: a 200 KB event id, a 100 KB alarm name (and ARN).
    'huge-event-id': `{"version":"0","id":"${'i'.repeat(200 * 1024)}","detail-type":"Odd Event","source":"com.example","detail":{}}`,
    'huge-alarm-name': JSON.stringify(hugeAlarm()),
    'invalid-utf8-json': invalidUtf8('{"detail-type":"', '","source":"x"}'),
    'invalid-utf8-text': invalidUtf8('', ' <!here>'),
    'lone-surrogate-escaped':
      '{"version":"0","id":"ls-1","detail-type":"Odd \\ud800 Event","source":"com.example\\udc00","detail":{"k\\ud800":"v\\udfff"}}',
    'lone-surrogate-raw': `{"message":"raw \ud800 surrogate","\udc00":1}`,
    'proto-keys':
      '{"__proto__":{"detail-type":"x","id":"y","source":"aws.cloudwatch"},"constructor":{"prototype":1},"toString":1,"valueOf":"v","hasOwnProperty":2}',
    'proto-in-detail': eventBridgeText({
      detailType: 'Odd Event',
      source: 'com.example',
      resources: '["__proto__"]',
      detail: '{"__proto__":{"polluted":true},"constructor":"c","toString":"s"}',
    }),
    'not-json': 'ALARM: checkout-api-errors {not json',
    'json-null': 'null',
    'json-number': '42',
    'json-huge-number': '1e400',
    'json-true': 'true',
    'json-string': '"just a string <@U0EVIL>"',
    'json-empty-array': '[]',
    'json-empty-object': '{}',
    'empty-string': '',
  };
}

/** A well-formed alarm state change whose name is 100 KB long. */
function hugeAlarm() {
  const name = `huge-${'n'.repeat(100 * 1024)}`;
  return alarmEvent({ name, state: 'ALARM', at: Date.parse('2026-11-26T10:00:00Z') });
}

function wideObject(bytes: number): string {
  const entries: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes - 40; i++) {
    const entry = `"field${i}":"value-${i}"`;
    entries.push(entry);
    size += entry.length + 1;
  }
  return `{${entries.join(',')}}`;
}

/**
 * Batches of at most `batchSize` records, each mixing good alarms (named `good-<n>`) with poison
 * records (message id = the poison's name). Returns the records and the good alarm names.
 */
export function poisonBatches(
  at: number,
  batchSize = 10,
): { batches: SQSRecord[][]; goodNames: string[]; poisonIds: string[] } {
  const poison = Object.entries(poisonBodies());
  const batches: SQSRecord[][] = [];
  const goodNames: string[] = [];
  let good = 0;
  for (let i = 0; i < poison.length; i += batchSize - 2) {
    const slice = poison.slice(i, i + batchSize - 2).map(([name, body]) => sqsRecord(body, name));
    const names = [`good-${good++}-errors`, `good-${good++}-errors`];
    goodNames.push(...names);
    const [first, second] = names.map((name) => sqsRecord(alarmEvent({ name, state: 'ALARM', at })));
    // Good alerts first and last: a poison record between them must not touch either.
    batches.push([first as SQSRecord, ...slice, second as SQSRecord]);
  }
  return { batches, goodNames, poisonIds: poison.map(([name]) => name) };
}
