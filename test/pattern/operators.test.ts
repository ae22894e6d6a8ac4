/**
 * The documented examples of the EventBridge user guide ("Content filtering in event
 * patterns", "Comparison operators", "Matching null values and empty strings"), each
 * checked against an event that matches and one that does not.
 */
import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../src/pattern/index.js';

/** The sample EC2 event used throughout the EventBridge documentation. */
const ec2Event = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

const withDetail = (detail: Record<string, unknown>) => ({
  ...ec2Event,
  detail: { ...ec2Event.detail, ...detail },
});

describe('exact matching', () => {
  it('matches the documented simple pattern (detail-type, resources, state in a list)', () => {
    const pattern = {
      'detail-type': ['EC2 Instance State-change Notification'],
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
      detail: { state: ['initializing', 'running'] },
    };
    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'initializing' }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'stopped' }))).toBe(false);
  });

  it('requires every field (AND) and is case-sensitive', () => {
    expect(matchesPattern({ source: ['aws.ec2'], detail: { state: ['running'] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ source: ['aws.ec2'], detail: { state: ['Running'] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ source: ['aws.ec2'], detail: { missing: ['running'] } }, ec2Event)).toBe(false);
  });

  it('matches numbers by value and never a number against its string form', () => {
    expect(matchesPattern({ detail: { 'x-limit': [3.018e2] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { 'c-count': ['5'] } }, ec2Event)).toBe(false);
  });

  it('matches booleans exactly', () => {
    expect(matchesPattern({ detail: { enable: [false] } }, withDetail({ enable: false }))).toBe(true);
    expect(matchesPattern({ detail: { enable: [false] } }, withDetail({ enable: 'false' }))).toBe(false);
  });

  it('matches empty strings and null separately (documented null/empty example)', () => {
    const event = {
      version: '0',
      id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
      'detail-type': 'EC2 Instance Launch Successful',
      source: 'aws.autoscaling',
      account: '123456789012',
      time: '2015-11-11T21:31:47Z',
      region: 'us-east-1',
      resources: [],
      detail: { eventVersion: '', responseElements: null },
    };
    expect(matchesPattern({ detail: { eventVersion: [''] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { responseElements: [null] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { eventVersion: [null] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { responseElements: [''] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { absent: [null] } }, event)).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it('matches the documented time prefix', () => {
    expect(matchesPattern({ time: [{ prefix: '2017-10-02' }] }, ec2Event)).toBe(true);
    expect(matchesPattern({ time: [{ prefix: '2017-10-03' }] }, ec2Event)).toBe(false);
  });

  it('matches a prefix regardless of case with equals-ignore-case', () => {
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
    for (const service of ['EventBridge', 'EVENTBRIDGE', 'eventbus']) {
      expect(matchesPattern(pattern, withDetail({ service }))).toBe(true);
    }
    expect(matchesPattern(pattern, withDetail({ service: 'Event' }))).toBe(false);
    expect(
      matchesPattern({ detail: { service: [{ prefix: 'EventB' }] } }, withDetail({ service: 'eventbridge' })),
    ).toBe(false);
  });

  it('matches the documented .png suffix, and .PNG only with equals-ignore-case', () => {
    expect(
      matchesPattern({ detail: { FileName: [{ suffix: '.png' }] } }, withDetail({ FileName: 'cat.png' })),
    ).toBe(true);
    expect(
      matchesPattern({ detail: { FileName: [{ suffix: '.png' }] } }, withDetail({ FileName: 'cat.PNG' })),
    ).toBe(false);
    const ignoreCase = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };
    expect(matchesPattern(ignoreCase, withDetail({ FileName: 'cat.PNG' }))).toBe(true);
    expect(matchesPattern(ignoreCase, withDetail({ FileName: 'cat.jpg' }))).toBe(false);
  });

  it('does not apply string operators to numbers', () => {
    expect(matchesPattern({ detail: { 'c-count': [{ prefix: '5' }] } }, ec2Event)).toBe(false);
  });
});

describe('equals-ignore-case and wildcard', () => {
  it('matches the documented Name = alice example in any case', () => {
    const pattern = { detail: { Name: [{ 'equals-ignore-case': 'alice' }] } };
    expect(matchesPattern(pattern, withDetail({ Name: 'Alice' }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ Name: 'ALICE' }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ Name: 'Alicia' }))).toBe(false);
  });

  it('matches the documented */lib/* and event-bus ARN wildcards', () => {
    const lib = { detail: { FilePath: [{ wildcard: '*/lib/*' }] } };
    expect(matchesPattern(lib, withDetail({ FilePath: '/usr/lib/node' }))).toBe(true);
    expect(matchesPattern(lib, withDetail({ FilePath: '/usr/bin/node' }))).toBe(false);
    const bus = { detail: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] } };
    expect(
      matchesPattern(
        bus,
        withDetail({ EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' }),
      ),
    ).toBe(true);
    expect(
      matchesPattern(
        bus,
        withDetail({ EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default' }),
      ),
    ).toBe(false);
  });

  it('treats \\* as a literal asterisk and other regex characters literally', () => {
    const pattern = { detail: { key: [{ wildcard: 'a\\*b.c*' }] } };
    expect(matchesPattern(pattern, withDetail({ key: 'a*b.cde' }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ key: 'axb.cde' }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ key: 'a*bxcde' }))).toBe(false);
  });
});

describe('anything-but', () => {
  it('excludes a single string and a single number', () => {
    expect(matchesPattern({ detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { state: [{ 'anything-but': 'running' }] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { 'x-limit': [{ 'anything-but': 301.8 }] } }, ec2Event)).toBe(false);
  });

  it('excludes lists of strings and of numbers', () => {
    const strings = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    expect(matchesPattern(strings, ec2Event)).toBe(true);
    expect(matchesPattern(strings, withDetail({ state: 'overloaded' }))).toBe(false);
    const numbers = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };
    expect(matchesPattern(numbers, ec2Event)).toBe(true);
    expect(matchesPattern(numbers, withDetail({ 'x-limit': 200 }))).toBe(false);
  });

  it('excludes a prefix, a suffix, a wildcard and a value in any case', () => {
    expect(matchesPattern({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, ec2Event)).toBe(
      true,
    );
    expect(
      matchesPattern(
        { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
        withDetail({ state: 'initializing' }),
      ),
    ).toBe(false);
    const region = { detail: { Region: [{ 'anything-but': { prefix: 'us-' } }] } };
    expect(matchesPattern(region, withDetail({ Region: 'eu-west-1' }))).toBe(true);
    expect(matchesPattern(region, withDetail({ Region: 'us-east-1' }))).toBe(false);
    const png = { detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } };
    expect(matchesPattern(png, withDetail({ FileName: 'a.jpg' }))).toBe(true);
    expect(matchesPattern(png, withDetail({ FileName: 'a.png' }))).toBe(false);
    const lib = { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } };
    expect(matchesPattern(lib, withDetail({ FilePath: '/usr/bin/node' }))).toBe(true);
    expect(matchesPattern(lib, withDetail({ FilePath: '/usr/lib/node' }))).toBe(false);
    const state = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } };
    expect(matchesPattern(state, ec2Event)).toBe(true);
    expect(matchesPattern(state, withDetail({ state: 'INITIALIZING' }))).toBe(false);
    const list = {
      detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] },
    };
    expect(matchesPattern(list, withDetail({ state: 'Stopped' }))).toBe(false);
  });

  it('never matches a missing field', () => {
    expect(matchesPattern({ detail: { absent: [{ 'anything-but': 'x' }] } }, ec2Event)).toBe(false);
  });
});

describe('numeric', () => {
  it('matches the documented c-count / d-count / x-limit example', () => {
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };
    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'c-count': 6 }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ 'c-count': 0 }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ 'd-count': 10 }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ 'x-limit': 301.9 }))).toBe(false);
  });

  it('only matches JSON numbers', () => {
    expect(
      matchesPattern({ detail: { 'c-count': [{ numeric: ['>', 0] }] } }, withDetail({ 'c-count': '5' })),
    ).toBe(false);
  });

  it('accepts the bounds in either order', () => {
    expect(matchesPattern({ detail: { 'c-count': [{ numeric: ['<', 6, '>=', 5] }] } }, ec2Event)).toBe(true);
  });
});

describe('cidr', () => {
  it('matches the documented 10.0.0.0/24 example', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: '10.0.0.255' }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: '10.0.1.0' }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: 'AWS Internal' }))).toBe(false);
  });

  it('matches IPv6 blocks, compressed or not, and never across families', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } };
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: '2001:db8::1' }))).toBe(true);
    expect(
      matchesPattern(pattern, withDetail({ sourceIPAddress: '2001:0db8:0000:0000:ffff:0000:0000:0001' })),
    ).toBe(true);
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: '2001:db8:0:1::1' }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: '10.0.0.1' }))).toBe(false);
    expect(
      matchesPattern({ detail: { ip: [{ cidr: '::ffff:0:0/96' }] } }, withDetail({ ip: '::ffff:192.0.2.1' })),
    ).toBe(true);
  });

  it('matches 0.0.0.0/0 for every IPv4 address and a bare address as a /32', () => {
    expect(
      matchesPattern({ detail: { ip: [{ cidr: '0.0.0.0/0' }] } }, withDetail({ ip: '203.0.113.7' })),
    ).toBe(true);
    expect(
      matchesPattern({ detail: { ip: [{ cidr: '203.0.113.7' }] } }, withDetail({ ip: '203.0.113.7' })),
    ).toBe(true);
    expect(
      matchesPattern({ detail: { ip: [{ cidr: '203.0.113.7' }] } }, withDetail({ ip: '203.0.113.8' })),
    ).toBe(false);
  });
});

describe('exists', () => {
  it('matches the documented detail.state exists example, and not the event without it', () => {
    const pattern = { detail: { state: [{ exists: true }] } };
    expect(
      matchesPattern(pattern, {
        version: '0',
        id: '7bf73129-1428-4cd3-a780-95db273d1602',
        'detail-type': 'EC2 Instance State-change Notification',
        source: 'aws.ec2',
        account: '123456789012',
        time: '2015-11-11T21:29:54Z',
        region: 'us-east-1',
        resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
        detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
      }),
    ).toBe(true);
    expect(matchesPattern(pattern, { detail: { 'c-count': { c1: 100 } } })).toBe(false);
  });

  it('treats only leaves as existing: exists false matches an absent field and an object', () => {
    const pattern = { detail: { 'c-count': [{ exists: false }] } };
    expect(matchesPattern(pattern, { detail: { state: ['initializing', 'running'] } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { state: 'running', 'c-count': { c1: 100 } } })).toBe(true);
    expect(matchesPattern(pattern, ec2Event)).toBe(false);
    expect(
      matchesPattern({ detail: { 'c-count': [{ exists: true }] } }, { detail: { 'c-count': { c1: 100 } } }),
    ).toBe(false);
  });

  it('counts a null value as present', () => {
    expect(matchesPattern({ detail: { x: [{ exists: true }] } }, { detail: { x: null } })).toBe(true);
  });
});

describe('the documented complex example', () => {
  const pattern = {
    time: [{ prefix: '2017-10-02' }],
    detail: {
      state: [{ 'anything-but': 'initializing' }],
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ 'anything-but': [100, 200, 300] }],
      'source-ip': [{ cidr: '10.0.0.0/8' }],
    },
  };

  it('matches the sample event and fails when any one field fails', () => {
    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'source-ip': '192.0.2.1' }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ state: 'initializing' }))).toBe(false);
    expect(matchesPattern(pattern, { ...ec2Event, time: '2017-10-03T00:00:00Z' })).toBe(false);
  });
});
