import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { createEvidenceHandler, defaultEvidenceDeps } from '../../src/handlers/evidence.js';
import { fixtureJson } from '../helpers/alarm-change.js';
import { lambdaContext } from '../helpers/alarm-events.js';
import {
  jobFor,
  MemoryLedger,
  StandinEvidenceSlack,
  StandinGraphs,
  StandinLogs,
} from '../helpers/evidence-standins.js';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

function handler(slack = new StandinEvidenceSlack()) {
  const metrics = new Metrics({ namespace: 'cloudbell', serviceName: 'evidence' });
  const h = createEvidenceHandler({
    config: () => parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'test'),
    region: 'us-east-1',
    graphs: new StandinGraphs(),
    logs: new StandinLogs(),
    errors: () => ({
      errorMetrics: async () => ({ series: [] }),
      logEvents: async () => ({ events: [] }),
    }),
    slack: async () => slack,
    ledger: () => new MemoryLedger(),
    clock: () => Date.parse('2026-11-26T14:02:20Z'),
    logger: new Logger({ serviceName: 'cloudbell-evidence', logLevel: 'SILENT' }),
    metrics,
  });
  return { h, slack, metrics };
}

describe('evidence handler', () => {
  it('runs a job from notify: the graph and the function errors land in the thread', async () => {
    const { h, slack, metrics } = handler();
    const addMetric = vi.spyOn(metrics, 'addMetric');
    const stats = await h(jobFor(fixtureJson('alarms/metric-alarm.json')), lambdaContext(Date.now));
    expect(stats).toMatchObject({ graphsPosted: 1, logRepliesPosted: 1 });
    expect(slack.uploads).toHaveLength(1);
    expect(slack.replies[0]?.text).toContain('checkout-api');
    expect(addMetric).toHaveBeenCalledWith('EvidenceGraphsPosted', 'Count', 1);
    expect(addMetric).toHaveBeenCalledWith('EvidenceLatency', 'Milliseconds', 134_000);
  });

  it('refuses a forged or malformed job without throwing (a retry would only refuse it again)', async () => {
    const { h, slack } = handler();
    for (const bad of [
      {},
      { ...jobFor({}), channelId: 'not-a-channel' },
      { ...jobFor({}), threadTs: '<!channel>' },
    ]) {
      expect(await h(bad, lambdaContext(Date.now))).toBeUndefined();
    }
    expect(slack.uploads).toEqual([]);
  });
});

describe('evidence handler: deployed wiring', () => {
  const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'test');

  it('keeps one ledger per execution environment, in its deps (no module-level cache)', () => {
    const env = { CLOUDBELL_TABLE: 'cloudbell-state', AWS_REGION: 'eu-west-1' };
    const deps = defaultEvidenceDeps(env);
    expect(deps.ledger(config)).toBe(deps.ledger(config));
    expect(defaultEvidenceDeps(env).ledger(config)).not.toBe(deps.ledger(config));
    expect(deps.region).toBe('eu-west-1');
  });

  it('names the missing table when CLOUDBELL_TABLE is not set', () => {
    expect(() => defaultEvidenceDeps({}).ledger(config)).toThrow(ConfigError);
    expect(() => defaultEvidenceDeps({}).ledger(config)).toThrow(/CLOUDBELL_TABLE is not set/);
  });
});
