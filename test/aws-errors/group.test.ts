import { describe, expect, it } from 'vitest';
import { classifyLogLine } from '../../src/aws-errors/classify.js';
import { ErrorGrouper } from '../../src/aws-errors/group.js';
import { redact } from '../../src/aws-errors/redact.js';
import { errorSignature, normaliseMessage } from '../../src/aws-errors/signature.js';
import { logFixture } from './logs.js';

function groupAll(fn: string, events: { timestamp: number; message: string }[]) {
  const grouper = new ErrorGrouper();
  for (const e of events) {
    const line = classifyLogLine(redact(e.message, { emails: true }));
    if (line) grouper.add(fn, `/aws/lambda/${fn}`, line, e.timestamp);
  }
  return grouper;
}

describe('normaliseMessage', () => {
  it.each([
    ['Task timed out after 3.00 seconds', 'Task timed out after <n> seconds'],
    ["KeyError: 'user_id'", "KeyError: '<str>'"],
    ['order 3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b not found', 'order <id> not found'],
    ['at 2025-11-18T10:01:33.456Z retry', 'at <time> retry'],
    ['object 5f84c7a9e1b2 missing', 'object <hex> missing'],
    ['RequestId: QK3O0D4D8N4T6VHAHF1B3S6LJNVV4KQNSO5AEMVJF66Q9ASUAAJG failed', 'RequestId: <id> failed'],
    ['connect ECONNREFUSED 10.0.12.7:5432', 'connect ECONNREFUSED <ip>:<n>'],
    ['pointer 0xdeadbeef', 'pointer <hex>'],
  ])('normalises %s', (input, expected) => {
    expect(normaliseMessage(input)).toBe(expected);
  });

  it('keeps identifiers that merely contain digits', () => {
    expect(normaliseMessage('s3 bucket utf8 decode failed')).toBe('s3 bucket utf8 decode failed');
  });

  it('tells different functions and types apart', () => {
    expect(errorSignature('a', 'TypeError', 'x')).not.toBe(errorSignature('b', 'TypeError', 'x'));
    expect(errorSignature('a', 'TypeError', 'x')).not.toBe(errorSignature('a', 'RangeError', 'x'));
  });
});

describe('ErrorGrouper with real-looking Node.js lines', () => {
  const groups = groupAll('checkout-api', [...logFixture('node-text'), ...logFixture('noise')]).groups();

  it('puts the same error with different request ids, orders and addresses in one group', () => {
    const typeErrors = groups.find((g) => g.type === 'TypeError');
    expect(typeErrors).toMatchObject({ count: 2, firstSeen: 1763460093456, lastSeen: 1763460153456 });
    const refused = groups.find((g) => g.sample.includes('ECONNREFUSED'));
    expect(refused?.count).toBe(2);
  });

  it('merges timeouts of different durations', () => {
    expect(groups.find((g) => g.type === 'Task timed out')?.count).toBe(2);
  });

  it('sorts by count, then most recent', () => {
    expect(groups.map((g) => g.count)).toEqual([...groups.map((g) => g.count)].sort((a, b) => b - a));
    expect(groups[0]?.count).toBe(2);
  });

  it('keeps the most recent occurrence as the sample, redacted', () => {
    const refused = groups.find((g) => g.sample.includes('ECONNREFUSED'));
    expect(refused?.sample).toContain('order 50117');
    expect(refused?.sample).toContain('[REDACTED EMAIL]');
    expect(refused?.sample).not.toContain('@example');
  });

  it('counts only real errors: noise lines are not grouped', () => {
    const total = groups.reduce((a, g) => a + g.count, 0);
    expect(total).toBe(10);
  });
});

describe('ErrorGrouper with real-looking Python lines', () => {
  const groups = groupAll('billing', logFixture('python-text')).groups();

  it('groups KeyErrors on different keys (quoted values normalised)', () => {
    expect(groups.find((g) => g.type === 'KeyError')).toMatchObject({ count: 2, pattern: "'<str>'" });
  });

  it('groups logged errors differing only in numbers', () => {
    expect(groups.find((g) => g.sample.startsWith('Payment'))).toMatchObject({
      count: 2,
      pattern: 'Payment <n> failed: card declined (code <n>)',
    });
  });

  it('keeps distinct failures apart', () => {
    expect(groups.map((g) => g.type).sort()).toEqual(
      [
        'KeyError',
        'Logged error',
        'Runtime.ImportModuleError',
        'Task timed out',
        'ValueError',
        'requests.exceptions.HTTPError',
      ].sort(),
    );
  });
});
