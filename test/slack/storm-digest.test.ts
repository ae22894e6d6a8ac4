import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.js';
import {
  DIGEST_LINES_PER_MESSAGE,
  digestSummary,
  minimalDigest,
  renderDigest,
} from '../../src/slack/storm-digest.js';
import { messageProblems } from '../../src/slack/validate.js';

function alert(i: number, overrides: Partial<Alert> = {}): Alert {
  return {
    family: 'alarm',
    severity: 'high',
    state: 'ALARM',
    emoji: '🔴',
    title: `ALARM: svc-${i}`,
    facts: [],
    context: [],
    links: [],
    region: 'eu-west-1',
    fallback: `ALARM svc-${i}-errors · prod (210987654321) · eu-west-1`,
    dedupeKey: `alarm:${i}`,
    route: { alarmName: `svc-${i}-errors` },
    ...overrides,
  };
}

const base = { channel: '#aws-alerts', mentions: [], hardCap: 100, threshold: 5, windowSeconds: 60 };

describe('renderDigest', () => {
  it('says alerts in a digest get no graphs or log lines, only while evidence is switched on', () => {
    const alerts = Array.from({ length: 6 }, (_, i) => alert(i));
    const footer = (evidenceSkipped: boolean) =>
      JSON.stringify(renderDigest({ ...base, alerts, evidenceSkipped })[0]?.message.blocks.at(-1));
    expect(footer(true)).toContain('No graphs or log lines are drawn for alerts in a digest.');
    expect(footer(false)).not.toContain('graphs');
  });

  it('counts by family, severity and state and names every alert', () => {
    const alerts = [
      ...Array.from({ length: 7 }, (_, i) => alert(i)),
      alert(7, { family: 'dlq', severity: 'critical', fallback: 'orders-dlq: 37 messages waiting' }),
      alert(8, {
        family: 'security',
        severity: 'medium',
        state: undefined,
        fallback: 'MEDIUM CreateAccessKey by alice',
      }),
    ];
    const [part, ...more] = renderDigest({ ...base, alerts });
    expect(more).toHaveLength(0);
    const json = JSON.stringify(part?.message.blocks);
    expect(json).toContain('9 alerts at once');
    expect(digestSummary(alerts)).toBe(
      '9 alerts: 7 alarm · 1 dlq · 1 security; 1 critical · 7 high · 1 medium; 8 ALARM',
    );
    for (const a of alerts) expect(json).toContain(a.fallback.replace(/"/g, '\\"'));
    expect(part?.message.text).toContain('9 alerts');
    expect(part?.named).toHaveLength(9);
  });

  it(`splits a long list into messages of at most ${DIGEST_LINES_PER_MESSAGE} lines, each within Slack's limits`, () => {
    const alerts = Array.from({ length: 120 }, (_, i) =>
      alert(i, { fallback: `<!channel> & <@U123> ALARM ${'very-long-alarm-name-'.repeat(20)}${i}` }),
    );
    const parts = renderDigest({ ...base, hardCap: 120, alerts });
    expect(parts.map((p) => p.named.length)).toEqual([50, 50, 20]);
    expect(parts.map((p) => p.message.text.endsWith(`(${parts.indexOf(p) + 1}/3)`))).toEqual([
      true,
      true,
      true,
    ]);
    for (const p of parts) {
      expect(messageProblems(p.message)).toEqual([]);
      const json = JSON.stringify(p.message.blocks);
      expect(json).not.toContain('<!channel>');
      expect(json).toContain('&lt;!channel&gt;');
    }
  });

  it('counts the alerts past the hard cap and says where to see them', () => {
    const alerts = Array.from({ length: 45 }, (_, i) => alert(i));
    const parts = renderDigest({ ...base, hardCap: 40, alerts });
    expect(parts).toHaveLength(1);
    const json = JSON.stringify(parts[0]?.message.blocks);
    expect(json).toContain('45 alerts at once');
    expect(json).toContain('*5 more*');
    expect(json).not.toContain('svc-44-errors');
    expect(json).toContain(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:',
    );
    expect(json).toContain("notify function's log");
  });

  it('puts configured mentions on the first part only', () => {
    const alerts = Array.from({ length: 60 }, (_, i) => alert(i));
    const parts = renderDigest({ ...base, mentions: ['S0ONCALL', '@here'], alerts });
    expect(parts[0]?.message.text.startsWith('<!subteam^S0ONCALL> <!here>')).toBe(true);
    expect(parts[1]?.message.text).not.toContain('subteam');
  });

  it('has a plain-text form listing the same alerts', () => {
    const [part] = renderDigest({ ...base, alerts: [alert(1), alert(2)] });
    const minimal = part ? minimalDigest(part) : undefined;
    expect(minimal?.blocks).toEqual([]);
    expect(minimal?.text).toContain('svc-1-errors');
    expect(minimal?.text).toContain('svc-2-errors');
  });
});
