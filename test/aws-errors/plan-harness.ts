/**
 * The stand-ins shared by the query plan's tests (metric-targets.test.ts, log-scan.test.ts):
 * the real SDK adapters with aws-sdk-client-mock standing in for AWS, so the assertions are on
 * the calls made and their parameters.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
  ThrottlingException,
} from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach } from 'vitest';
import { awsErrorsPort } from '../../src/aws/errors-port.js';
import type { PlanOptions } from '../../src/aws-errors/plan.js';

export const cw = mockClient(CloudWatchClient);
export const logs = mockClient(CloudWatchLogsClient);
export const lambda = mockClient(LambdaClient);

export const END = Date.parse('2025-11-18T11:00:00Z');
const REQ = '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b';

export function nodeError(type: string, message: string): string {
  return `2025-11-18T10:30:00.000Z\t${REQ}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: type, errorMessage: message, stack: [] })}`;
}

export function series(name: string, ...values: number[]) {
  return {
    Id: 'errors',
    Label: name,
    Values: values,
    Timestamps: values.map(() => new Date(END)),
    StatusCode: 'Complete' as const,
  };
}

export function options(overrides: Partial<PlanOptions> = {}): PlanOptions {
  return {
    query: { target: { kind: 'all' }, sinceSeconds: 3600 },
    region: 'eu-west-1',
    budgetMs: 20_000,
    redactEmails: true,
    end: END,
    sleep: async () => {},
    ...overrides,
  };
}

export const port = () => awsErrorsPort({ region: 'eu-west-1' });
export const throttle = () =>
  new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
export const filterCalls = () =>
  logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input as FilterLogEventsCommandInput);

/** Registers the per-test reset (every log group empty unless a test says otherwise) and the final restore. */
export function mockAwsPerTest(): void {
  beforeEach(() => {
    cw.reset();
    logs.reset();
    lambda.reset();
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
  });

  afterAll(() => {
    cw.restore();
    logs.restore();
    lambda.restore();
  });
}
