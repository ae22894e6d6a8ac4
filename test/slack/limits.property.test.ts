import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactJson } from '../../src/alerts/json.js';
import { processInput } from '../../src/pipeline.js';
import { messageProblems } from '../../src/slack/validate.js';
import { testConfig } from '../helpers/alerts.js';
import { jsonFiles } from '../helpers/fixtures.js';

const config = testConfig({ routes: [{ match: {}, channels: ['#all'], mentions: ['@here'] }] });
const now = new Date('2026-11-26T15:00:00Z');

/** Every message for any input fits Slack's limits; "clean rejection" = no deliveries, never a throw. */
function assertWithinLimits(input: unknown): void {
  for (const outcome of processInput(input, { config, now })) {
    for (const { message } of outcome.deliveries) {
      const problems = messageProblems(message);
      if (problems.length > 0)
        throw new Error(`${problems.join('; ')} for ${compactJson(input, { maxChars: 300 }).text}`);
    }
  }
}

/** Like assertWithinLimits, and every record of a batch gets a message of its own. */
function assertEveryRecordPosted(batch: { Records: Array<{ messageId: string }> }): void {
  const outcomes = processInput(batch, { config, now });
  if (outcomes.length !== batch.Records.length)
    throw new Error(`${outcomes.length} outcomes for ${batch.Records.length} records`);
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.envelope.recordId !== batch.Records[i]?.messageId) throw new Error(`record ${i} lost its id`);
    if (outcome.deliveries.length === 0) throw new Error(`record ${i} posted nothing`);
    for (const { message } of outcome.deliveries) {
      const problems = messageProblems(message);
      if (problems.length > 0) throw new Error(`${problems.join('; ')} for record ${i}`);
    }
  }
}

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 5000 }),
  fc.constant('<!channel>'.repeat(600)),
);
const alarmState = fc.constantFrom('OK', 'ALARM', 'INSUFFICIENT_DATA', 'WEIRD');

const eventBridge = (
  detailType: fc.Arbitrary<string>,
  source: fc.Arbitrary<string>,
  detail: fc.Arbitrary<unknown>,
) =>
  fc.record({
    version: fc.constant('0'),
    id: fc.uuid(),
    'detail-type': detailType,
    source,
    account: fc.oneof(fc.constant('210987654321'), text),
    time: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      text,
    ),
    region: fc.oneof(fc.constantFrom('eu-west-1', 'cn-north-1', 'us-gov-west-1'), text),
    resources: fc.array(text, { maxLength: 30 }),
    detail,
  });

const alarmDetail = fc.record({
  alarmName: text,
  state: fc.record({ value: alarmState, reason: text, reasonData: text, timestamp: text }),
  previousState: fc.record({ value: alarmState, reason: text, timestamp: text }),
  configuration: fc.record({
    description: fc.option(text),
    metrics: fc.array(
      fc.oneof(
        fc.record({
          id: text,
          metricStat: fc.record({
            metric: fc.record({
              namespace: fc.oneof(fc.constant('AWS/SQS'), fc.constant('AWS/Lambda'), text),
              name: fc.oneof(fc.constant('ApproximateNumberOfMessagesVisible'), text),
              dimensions: fc.dictionary(fc.oneof(fc.constant('QueueName'), text), text),
            }),
            period: fc.integer(),
            stat: text,
          }),
          returnData: fc.boolean(),
        }),
        fc.record({ id: text, expression: text, label: text, returnData: fc.boolean() }),
      ),
      { maxLength: 12 },
    ),
    alarmRule: fc.option(text),
  }),
});

const cloudTrailDetail = fc.record({
  eventVersion: fc.constant('1.08'),
  userIdentity: fc.record({
    type: fc.constantFrom('Root', 'IAMUser', 'AssumedRole', 'FederatedUser'),
    arn: text,
    userName: text,
  }),
  eventSource: fc.constantFrom(
    'signin.amazonaws.com',
    'ec2.amazonaws.com',
    'iam.amazonaws.com',
    'cloudtrail.amazonaws.com',
  ),
  eventName: fc.constantFrom(
    'ConsoleLogin',
    'AuthorizeSecurityGroupIngress',
    'StopLogging',
    'CreateAccessKey',
    'RunInstances',
  ),
  awsRegion: text,
  sourceIPAddress: text,
  userAgent: text,
  errorCode: fc.option(fc.constantFrom('AccessDenied', 'Client.UnauthorizedOperation')),
  errorMessage: fc.option(text),
  requestParameters: fc.jsonValue(),
  responseElements: fc.option(fc.record({ ConsoleLogin: fc.constantFrom('Success', 'Failure') })),
  additionalEventData: fc.option(fc.record({ MFAUsed: fc.constantFrom('Yes', 'No', 'YES') })),
  eventID: fc.uuid(),
  eventType: fc.constantFrom('AwsApiCall', 'AwsConsoleSignIn'),
});

/** The value with its n-th string leaf replaced by `replacements[n % length]`. */
function replaceStrings(value: unknown, replacements: readonly string[]): unknown {
  let n = 0;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return replacements[n++ % replacements.length];
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(value);
}

/** Every bundled sample and fixture (every family, new ones included without listing them). */
const fixtures = jsonFiles('samples', 'test/fixtures');

describe('every fixture, with hostile strings in place of its own, yields messages within Slack limits', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(50);
  });

  it.each(fixtures)('%s', (_path, event) => {
    assertWithinLimits(event);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), (replacements) =>
        assertWithinLimits(replaceStrings(event, replacements)),
      ),
      { numRuns: 15 },
    );
  });
});

describe('any input yields messages within Slack limits', () => {
  it('for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), assertWithinLimits), { numRuns: 300 });
  });

  it('for EventBridge events of any kind', () => {
    fc.assert(fc.property(eventBridge(text, text, fc.jsonValue()), assertWithinLimits), { numRuns: 200 });
  });

  it('for alarm state changes with arbitrary contents', () => {
    fc.assert(
      fc.property(
        eventBridge(fc.constant('CloudWatch Alarm State Change'), fc.constant('aws.cloudwatch'), alarmDetail),
        assertWithinLimits,
      ),
      { numRuns: 200 },
    );
  });

  it('for CloudTrail records with arbitrary contents', () => {
    fc.assert(
      fc.property(
        eventBridge(
          fc.constantFrom('AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'),
          fc.constantFrom('aws.signin', 'aws.ec2', 'aws.iam', 'aws.cloudtrail'),
          cloudTrailDetail,
        ),
        assertWithinLimits,
      ),
      { numRuns: 200 },
    );
  });

  it('for SNS and SQS wrappers around arbitrary bodies', () => {
    const sqs = fc
      .array(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        { minLength: 1, maxLength: 5 },
      )
      .map((bodies) => ({
        Records: bodies.map((body, i) => ({ messageId: `m${i}`, body, eventSource: 'aws:sqs' })),
      }));
    const sns = fc.record({
      AlarmName: text,
      AlarmDescription: fc.option(text),
      NewStateValue: alarmState,
      OldStateValue: alarmState,
      NewStateReason: text,
      StateChangeTime: text,
      Region: text,
      AWSAccountId: text,
      AlarmArn: text,
      Trigger: fc.record({
        MetricName: text,
        Namespace: text,
        Dimensions: fc.array(fc.record({ name: text, value: text })),
      }),
    });
    fc.assert(fc.property(fc.oneof(sqs, sns), assertWithinLimits), { numRuns: 200 });
  });
});

/** Leaves that break naive code: lone surrogates, mentions, odd numbers, keys of Object.prototype. */
const oddLeaf = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('<!channel>', '\ud800', '\udfff\ud800', '', 'toString', '__proto__'),
);
const OPENERS = [
  '[',
  '{"a":',
  '{"__proto__":',
  '{"<!channel>":',
  '{"toString":',
  '[1,{"constructor":',
] as const;

/** JSON text nested up to 6,000 deep (JSON.stringify and recursive walks overflow at a few thousand). */
const deepText = fc
  .record({ depth: fc.integer({ min: 1, max: 6_000 }), open: fc.constantFrom(...OPENERS), leaf: oddLeaf })
  .map(({ depth, open, leaf }) => {
    const close = open.startsWith('[1') ? '}]' : open.startsWith('[') ? ']' : '}';
    return `${open.repeat(depth)}${JSON.stringify(leaf)}${close.repeat(depth)}`;
  });

/** An object whose keys are the prototype's own names, as JSON text (so `__proto__` is a real key). */
const oddKeysText = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          'toString',
          'valueOf',
          'hasOwnProperty',
          '<!channel>',
          '',
        ),
        fc.string({ unit: 'binary' }),
      ),
      fc.oneof(
        deepText,
        oddLeaf.map((v) => JSON.stringify(v)),
      ),
    ),
    { maxLength: 8 },
  )
  .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);

const oddText = fc.oneof(deepText, oddKeysText);

const eventBridgeText = fc
  .record({
    detailType: fc.oneof(
      fc.constantFrom('CloudWatch Alarm State Change', 'AWS API Call via CloudTrail', 'Odd Event'),
      fc.string({ unit: 'binary' }),
    ),
    source: fc.constantFrom('aws.cloudwatch', 'aws.iam', 'aws.signin', 'com.example'),
    resources: oddText,
    detail: oddText,
  })
  .map(
    ({ detailType, source, resources, detail }) =>
      `{"version":"0","id":"e-1","detail-type":${JSON.stringify(detailType)},"source":"${source}",` +
      `"account":"210987654321","region":"eu-west-1","resources":[${resources}],"detail":${detail}}`,
  );

describe('deep and odd JSON', () => {
  it('renders any deeply nested or odd-keyed value within limits', () => {
    fc.assert(
      fc.property(oddText, (text) => assertWithinLimits(JSON.parse(text))),
      { numRuns: 150 },
    );
  });

  it('renders EventBridge events with deep or odd resources and detail, whatever family they claim', () => {
    fc.assert(
      fc.property(eventBridgeText, (text) => assertWithinLimits(JSON.parse(text))),
      { numRuns: 150 },
    );
  });

  it('gives every record of a batch its own message, whatever its body', () => {
    const body = fc.oneof(
      oddText,
      eventBridgeText,
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 10 }), (bodies) =>
        assertEveryRecordPosted({
          Records: bodies.map((b, i) => ({ messageId: `m${i}`, body: b, eventSource: 'aws:sqs' })),
        }),
      ),
      { numRuns: 100 },
    );
  });
});
