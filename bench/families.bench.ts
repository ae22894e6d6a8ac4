/**
 * Classification and rendering cost of the finding families: a Security Hub event carrying
 * 100 findings (split, one message each) and a single GuardDuty finding, against a CloudWatch
 * alarm state change measured in the same run as the baseline.
 */
import { readFileSync } from 'node:fs';
import { parseConfig } from '../src/core/config.js';
import { processInput } from '../src/pipeline.js';

export const name = 'finding families';

const load = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function perInputMs(input: unknown, runs: number): number {
  const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'bench');
  const now = new Date();
  for (let i = 0; i < Math.min(runs, 50); i++) processInput(input, { config, now });
  const start = performance.now();
  for (let i = 0; i < runs; i++) processInput(input, { config, now });
  return (performance.now() - start) / runs;
}

export async function run(): Promise<Record<string, number>> {
  const alarm = load('samples/alarms/metric-alarm.json');
  const guardduty = load('samples/guardduty/recon-iam-user-permissions.json');
  const hub = load('samples/securityhub/cis-root-mfa-critical.json');
  const [finding] = (hub.detail as { findings: Array<Record<string, unknown>> }).findings;
  const batch = {
    ...hub,
    detail: {
      findings: Array.from({ length: 100 }, (_, i) => ({ ...finding, Id: `${String(finding?.Id)}-${i}` })),
    },
  };
  const baseline = perInputMs(alarm, 2000);
  const gd = perInputMs(guardduty, 2000);
  const sh = perInputMs(batch, 100);
  return {
    families_alarm_baseline_ms: baseline,
    families_guardduty_finding_ms: gd,
    families_guardduty_vs_alarm_ratio: gd / baseline,
    families_securityhub_100_findings_ms: sh,
    families_securityhub_per_finding_vs_alarm_ratio: sh / 100 / baseline,
  };
}
