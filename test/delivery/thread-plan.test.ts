import { describe, expect, it } from 'vitest';
import type { ThreadInfo } from '../../src/alerts/alert.js';
import type { ThreadRecord } from '../../src/delivery/store.js';
import {
  inThreadOrder,
  mergedThread,
  ORDER_WAIT_MS,
  openThreadsFor,
  pendingByAlarm,
  threadStep,
  threadsAfterDigest,
} from '../../src/delivery/thread-plan.js';

const ARN = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:checkout-api-errors';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 10, minute)).toISOString();
const change = (
  state: ThreadInfo['state'],
  minute: number,
  previousState?: ThreadInfo['state'],
): ThreadInfo => ({
  key: ARN,
  state,
  since: at(minute),
  ...(previousState ? { previousState } : {}),
});
const record = (state: ThreadRecord['state'], minute: number, channel = '#aws-alerts'): ThreadRecord => ({
  threadKey: ARN,
  channel,
  channelId: 'C1',
  ts: '1.1',
  state,
  since: at(minute),
  openedAt: at(0),
  kind: 'alert',
});

describe('threadStep', () => {
  const now = Date.parse(at(5));
  it('opens a thread for an ALARM without one, or after the last one closed', () => {
    expect(threadStep(change('ALARM', 1, 'OK'), undefined, now)).toBe('parent');
    expect(threadStep(change('ALARM', 4, 'OK'), record('OK', 3), now)).toBe('parent');
  });

  it('replies in an open thread, whatever the new state', () => {
    expect(threadStep(change('OK', 4, 'ALARM'), record('ALARM', 1), now)).toBe('reply');
    expect(threadStep(change('ALARM', 4, 'INSUFFICIENT_DATA'), record('INSUFFICIENT_DATA', 2), now)).toBe(
      'reply',
    );
  });

  it('waits for a missing ALARM only for a while', () => {
    expect(threadStep(change('OK', 4, 'ALARM'), undefined, now)).toBe('wait');
    expect(threadStep(change('OK', 4, 'ALARM'), undefined, Date.parse(at(4)) + ORDER_WAIT_MS)).toBe(
      'standalone',
    );
    expect(threadStep(change('OK', 4, 'INSUFFICIENT_DATA'), undefined, now)).toBe('standalone');
  });

  it('marks a change older than the recorded one as stale', () => {
    expect(threadStep(change('INSUFFICIENT_DATA', 2, 'ALARM'), record('OK', 3), now)).toBe('stale');
  });

  it('waits when the change it follows is newer than the thread and not shown yet', () => {
    // The thread shows ALARM since 10:01; this ALARM came after an OK the channel has not seen.
    expect(threadStep(change('ALARM', 4, 'OK'), record('ALARM', 1), now)).toBe('wait');
    // The thread shows OK since 10:01; this OK ends an ALARM the channel has not seen.
    expect(threadStep(change('OK', 4, 'ALARM'), record('OK', 1), now)).toBe('wait');
    // Not for ever.
    expect(threadStep(change('ALARM', 4, 'OK'), record('ALARM', 1), Date.parse(at(4)) + ORDER_WAIT_MS)).toBe(
      'reply',
    );
    // INSUFFICIENT_DATA in between is not waited for.
    expect(threadStep(change('ALARM', 4, 'INSUFFICIENT_DATA'), record('ALARM', 1), now)).toBe('reply');
  });
});

describe('pendingByAlarm', () => {
  const item = (name: string, thread?: ThreadInfo, channel = '#aws-alerts') => ({
    name,
    channel,
    alert: { thread } as never,
  });
  it('merges the pending changes of one alarm per channel into the latest, oldest first behind it', () => {
    const out = pendingByAlarm(
      [
        item('ok', change('OK', 3, 'ALARM')),
        item('plain'),
        item('alarm', change('ALARM', 1, 'OK')),
        item('elsewhere', change('ALARM', 1, 'OK'), '#other'),
      ],
      (i) => i.channel,
    );
    expect(out.map((p) => [p.latest.name, p.earlier.map((e) => e.name)])).toEqual([
      ['ok', ['alarm']],
      ['plain', []],
      ['elsewhere', []],
    ]);
  });

  it('keeps each message of a lifecycle with its own words (the updates of a Health event)', () => {
    const health = (state: ThreadInfo['state'], minute: number) => ({
      ...change(state, minute),
      words: { ALARM: 'open', OK: 'closed' },
    });
    const out = pendingByAlarm(
      [item('closed', health('OK', 3)), item('update', health('ALARM', 2))],
      (i) => i.channel,
    );
    expect(out.map((p) => [p.latest.name, p.earlier.length])).toEqual([
      ['update', 0],
      ['closed', 0],
    ]);
  });

  it('gives a merged change the state before its first change, so an OK merged with its ALARM does not wait', () => {
    const merged = mergedThread(change('OK', 3, 'ALARM'), change('ALARM', 1, 'OK'));
    expect(merged).toMatchObject({ state: 'OK', since: at(3), previousState: 'OK' });
    expect(threadStep(merged, undefined, now())).toBe('standalone');
  });
  const now = () => Date.parse(at(5));
});

describe('openThreadsFor', () => {
  it('finds the open threads an OK belongs to, in any channel', () => {
    const records = [
      record('ALARM', 1, '#oncall'),
      record('OK', 2, '#aws-alerts'),
      record('ALARM', 9, '#later'),
    ];
    expect(openThreadsFor(change('OK', 5, 'ALARM'), records).map((r) => r.channel)).toEqual(['#oncall']);
    expect(openThreadsFor(change('ALARM', 5, 'OK'), records)).toEqual([]);
  });
});

describe('inThreadOrder', () => {
  it('sorts each alarm by time and leaves other alerts in place', () => {
    const item = (name: string, thread?: ThreadInfo) => ({ name, alert: { thread } as never });
    const other = { ...change('OK', 0), key: 'other' };
    const ordered = inThreadOrder([
      item('ok', change('OK', 3)),
      item('plain'),
      item('other', other),
      item('alarm', change('ALARM', 1)),
    ]);
    expect(ordered.map((i) => i.name)).toEqual(['alarm', 'plain', 'other', 'ok']);
  });
});

describe('threadsAfterDigest', () => {
  const digest = { channelId: 'CDIGEST', ts: '9.9' };
  it('makes the digest the parent of alarms without an open thread', () => {
    const [next] = threadsAfterDigest(
      [{ thread: change('ALARM', 1, 'OK'), channel: '#aws-alerts' }],
      [],
      digest,
    );
    expect(next).toMatchObject({
      channelId: 'CDIGEST',
      ts: '9.9',
      kind: 'digest',
      state: 'ALARM',
      openedAt: at(1),
    });
  });

  it('keeps an open thread and its parent, only updating the state', () => {
    const [next] = threadsAfterDigest(
      [{ thread: change('OK', 4, 'ALARM'), channel: '#aws-alerts' }],
      [record('ALARM', 1)],
      digest,
    );
    expect(next).toMatchObject({ channelId: 'C1', ts: '1.1', kind: 'alert', state: 'OK', since: at(4) });
  });

  it('applies several changes of one alarm in order and writes the last', () => {
    const out = threadsAfterDigest(
      [
        { thread: change('ALARM', 1, 'OK'), channel: '#aws-alerts' },
        { thread: change('OK', 2, 'ALARM'), channel: '#aws-alerts' },
      ],
      [],
      digest,
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ state: 'OK', ts: '9.9' });
  });

  it('ignores a change older than the recorded one, and an OK with no thread', () => {
    expect(
      threadsAfterDigest([{ thread: change('ALARM', 1), channel: '#aws-alerts' }], [record('OK', 3)], digest),
    ).toEqual([]);
    expect(threadsAfterDigest([{ thread: change('OK', 1), channel: '#aws-alerts' }], [], digest)).toEqual([]);
  });
});
