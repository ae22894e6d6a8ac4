/**
 * Array semantics ("Arrays in event patterns") and `$or`, with the documented examples and
 * the array-consistency rule EventBridge applies to objects inside arrays.
 */
import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../src/pattern/index.js';

describe('arrays', () => {
  it('matches when the pattern list and the event array intersect (documented resources example)', () => {
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    };
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };
    expect(matchesPattern(pattern, event)).toBe(true);
    expect(matchesPattern(pattern, { resources: [event.resources[0]] })).toBe(false);
    expect(matchesPattern(pattern, { resources: [] })).toBe(false);
  });

  it('crushes arrays of objects, and of arrays, out of the path', () => {
    const employees = [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
      { firstName: 'Peter', lastName: 'Jones' },
    ];
    expect(matchesPattern({ employees: { firstName: ['Anna'] } }, { employees })).toBe(true);
    expect(
      matchesPattern(
        { employees: { firstName: ['Anna'] } },
        { employees: [employees.slice(0, 2), employees.slice(2)] },
      ),
    ).toBe(true);
    expect(matchesPattern({ employees: { firstName: ['Maria'] } }, { employees })).toBe(false);
  });

  it('is array-consistent: fields of one nested pattern must come from the same element', () => {
    const employees = [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
      { firstName: 'Peter', lastName: 'Jones' },
    ];
    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, { employees })).toBe(
      true,
    );
    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, { employees })).toBe(
      false,
    );
  });

  it('applies anything-but to each element: any element outside the set matches', () => {
    expect(matchesPattern({ tags: [{ 'anything-but': 'a' }] }, { tags: ['a', 'b'] })).toBe(true);
    expect(matchesPattern({ tags: [{ 'anything-but': 'a' }] }, { tags: ['a'] })).toBe(false);
  });

  it('treats an empty event array as no value: exists false holds, exists true does not', () => {
    expect(matchesPattern({ tags: [{ exists: false }] }, { tags: [] })).toBe(true);
    expect(matchesPattern({ tags: [{ exists: true }] }, { tags: [] })).toBe(false);
    expect(matchesPattern({ items: { name: [{ exists: false }] } }, { items: [] })).toBe(true);
  });

  it('finds a value deep inside CloudTrail-style item lists', () => {
    const pattern = { ipPermissions: { items: { ipRanges: { items: { cidrIp: ['0.0.0.0/0'] } } } } };
    const event = {
      ipPermissions: {
        items: [
          { ipProtocol: 'tcp', fromPort: 443, ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } },
          {
            ipProtocol: 'tcp',
            fromPort: 22,
            ipRanges: { items: [{ cidrIp: '192.0.2.0/24' }, { cidrIp: '0.0.0.0/0' }] },
          },
        ],
      },
    };
    expect(matchesPattern(pattern, event)).toBe(true);
    expect(matchesPattern(pattern, { ipPermissions: { items: [event.ipPermissions.items[0]] } })).toBe(false);
  });
});

describe('$or', () => {
  it('matches the documented "source AND (metricName OR namespace)" example', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', metricName: 'ReadLatency' })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(true);
    expect(
      matchesPattern(pattern, { source: 'aws.cloudwatch', metricName: 'Errors', namespace: 'AWS/Lambda' }),
    ).toBe(false);
    expect(matchesPattern(pattern, { source: 'aws.ec2', metricName: 'ReadLatency' })).toBe(false);
  });

  it('matches the documented numeric $or inside detail', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };
    expect(matchesPattern(pattern, { detail: { 'c-count': 9, 'd-count': 3 } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { 'x-limit': 301.8 } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { 'c-count': 9, 'd-count': 30, 'x-limit': 1 } })).toBe(false);
  });

  it('combines parallel and nested $or with AND inside an alternative', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        {
          metricType: ['MetricType'],
          namespace: ['AWS/EC2', 'AWS/ES'],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
        { scope: ['Service'] },
      ],
    };
    expect(
      matchesPattern(pattern, {
        source: 'aws.cloudwatch',
        metricType: 'MetricType',
        namespace: 'AWS/EC2',
        spaceId: 1000,
      }),
    ).toBe(true);
    expect(
      matchesPattern(pattern, {
        source: 'aws.cloudwatch',
        metricType: 'MetricType',
        namespace: 'AWS/EC2',
        spaceId: 1,
      }),
    ).toBe(false);
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', scope: 'Service' })).toBe(true);
  });
});
