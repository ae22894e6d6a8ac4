import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { slackAlertRenderer } from '../../src/delivery/alert-renderer.js';
import { messageFor, processInput } from '../../src/pipeline.js';
import { renderMinimal } from '../../src/slack/render.js';
import { jsonFiles } from '../helpers/fixtures.js';

const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'test');
const alerts = jsonFiles('samples', 'test/fixtures').flatMap(([path, event]) =>
  processInput(event, { config, now: new Date('2026-11-26T10:00:00Z') }).flatMap((o) =>
    o.alert ? [[path, o.alert] as const] : [],
  ),
);

describe('slackAlertRenderer', () => {
  it('renders every sample and fixture alert exactly as the pipeline renders the routed ones', () => {
    expect(alerts.length).toBeGreaterThan(50);
    for (const destination of [
      { channel: '#payments', mentions: [] },
      { channel: '#oncall', mentions: ['@here', 'S0ONCALL'] },
    ]) {
      for (const [path, alert] of alerts)
        expect(slackAlertRenderer.message(alert, destination), path).toEqual(messageFor(alert, destination));
    }
  });

  it('gives the minimal form with the destination and its mentions', () => {
    const [, alert] = alerts[0] ?? [];
    if (!alert) throw new Error('no alerts');
    const destination = { channel: '#oncall', mentions: ['@here'] };
    const minimal = slackAlertRenderer.minimal(alert, destination);
    expect(minimal).toEqual(renderMinimal(alert, destination));
    expect(minimal.blocks).toEqual([]);
    expect(minimal.text).toContain('<!here>');
  });
});
