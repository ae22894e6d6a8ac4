import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fieldsOf,
  genericFamily,
  MAX_LISTED_FIELDS,
  valueText,
} from '../../../src/families/generic/index.js';
import { processInput } from '../../../src/pipeline.js';
import { messageProblems } from '../../../src/slack/validate.js';
import { unwrap } from '../../../src/sources/unwrap.js';
import { testConfig } from '../../helpers/alerts.js';
import { readMessage } from '../alarm/load.js';

const config = testConfig();
const now = new Date('2026-11-26T09:00:00Z');
// A stopped ECS task is the ECS family's (src/families/ecs/); the same event under a detail-type
// no family claims is the generic family's.
const ecs = {
  ...(JSON.parse(readFileSync('samples/other/ecs-task-stopped.json', 'utf8')) as Record<string, unknown>),
  'detail-type': 'ECS Container Instance State Change',
};

const render = (input: unknown) => {
  const message = processInput(input, { config, now })[0]?.deliveries[0]?.message;
  if (!message) throw new Error('no message');
  expect(messageProblems(message)).toEqual([]);
  return { message, read: readMessage(message), all: JSON.stringify(message) };
};

describe('generic family: an unknown EventBridge event', () => {
  it('shows detail-type, source, account, region, time and resources as facts', () => {
    const { read } = render(ecs);
    expect(read.header).toBe('📣 ECS Container Instance State Change');
    expect(read.fields).toEqual([
      '*Source*\naws.ecs',
      '*Account*\nprod (210987654321)',
      '*Region*\neu-west-1',
      '*Time*\n08:02 UTC (57 min ago)',
      '*Resources*\narn:aws:ecs:eu-west-1:210987654321:task/prod-cluster/0b69d5c0d655402a9b4a8f1b3f0f9c4e',
    ]);
    expect(read.text).toBe(
      '📣 ECS Container Instance State Change · aws.ecs · prod (210987654321) · eu-west-1',
    );
  });

  it('lists the top-level detail fields as readable lines, not a JSON block', () => {
    const { read, all } = render(ecs);
    const list = read.summary ?? '';
    expect(list.split('\n')).toContain('*lastStatus*  STOPPED');
    expect(list.split('\n')).toContain('*stopCode*  EssentialContainerExited');
    // A nested list of objects reads as key: value pairs.
    expect(list).toMatch(
      /\*containers\* {2}\{containerArn: arn:aws:ecs:[^,]+, exitCode: 137, lastStatus: STOPPED, name: checkout-api, reason: OutOfMemoryError/,
    );
    expect(all).not.toContain('```');
    expect(all).not.toContain('"clusterArn":');
  });

  it('counts what it leaves out: resources past ten, fields past the limit', () => {
    const event = {
      ...ecs,
      resources: Array.from({ length: 25 }, (_, i) => `arn:aws:s3:::bucket-${i}`),
      detail: Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`field${i}`, i])),
    };
    const { read } = render(event);
    const resources = read.fields.find((f) => f.startsWith('*Resources*')) ?? '';
    expect(resources.split('\n')).toHaveLength(1 + 10 + 1);
    expect(resources).toMatch(/\+15 more$/);
    expect(read.summary).toContain(`*field${MAX_LISTED_FIELDS - 1}*  ${MAX_LISTED_FIELDS - 1}`);
    expect(read.summary).not.toContain(`*field${MAX_LISTED_FIELDS}*`);
    expect(read.summary).toMatch(/\*…\* {2}25 more$/);
  });

  it('escapes every field name and value and keeps long values short', () => {
    const event = {
      ...ecs,
      detail: { '<!channel>': '<@U0EVIL> & <https://evil.example|click>', long: 'x'.repeat(10_000) },
    };
    const { read, all } = render(event);
    expect(all).not.toMatch(/<!channel>|<@U0EVIL>|<https:\/\/evil/);
    expect(read.summary).toContain(
      '*&lt;!channel&gt;*  &lt;@U0EVIL&gt; &amp; &lt;https://evil.example|click&gt;',
    );
    const long = read.summary?.split('\n').find((l) => l.startsWith('*long*')) ?? '';
    expect(long.length).toBeLessThan(320);
    expect(long.endsWith('…')).toBe(true);
  });

  it('hides secrets: values of secret-named fields, nested ones and token shapes', () => {
    const event = {
      ...ecs,
      detail: {
        password: 'hunter2',
        apiKey: 'k-123456',
        db: { host: 'db.internal', password: 'hunter3' },
        note: 'posted with xoxb-1234567890-abcdefghij by ops@example.com',
      },
    };
    const { read, all } = render(event);
    expect(all).not.toMatch(/hunter2|hunter3|k-123456|xoxb-1234567890/);
    const lines = read.summary?.split('\n') ?? [];
    expect(lines).toContain('*password*  [REDACTED]');
    expect(lines).toContain('*apiKey*  [REDACTED]');
    expect(lines).toContain('*db*  host: db.internal, password: [REDACTED]');
    expect(lines).toContain('*note*  posted with [REDACTED SLACK TOKEN] by ops@example.com');
  });

  it('hides a secret before cutting a long value, so no prefix of it survives the cut', () => {
    const token = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
    // The token straddles the 300-character cut: cut first, its prefix would not match the pattern.
    const pad = 'x'.repeat(280);
    const deep = { a: { b: { c: { key: token } } } };
    const event = { ...ecs, detail: { note: `${pad} ${token} tail`, nested: deep, [`k${pad}`]: 1 } };
    const sns = {
      Records: [
        { EventSource: 'aws:sns', Sns: { MessageId: 'm-2', Message: `${'y'.repeat(690)} ${token}` } },
      ],
    };
    for (const input of [event, sns]) {
      const { all } = render(input);
      expect(all).not.toContain('ghp_');
      expect(all).not.toContain('A1b2C3d4E5');
    }
  });

  it('shows a detail that is not an object too (an array, a scalar, nothing)', () => {
    expect(render({ ...ecs, detail: ['a', 'b'] }).read.summary).toBe('*[0]*  a\n*[1]*  b');
    expect(render({ ...ecs, detail: 'plain' }).read.summary).toBe('*value*  plain');
    expect(render({ ...ecs, detail: null }).read.summary).toBe('*value*  null');
  });
});

describe('generic family: other JSON and text', () => {
  it('lists the top-level fields of any other JSON object', () => {
    const { read, all } = render({ status: 'FAILED', job: { id: 'j-1', attempts: 3 }, tags: ['a', 'b'] });
    expect(read.header).toBe('📣 Unrecognised event');
    expect(read.summary).toBe('cloudbell does not know this kind of event; it is shown as received.');
    expect(all).toContain('*status*  FAILED\\n*job*  id: j-1, attempts: 3\\n*tags*  a, b');
  });

  it('shows a text message as the message, with what cloudbell made of it below', () => {
    const sns = {
      Records: [
        {
          EventSource: 'aws:sns',
          Sns: {
            MessageId: 'm-1',
            TopicArn: 'arn:aws:sns:eu-west-1:210987654321:ops',
            Subject: 'Backup',
            Message: 'Nightly backup <!here> failed',
          },
        },
      ],
    };
    const { read } = render(sns);
    expect(read.header).toBe('📣 Backup');
    expect(read.summary).toBe('Nightly backup &lt;!here&gt; failed');
    expect(read.context[0]).toBe('cloudbell does not know this kind of event; it is shown as received.');
  });

  it('keys a record without its own id by its SQS message id, so equal bodies are separate alerts', () => {
    const [a, b] = unwrap({
      Records: [
        { messageId: 'm-1', body: '"same"', eventSource: 'aws:sqs' },
        { messageId: 'm-2', body: '"same"', eventSource: 'aws:sqs' },
      ],
    });
    const keyOf = (e: typeof a) => (e ? genericFamily.toAlert(e, { config, now })?.dedupeKey : undefined);
    expect(keyOf(a)).toBe('sqs:m-1');
    expect(keyOf(b)).toBe('sqs:m-2');
    // Without any id, the content decides (a direct invocation repeated is the same alert).
    const [direct] = unwrap({ some: 'event' });
    expect(keyOf(direct)).toMatch(/^hash:[0-9a-f]{32}$/);
  });
});

describe('valueText and fieldsOf', () => {
  it('never throw and stay short, whatever the value', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const proto = JSON.parse('{"__proto__":{"a":1},"toString":1,"valueOf":2}');
    for (const value of [deep, proto, { a: deep }, [proto, deep], null, JSON.parse('1e400'), '', undefined]) {
      expect(valueText(value).length).toBeLessThanOrEqual(300);
      expect(() => fieldsOf(value)).not.toThrow();
    }
    expect(valueText(deep)).toBe('[[…]]');
    expect(fieldsOf(proto)).toEqual([
      { label: '__proto__', value: 'a: 1' },
      { label: 'toString', value: '1' },
      { label: 'valueOf', value: '2' },
    ]);
  });
});
