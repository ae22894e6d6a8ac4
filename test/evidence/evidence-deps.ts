/**
 * The evidence worker's dependencies for tests (run.test.ts, log-step.test.ts): the real config
 * parser, the real log step and the stand-ins of test/helpers/evidence-standins.ts, at a fixed clock.
 */
import type { ErrorsPort } from '../../src/aws-errors/query-port.js';
import { parseConfig } from '../../src/core/config.js';
import { logStep } from '../../src/evidence/log-step.js';
import type { EvidenceDeps } from '../../src/evidence/run.js';
import {
  MemoryLedger,
  StandinEvidenceSlack,
  StandinGraphs,
  StandinLogs,
} from '../helpers/evidence-standins.js';

export const silent = { info() {}, warn() {}, error() {} };
export const NOW = Date.parse('2026-11-26T14:02:20Z');

export function deps(
  overrides: Partial<Omit<EvidenceDeps, 'config'>> & { config?: Record<string, unknown> } = {},
) {
  const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' }, ...overrides.config }, 'test');
  const graphs = (overrides.graphs as StandinGraphs | undefined) ?? new StandinGraphs();
  const slack = (overrides.slack as StandinEvidenceSlack | undefined) ?? new StandinEvidenceSlack();
  const ledger = (overrides.ledger as MemoryLedger | undefined) ?? new MemoryLedger();
  const d: EvidenceDeps = {
    config,
    graphs,
    slack,
    ledger,
    clock: () => NOW,
    log: silent,
    account: '210987654321',
    region: 'eu-west-1',
    ...(overrides.logStep ? { logStep: overrides.logStep } : {}),
  };
  return { d, graphs, slack, ledger, config };
}

/** An ErrorsPort over fixed lines, recording each log read. */
export function errorsPortFrom(lines: ReadonlyArray<{ timestamp: number; message: string }>): ErrorsPort & {
  reads: Array<{ logGroupName: string; start: number; end: number }>;
} {
  const reads: Array<{ logGroupName: string; start: number; end: number }> = [];
  return {
    reads,
    async errorMetrics() {
      return { series: [] };
    },
    async logEvents(input) {
      reads.push({ logGroupName: input.logGroupName, start: input.start, end: input.end });
      return { events: lines.filter((l) => l.timestamp >= input.start && l.timestamp <= input.end) };
    },
  };
}

/**
 * {@link deps} with the real log step over stand-ins: `logs` for metric filters and their
 * lines, `errors` for the /aws-errors engine (no lines by default).
 */
export function depsWithLogStep(parts: { logs?: StandinLogs; errors?: ErrorsPort } = {}) {
  const base = deps();
  const errors = parts.errors ?? errorsPortFrom([]);
  const step = logStep({
    config: base.config,
    logs: parts.logs ?? new StandinLogs(),
    errors: () => errors,
    clock: () => NOW,
    log: silent,
  });
  return { ...base, d: { ...base.d, logStep: step } };
}
