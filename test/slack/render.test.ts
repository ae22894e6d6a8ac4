import { describe, expect, it } from 'vitest';
import { Colors } from '../../src/slack/colors.js';
import type { SectionBlock } from '../../src/slack/message.js';
import { formatMention, renderAlert, renderJson, renderMinimal } from '../../src/slack/render.js';
import { messageProblems } from '../../src/slack/validate.js';
import { sampleAlert } from '../helpers/alerts.js';

describe('renderAlert', () => {
  it('puts the header and summary on top and the facts in a colour-barred attachment', () => {
    const message = renderAlert(sampleAlert(), { channel: '#ops' });
    expect(message.channel).toBe('#ops');
    expect(message.text).toBe('🔴 ALARM checkout-api-errors · prod (210987654321) · eu-west-1');
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '🔴 ALARM: checkout-api-errors', emoji: true },
    });
    expect(message.blocks[1]).toMatchObject({
      type: 'section',
      text: { text: 'Checkout API returns errors to customers.' },
    });
    const attachment = message.attachments?.[0];
    expect(attachment?.color).toBe(Colors.red);
    const fields = (attachment?.blocks[0] as SectionBlock | undefined)?.fields?.map((f) => f.text);
    expect(fields).toEqual(['*State*\nOK → ALARM', '*Metric*\nAWS/Lambda Errors']);
    // Links, then cloudbell's own buttons (Acknowledge, Snooze) in their own block.
    expect(attachment?.blocks.map((b) => b.type)).toEqual(['section', 'context', 'actions', 'actions']);
    expect(attachment?.blocks[3]?.block_id).toBe('cloudbell-actions');
    expect(messageProblems(message)).toEqual([]);
  });

  it('leaves the action buttons off when actions.enabled is false', () => {
    const message = renderAlert(sampleAlert(), { channel: '#ops', actions: false });
    expect(message.attachments?.[0]?.blocks.map((b) => b.type)).toEqual(['section', 'context', 'actions']);
  });

  it('colours by state first, then by severity', () => {
    expect(renderAlert(sampleAlert({ state: 'OK' }), { channel: 'c' }).attachments?.[0]?.color).toBe(
      Colors.green,
    );
    expect(
      renderAlert(sampleAlert({ state: 'INSUFFICIENT_DATA' }), { channel: 'c' }).attachments?.[0]?.color,
    ).toBe(Colors.grey);
    const { state: _omit, ...noState } = sampleAlert();
    expect(renderAlert({ ...noState, severity: 'medium' }, { channel: 'c' }).attachments?.[0]?.color).toBe(
      Colors.yellow,
    );
    expect(renderAlert({ ...noState, severity: 'critical' }, { channel: 'c' }).attachments?.[0]?.color).toBe(
      Colors.red,
    );
  });

  it('adds configured mentions to the notification text and a section, formatted for Slack', () => {
    const message = renderAlert(sampleAlert(), {
      channel: '#ops',
      mentions: ['U0123ABC', 'S0ONCALL', '@here'],
    });
    expect(message.text.startsWith('<@U0123ABC> <!subteam^S0ONCALL> <!here> 🔴')).toBe(true);
    expect(message.blocks[1]).toMatchObject({ text: { text: '<@U0123ABC> <!subteam^S0ONCALL> <!here>' } });
  });

  it('escapes every untrusted string, including title, facts, context and button text', () => {
    const evil = '<!channel> <@U999> <https://evil.example|click>';
    const message = renderAlert(
      sampleAlert({
        title: evil,
        summary: evil,
        facts: [{ label: evil, value: evil }],
        context: [evil],
        links: [{ text: evil, url: 'https://example.com/' }],
        fallback: evil,
      }),
      { channel: '#ops' },
    );
    const json = JSON.stringify(message);
    expect(json).not.toMatch(/<!channel>|<@U999>|<https:\/\/evil/);
    expect(json).toContain('&lt;!channel&gt;');
  });

  it('drops links that are not https or would not fit instead of cutting them', () => {
    const message = renderAlert(
      sampleAlert({
        links: [
          { text: 'js', url: 'javascript:alert(1)' },
          { text: 'long', url: `https://example.com/${'a'.repeat(3100)}` },
          { text: 'ok', url: 'https://example.com/ok' },
        ],
      }),
      { channel: 'c' },
    );
    const actions = message.attachments?.[0]?.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({ elements: [{ text: { text: 'ok' }, url: 'https://example.com/ok' }] });
  });

  it('keeps at most ten facts and skips empty ones', () => {
    const facts = Array.from({ length: 14 }, (_, i) => ({ label: `F${i}`, value: i === 0 ? ' ' : `v${i}` }));
    const message = renderAlert(sampleAlert({ facts }), { channel: 'c' });
    const fields = (message.attachments?.[0]?.blocks[0] as SectionBlock | undefined)?.fields ?? [];
    expect(fields).toHaveLength(10);
    expect(fields[0]?.text).toBe('*F1*\nv1');
  });

  it('stays within Slack limits with huge strings everywhere', () => {
    const huge = 'x<&>'.repeat(10_000);
    const message = renderAlert(
      sampleAlert({
        title: huge,
        summary: huge,
        facts: Array.from({ length: 20 }, () => ({ label: huge, value: huge })),
        context: Array.from({ length: 20 }, () => huge),
        detail: { huge, nested: [huge, huge] },
        links: Array.from({ length: 30 }, () => ({ text: huge, url: 'https://example.com/' })),
        fallback: huge,
      }),
      { channel: 'c', mentions: Array.from({ length: 200 }, () => 'U0123ABC') },
    );
    expect(messageProblems(message)).toEqual([]);
  });

  it('passes Korean and emoji text through intact', () => {
    const message = renderAlert(sampleAlert({ title: 'ALARM: 결제-API-오류 🚨' }), { channel: 'c' });
    expect(message.blocks[0]).toMatchObject({ text: { text: '🔴 ALARM: 결제-API-오류 🚨' } });
  });
});

describe('renderJson', () => {
  it('compacts JSON into a code block', () => {
    expect(renderJson({ a: 1, b: ['x'] }, 1000)).toBe('```{"a":1,"b":["x"]}```');
  });

  it('truncates long JSON with a note of the original size', () => {
    const out = renderJson({ big: 'y'.repeat(5000) }, 500);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out).toMatch(/_\([\d,]+ of 5,010 characters shown\)_$/);
  });

  it('cannot be closed early by backticks in the data', () => {
    const out = renderJson({ s: '```<!channel>```' }, 1000);
    expect(out.slice(3, -3)).not.toContain('```');
    expect(out).toContain('&lt;!channel&gt;');
  });
});

describe('renderMinimal', () => {
  it('is the fallback line alone, with no blocks', () => {
    const message = renderMinimal(sampleAlert(), { channel: '#ops' });
    expect(message).toMatchObject({
      channel: '#ops',
      blocks: [],
      text: expect.stringContaining('checkout-api-errors'),
    });
    expect(message.attachments).toBeUndefined();
  });
});

describe('formatMention', () => {
  it('formats users, user groups and broadcasts', () => {
    expect(formatMention('U1ABC')).toBe('<@U1ABC>');
    expect(formatMention('W1ABC')).toBe('<@W1ABC>');
    expect(formatMention('S1ABC')).toBe('<!subteam^S1ABC>');
    expect(formatMention('@here')).toBe('<!here>');
    expect(formatMention('@channel')).toBe('<!channel>');
  });
});
