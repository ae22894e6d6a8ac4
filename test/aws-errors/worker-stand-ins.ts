/** Stand-ins for the worker's /aws-errors jobs: a recording Logger, an ErrorsPort over fixed answers, a job. */
import { Logger } from '@aws-lambda-powertools/logger';
import { vi } from 'vitest';
import type { ErrorsJob } from '../../src/aws-errors/errors-job.js';
import type { ErrorsPort, LogEvent } from '../../src/aws-errors/query-port.js';
import { parseConfig } from '../../src/core/config.js';

export const RESPONSE_PATH = '/commands/T0123ABCD/1234567890123/AbCdEfGhIjKlMnOpQrStUvWx';
const REQ = '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b';

/** A silent Powertools Logger whose calls are recorded as [level, message, fields]. */
export function recordingLogger() {
  const logger = new Logger({ serviceName: 'cloudbell-errors-worker', logLevel: 'SILENT' });
  const spies = {
    info: vi.spyOn(logger, 'info'),
    warn: vi.spyOn(logger, 'warn'),
    error: vi.spyOn(logger, 'error'),
  };
  const lines = () =>
    Object.entries(spies).flatMap(([level, spy]) => spy.mock.calls.map((call) => [level, ...call]));
  return { logger, lines };
}

/** What the port saw and answers: `errors` failures of checkout-api with one log line, or a failure. */
export function portWith(answer: { errors: number } | Error) {
  const reads: string[] = [];
  const port: ErrorsPort = {
    async errorMetrics() {
      reads.push('metrics');
      if (answer instanceof Error) throw answer;
      return {
        series: answer.errors > 0 ? [{ functionName: 'checkout-api', values: [answer.errors] }] : [],
      };
    },
    async logEvents(input) {
      reads.push(`logs ${input.logGroupName}`);
      const events: LogEvent[] = [
        {
          timestamp: Date.now() - 60_000,
          message: `2025-11-18T10:01:33.456Z\t${REQ}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: 'TypeError', errorMessage: 'boom', stack: [] })}`,
        },
      ];
      return { events };
    },
  };
  return { port, reads };
}

export function job(overrides: Partial<ErrorsJob['query']> = {}, at = new Date()): ErrorsJob {
  return {
    kind: 'command',
    query: { target: { kind: 'all' }, sinceSeconds: 3600, region: 'eu-west-1', public: false, ...overrides },
    responseUrl: `https://hooks.slack.com${RESPONSE_PATH}`,
    requester: { teamId: 'T0123ABCD', channelId: 'C0OPS1234', userId: 'U0ALICE12' },
    requestedAt: at.toISOString(),
  };
}

export function workerConfig(errors: Record<string, unknown> = {}) {
  return parseConfig(
    {
      slack: { defaultChannel: '#aws-alerts' },
      access: { teams: ['T0123ABCD'] },
      errors: { budgetSeconds: 5, ...errors },
    },
    'test',
  );
}
