import { describe, expect, it } from 'vitest';
import { classifyLogLine } from '../../src/aws-errors/classify.js';
import { logFixture } from './logs.js';

const node = logFixture('node-text');
const python = logFixture('python-text');
const json = logFixture('json-format');

function classify(events: { message: string }[], index: number) {
  return classifyLogLine(events[index]?.message ?? '');
}

describe('classifyLogLine — Node.js text format', () => {
  it('reads the error type and message of an Invoke Error', () => {
    expect(classify(node, 0)).toEqual({
      type: 'TypeError',
      message: "Cannot read properties of undefined (reading 'id')",
      requestId: '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b',
    });
  });

  it('reads SDK exceptions thrown from the handler', () => {
    expect(classify(node, 2)).toMatchObject({
      type: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
    });
  });

  it('recognises timeouts, which carry no ERROR token', () => {
    expect(classify(node, 3)).toEqual({
      type: 'Task timed out',
      message: 'Task timed out after 3.00 seconds',
      requestId: '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b',
    });
  });

  it('recognises a runtime killed for memory, and skips the REPORT line of the same invocation', () => {
    expect(classify(node, 5)).toMatchObject({
      type: 'Runtime.ExitError',
      message: 'Runtime exited with error: signal: killed',
    });
    expect(classify(node, 6)).toBeUndefined();
  });

  it('recognises an import failure at init, keeping only the first line of the message', () => {
    expect(classify(node, 7)).toEqual({
      type: 'Runtime.ImportModuleError',
      message: "Error: Cannot find module 'aws-sdk'",
    });
  });

  it('types a console.error line by the error class it names', () => {
    expect(classify(node, 8)).toMatchObject({
      type: 'Logged error',
      message: expect.stringContaining('failed to charge order 48213'),
    });
  });

  it('reads unhandled promise rejections', () => {
    expect(classify(node, 10)).toMatchObject({
      type: 'Runtime.UnhandledPromiseRejection',
      message: 'Error: upstream returned 503',
    });
  });
});

describe('classifyLogLine — Python text format', () => {
  it('reads an unhandled exception with its traceback', () => {
    expect(classify(python, 0)).toEqual({ type: 'KeyError', message: "'user_id'" });
  });

  it('reads logging.error lines with their request id', () => {
    expect(classify(python, 2)).toEqual({
      type: 'Logged error',
      message: 'Payment 8812 failed: card declined (code 51)',
      requestId: '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b',
    });
  });

  it('reads Runtime.ImportModuleError at init', () => {
    expect(classify(python, 4)).toEqual({
      type: 'Runtime.ImportModuleError',
      message: "Unable to import module 'app': No module named 'requests'",
    });
  });

  it('types logging.exception by the exception at the end of the traceback', () => {
    expect(classify(python, 5)).toMatchObject({
      type: 'requests.exceptions.HTTPError',
      message: 'could not refresh token for https://api.example.com',
    });
  });

  it('reads a bare traceback printed to stdout', () => {
    expect(classify(python, 6)).toEqual({
      type: 'ValueError',
      message: "invalid literal for int() with base 10: 'abc'",
    });
  });
});

describe('classifyLogLine — JSON log format', () => {
  it('reads Node errors nested in message', () => {
    expect(classify(json, 0)).toMatchObject({ type: 'TypeError', message: 'fetch failed' });
  });

  it('reads plain ERROR-level messages', () => {
    expect(classify(json, 1)).toMatchObject({
      type: 'Logged error',
      message: 'order 7781 rejected by inventory service',
    });
  });

  it("reads Python's log_level records", () => {
    expect(classify(json, 2)).toMatchObject({
      type: 'TypeError',
      message: "'NoneType' object is not subscriptable",
    });
  });

  it('reads a timeout from the platform.report record', () => {
    expect(classify(json, 3)).toMatchObject({
      type: 'Task timed out',
      requestId: '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b',
    });
  });
});

describe('classifyLogLine — lines the filter pattern matches but that are not errors', () => {
  it.each(logFixture('noise').map((e) => [e.message.slice(0, 60), e.message]))(
    'ignores %s',
    (_label, message) => {
      expect(classifyLogLine(message)).toBeUndefined();
    },
  );
});

describe('classifyLogLine — other runtimes', () => {
  const other = logFixture('other-runtimes');

  it("reads the Java runtime's unhandled-exception object", () => {
    expect(classify(other, 0)).toEqual({
      type: 'java.lang.ArrayIndexOutOfBoundsException',
      message: 'Index 3 out of bounds for length 3',
    });
  });

  it('reads a log4j-style ERROR line', () => {
    expect(classify(other, 1)).toEqual({
      type: 'Logged error',
      message: 'OrderHandler - payment gateway returned 502',
    });
  });

  it('reads a logfmt level=ERROR line', () => {
    expect(classify(other, 2)).toMatchObject({
      type: 'Logged error',
      message: expect.stringContaining('db query failed'),
    });
  });

  it('ignores an INFO line that mentions ERROR later on', () => {
    expect(classify(other, 3)).toBeUndefined();
  });
});
