import { describe, expect, it } from 'vitest';
import type { ThreadRecord } from '../../src/delivery/store.js';
import { Colors } from '../../src/slack/colors.js';
import { parentUpdate, statusLine } from '../../src/slack/parent-status.js';

const record: ThreadRecord = {
  threadKey: 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors',
  channel: '#aws-alerts',
  channelId: 'CAWSALERTS',
  ts: '1764151320.000100',
  state: 'ALARM',
  since: '2026-11-26T14:02:00.000Z',
  openedAt: '2026-11-26T14:02:00.000Z',
  kind: 'alert',
  parent: {
    channel: '#aws-alerts',
    text: '🔴 ALARM checkout-api-errors',
    blocks: [{ type: 'header', text: { type: 'plain_text', text: '🔴 ALARM: checkout-api-errors' } }],
    attachments: [{ color: Colors.red, blocks: [] }],
  },
};

describe('parentUpdate', () => {
  it('shows the current state under the header, how long it lasted, and the state colour', () => {
    const update = parentUpdate(record, 'OK', '2026-11-26T15:14:00.000Z');
    expect(update).toMatchObject({ channel: 'CAWSALERTS', ts: '1764151320.000100' });
    expect(update?.text).toBe('✅ now OK · 🔴 ALARM checkout-api-errors');
    expect(update?.blocks[0]?.type).toBe('header');
    expect(JSON.stringify(update?.blocks[1])).toContain(
      '✅ *OK* since 15:14 UTC · was not OK for 1 h 12 min (from 14:02 UTC)',
    );
    expect(update?.attachments?.[0]?.color).toBe(Colors.green);
  });

  it('replaces its own earlier status line instead of stacking them', () => {
    const first = parentUpdate(record, 'INSUFFICIENT_DATA', '2026-11-26T14:30:00.000Z');
    const parent = { channel: '#aws-alerts', text: first?.text ?? '', blocks: first?.blocks ?? [] };
    const second = parentUpdate(
      { ...record, parent, state: 'INSUFFICIENT_DATA' },
      'OK',
      '2026-11-26T14:40:00.000Z',
    );
    const statuses = (second?.blocks ?? []).filter((b) => b.block_id === 'cloudbell-state');
    expect(statuses).toHaveLength(1);
    expect(JSON.stringify(statuses[0])).toContain('*OK* since 14:40 UTC');
  });

  it('leaves a digest parent alone', () => {
    expect(parentUpdate({ ...record, kind: 'digest' }, 'OK', '2026-11-26T15:14:00.000Z')).toBeUndefined();
  });

  it('words a return to ALARM with the time since the first one', () => {
    expect(
      statusLine(
        { state: 'INSUFFICIENT_DATA', openedAt: '2026-11-26T14:02:00.000Z' },
        'ALARM',
        '2026-11-26T14:32:00.000Z',
      ),
    ).toBe('🔴 *ALARM* since 14:32 UTC · first ALARM 30 min earlier (14:02 UTC)');
  });
});
