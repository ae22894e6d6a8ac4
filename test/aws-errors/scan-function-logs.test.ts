/**
 * One function's log scan on its own (src/aws-errors/log-scan.ts): how each scan ends, with a
 * stand-in port; the whole plan around it is tested in plan.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ErrorGrouper } from '../../src/aws-errors/group.js';
import {
  type LogScanInput,
  redactedErrorLine,
  scanFunctionLogs,
  TimeBudget,
} from '../../src/aws-errors/log-scan.js';
import type { ErrorsPort, LogPage } from '../../src/aws-errors/query-port.js';
import { logFixture } from './logs.js';

const node = logFixture('node-text');
const target = { name: 'checkout-api', metricErrors: 3 };

function portOf(pages: Array<LogPage | Error>): ErrorsPort & { tokens: Array<string | undefined> } {
  const tokens: Array<string | undefined> = [];
  return {
    tokens,
    async errorMetrics() {
      return { series: [] };
    },
    async logEvents(input) {
      tokens.push(input.nextToken);
      const page = pages.shift();
      if (!page) throw new Error('read past the last page');
      if (page instanceof Error) throw page;
      return page;
    },
  };
}

function input(overrides: Partial<LogScanInput> = {}): LogScanInput {
  return {
    logGroup: '/aws/lambda/checkout-api',
    start: 0,
    end: 3_600_000,
    maxLines: 10_000,
    redactOptions: { emails: true },
    budget: new TimeBudget(Number.POSITIVE_INFINITY, () => 0),
    retrying: (call) => call(),
    calls: { filterLogEvents: 0 },
    grouper: new ErrorGrouper(),
    ...overrides,
  };
}

const awsError = (name: string) => Object.assign(new Error(`${name} happened`), { name });

describe('scanFunctionLogs', () => {
  it('reads every page, empty ones with a nextToken included, and counts the error lines it grouped', async () => {
    const port = portOf([{ events: [], nextToken: 't1' }, { events: node }]);
    const grouper = new ErrorGrouper();
    const scan = await scanFunctionLogs(port, target, input({ grouper }));
    expect(port.tokens).toEqual([undefined, 't1']);
    expect(scan).toEqual({ kind: 'complete', lines: grouper.lineCount });
    expect(grouper.lineCount).toBeGreaterThan(0);
  });

  it('stops at the line cap and says so', async () => {
    const scan = await scanFunctionLogs(
      portOf([{ events: node, nextToken: 'more' }]),
      target,
      input({ maxLines: 1 }),
    );
    expect(scan).toEqual({ kind: 'capped' });
  });

  it('reports a missing log group and a failed read apart, naming the group', async () => {
    const missing = await scanFunctionLogs(portOf([awsError('ResourceNotFoundException')]), target, input());
    expect(missing).toEqual({ kind: 'missing-log-group', logGroup: '/aws/lambda/checkout-api' });
    const throttled = await scanFunctionLogs(portOf([awsError('ThrottlingException')]), target, input());
    expect(throttled).toEqual({ kind: 'failed', logGroup: '/aws/lambda/checkout-api', reason: 'throttled' });
    const denied = await scanFunctionLogs(portOf([awsError('AccessDeniedException')]), target, input());
    expect(denied).toMatchObject({
      kind: 'failed',
      reason: 'AccessDeniedException: AccessDeniedException happened',
    });
  });

  it('reads nothing once the budget is spent, and the budget stays spent', async () => {
    let now = 0;
    const budget = new TimeBudget(10, () => now);
    // The first read takes the clock to the deadline.
    const clockAdvancingTo10: LogScanInput['retrying'] = (call) => {
      now = 10;
      return call();
    };
    const port = portOf([{ events: [], nextToken: 't1' }, { events: [] }]);
    const pending = scanFunctionLogs(port, target, input({ budget, retrying: clockAdvancingTo10 }));
    expect(await pending).toEqual({ kind: 'budget-expired' });
    expect(port.tokens).toEqual([undefined]);
    now = 0;
    expect(budget.spent).toBe(true);
    expect(budget.expired()).toBe(true);
  });
});

describe('redactedErrorLine', () => {
  it('keeps no e-mail address in the error line, even one JSON-escaped in the raw line', () => {
    // The address is JSON-escaped in the raw line (`\u0040`): the decoded message spells it out.
    const payload = JSON.stringify({
      errorType: 'LoginError',
      errorMessage: 'login failed for jane.doe@example.com',
      stack: [],
    });
    const raw = `2025-11-18T10:30:00.000Z\t3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b\tERROR\tInvoke Error \t${payload.replace('@', '\\u0040')}`;
    const line = redactedErrorLine(raw, { emails: true });
    expect(line?.type).toBe('LoginError');
    expect(line?.message).toContain('login failed for');
    expect(line?.message).not.toContain('jane.doe@example.com');
  });

  it('is undefined for a line that is not an error', () => {
    expect(redactedErrorLine('START RequestId: abc Version: $LATEST', { emails: true })).toBeUndefined();
  });
});
