import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { processInput } from '../../src/pipeline.js';
import { alertMessage, minimalMessage } from '../../src/slack/alert-message.js';
import { renderAlert, renderFallback, renderMinimal } from '../../src/slack/render.js';
import { messageProblems } from '../../src/slack/validate.js';
import { sampleAlert } from '../helpers/alerts.js';
import { jsonFiles } from '../helpers/fixtures.js';

const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'test');
const alerts = jsonFiles('samples', 'test/fixtures').flatMap(([path, event]) =>
  processInput(event, { config, now: new Date('2026-11-26T10:00:00Z') }).flatMap((o) =>
    o.alert ? [[path, o.alert] as const] : [],
  ),
);
const destinations = [
  { channel: '#payments', mentions: [] },
  { channel: '#oncall', mentions: ['@here', 'S0ONCALL'] },
];

/** A link URL with a lone surrogate: the renderer passes URLs as they are, Slack would refuse it. */
const overLimits = sampleAlert({ links: [{ text: 'Open', url: 'https://example.com/\uD800' }] });

describe('alertMessage', () => {
  it('gives the rich message for every sample and fixture alert, which all fit Slack', () => {
    expect(alerts.length).toBeGreaterThan(50);
    for (const destination of destinations) {
      for (const [path, alert] of alerts) {
        const message = alertMessage(alert, destination);
        expect(messageProblems(message), path).toEqual([]);
        expect(message, path).toEqual(renderAlert(alert, { ...destination, actions: true }));
        expect(message.blocks.length, path).toBeGreaterThan(0);
      }
    }
  });

  it('renders the buttons unless told not to', () => {
    const destination = { channel: '#ops', mentions: [] };
    expect(alertMessage(sampleAlert(), destination)).toEqual(renderAlert(sampleAlert(), { channel: '#ops' }));
    expect(alertMessage(sampleAlert(), destination, { actions: false })).toEqual(
      renderAlert(sampleAlert(), { channel: '#ops', actions: false }),
    );
    expect(alertMessage(sampleAlert(), destination, { actions: false })).not.toEqual(
      alertMessage(sampleAlert(), destination),
    );
  });

  it('gives the minimal message, with the mentions, when the rich one breaks a limit', () => {
    const destination = { channel: '#oncall', mentions: ['@here'] };
    expect(messageProblems(renderAlert(overLimits, destination))).toContain('text: a lone UTF-16 surrogate');
    const message = alertMessage(overLimits, destination);
    expect(message).toEqual(renderMinimal(overLimits, destination));
    expect(message.blocks).toEqual([]);
    expect(message.attachments).toBeUndefined();
    expect(message.text).toBe(`<!here> ${overLimits.emoji} ${overLimits.fallback}`);
  });

  it('always carries the plain text fallback with the destination and its mentions', () => {
    for (const destination of destinations) {
      for (const alert of [...alerts.map(([, a]) => a), overLimits]) {
        const message = alertMessage(alert, destination);
        expect(message.channel).toBe(destination.channel);
        expect(message.text).toBe(renderFallback(alert, destination.mentions));
        expect(message.text.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('minimalMessage', () => {
  it('gives the minimal form with the destination and its mentions', () => {
    const [, alert] = alerts[0] ?? [];
    if (!alert) throw new Error('no alerts');
    const destination = { channel: '#oncall', mentions: ['@here'] };
    const minimal = minimalMessage(alert, destination);
    expect(minimal).toEqual(renderMinimal(alert, destination));
    expect(minimal.blocks).toEqual([]);
    expect(minimal.text).toContain('<!here>');
  });
});
