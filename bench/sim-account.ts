/**
 * A simulated AWS account for the /aws-errors query benchmark: N Lambda functions, a few of
 * them failing, behind the `ErrorsPort` interface with a fixed latency per API call. Failing
 * functions' log groups answer in two pages (an empty one with a nextToken first, as
 * FilterLogEvents does); healthy ones answer one empty page.
 */
import type { ErrorsPort, LogEvent } from '../src/aws-errors/query-port.js';

export interface SimAccount {
  readonly port: ErrorsPort;
  readonly functionNames: readonly string[];
  readonly calls: { getMetricData: number; filterLogEvents: number };
}

const REQ = '3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b';

function errorLines(name: string, end: number, count: number): LogEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    timestamp: end - (i + 1) * 30_000,
    message:
      i % 3 === 0
        ? `2025-11-18T10:00:00.000Z ${REQ} Task timed out after 6.0${i % 10} seconds`
        : `2025-11-18T10:00:00.000Z\t${REQ}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: 'TypeError', errorMessage: `Cannot read properties of undefined (reading 'id') in ${name} order ${1000 + i}`, stack: [] })}`,
  }));
}

export function simAccount(options: {
  functions: number;
  failing: number;
  latencyMs: number;
  end: number;
}): SimAccount {
  const functionNames = Array.from(
    { length: options.functions },
    (_, i) => `svc-${String(i).padStart(3, '0')}`,
  );
  // Spread the failing ones through the account, not the first few.
  const step = Math.floor(options.functions / options.failing);
  const failing = new Map(
    functionNames
      .filter((_, i) => i % step === 0)
      .slice(0, options.failing)
      .map((n, i) => [n, 5 + i * 7]),
  );
  const calls = { getMetricData: 0, filterLogEvents: 0 };
  const wait = () => new Promise((r) => setTimeout(r, options.latencyMs));

  const port: ErrorsPort = {
    async errorMetrics() {
      calls.getMetricData += 1;
      await wait();
      return { series: functionNames.map((n) => ({ functionName: n, values: [failing.get(n) ?? 0] })) };
    },
    async logEvents(input) {
      calls.filterLogEvents += 1;
      await wait();
      const name = input.logGroupName.slice('/aws/lambda/'.length);
      const count = failing.get(name);
      if (count === undefined) return { events: [] };
      if (!input.nextToken) return { events: [], nextToken: `${name}-p2` };
      return { events: errorLines(name, options.end, count) };
    },
  };
  return { port, functionNames, calls };
}
