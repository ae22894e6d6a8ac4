import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { slackAlertRenderer, slackAlertRendererFor } from '../../src/delivery/alert-renderer.js';
import { processInput } from '../../src/pipeline.js';
import { ACTIONS_BLOCK_ID } from '../../src/slack/action-blocks.js';
import { renderMinimal } from '../../src/slack/render.js';
import { jsonFiles } from '../helpers/fixtures.js';

const now = new Date('2026-11-26T10:00:00Z');
const config = parseConfig(
  {
    slack: { defaultChannel: '#aws-alerts' },
    routes: [{ match: {}, channels: ['#payments', '#oncall'], mentions: ['@here', 'S0ONCALL'] }],
  },
  'test',
);
const outcomes = jsonFiles('samples', 'test/fixtures').flatMap(([path, event]) =>
  processInput(event, { config, now }).map((outcome) => [path, outcome] as const),
);
const alerts = outcomes.flatMap(([path, o]) => (o.alert ? [[path, o.alert] as const] : []));

describe('slackAlertRenderer', () => {
  it('renders every sample and fixture alert exactly as the pipeline rendered the routed ones', () => {
    const routed = outcomes.flatMap(([path, o]) =>
      o.alert ? o.deliveries.map((d) => [path, o.alert, d] as const) : [],
    );
    expect(routed.length).toBeGreaterThan(100);
    for (const [path, alert, { destination, message }] of routed) {
      if (!alert) continue;
      expect(slackAlertRenderer.message(alert, destination), path).toEqual(message);
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

  it('leaves the buttons off where config actions.enabled is false, as the pipeline does', () => {
    const quiet = parseConfig(
      { slack: { defaultChannel: '#aws-alerts' }, actions: { enabled: false } },
      'test',
    );
    const render = slackAlertRendererFor({ actions: quiet.actions.enabled });
    const routed = jsonFiles('samples').flatMap(([path, event]) =>
      processInput(event, { config: quiet, now }).flatMap((o) =>
        o.alert ? o.deliveries.map((d) => [path, o.alert, d] as const) : [],
      ),
    );
    const withButtons = alerts.filter(([, alert]) =>
      JSON.stringify(slackAlertRenderer.message(alert, { channel: '#x', mentions: [] })).includes(
        '"type":"actions"',
      ),
    );
    expect(withButtons.length).toBeGreaterThan(5);
    for (const [path, alert] of withButtons) {
      const message = render.message(alert, { channel: '#x', mentions: [] });
      expect(JSON.stringify(message), path).not.toContain(ACTIONS_BLOCK_ID);
    }
    for (const [path, alert, { destination, message }] of routed) {
      if (alert) expect(render.message(alert, destination), path).toEqual(message);
    }
  });
});
