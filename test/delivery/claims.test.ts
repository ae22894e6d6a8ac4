import { describe, expect, it } from 'vitest';
import { Claims } from '../../src/delivery/claims.js';
import type { Item } from '../../src/delivery/item.js';
import { type DeliveryRuntime, newStats } from '../../src/delivery/runtime.js';
import type { DeliveryKey, DeliveryStore, ThreadRecord } from '../../src/delivery/store.js';
import { ThreadRecords } from '../../src/delivery/thread-records.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');

function runtime(): DeliveryRuntime & { logged: string[] } {
  const logged: string[] = [];
  const log = (message: string) => void logged.push(message);
  return {
    logged,
    clock: { now: () => NOW, sleep: async () => {} },
    stats: newStats(),
    log: { info: log, warn: log, error: log },
  } as unknown as DeliveryRuntime & { logged: string[] };
}

function item(key: string, thread?: { key: string; state: 'ALARM' | 'OK'; since: string }): Item {
  return {
    recordId: `rec-${key}`,
    alert: { thread } as Item['alert'],
    destination: { channel: '#aws-alerts' } as Item['destination'],
    message: { channel: '#aws-alerts', text: key, blocks: [] },
    key: { key, channel: '#aws-alerts' },
    earlier: [],
  };
}

/** A table that fails the calls named in `down` and records the others. */
function table(down: ReadonlySet<string>, threads: ThreadRecord[] = []) {
  const calls: Array<{ method: string; keys?: readonly DeliveryKey[]; record?: ThreadRecord }> = [];
  const fail = (method: string) => {
    if (down.has(method)) throw new Error(`${method}: table unavailable`);
  };
  const store = {
    claim: async (key: DeliveryKey) => {
      fail('claim');
      calls.push({ method: 'claim', keys: [key] });
      return 'claimed';
    },
    markDone: async (keys: readonly DeliveryKey[]) => {
      fail('markDone');
      calls.push({ method: 'markDone', keys });
    },
    release: async (key: DeliveryKey) => {
      fail('release');
      calls.push({ method: 'release', keys: [key] });
    },
    getThreads: async () => {
      fail('getThreads');
      return threads;
    },
    putThread: async (record: ThreadRecord) => {
      fail('putThread');
      calls.push({ method: 'putThread', record });
    },
  } as unknown as DeliveryStore;
  return { store, calls };
}

const record = (state: 'ALARM' | 'OK', since: string): ThreadRecord => ({
  threadKey: 'alarm-1',
  channel: '#aws-alerts',
  channelId: 'C0ALERTS',
  ts: '1764590000.000100',
  state,
  since,
  openedAt: '2026-12-01T11:00:00Z',
  kind: 'alert',
});

describe('Claims', () => {
  it('posts an alert whose claim failed, without marking or releasing it, and counts it', async () => {
    const rt = runtime();
    const { store, calls } = table(new Set(['claim']));
    const claims = new Claims({ store, runtime: rt, token: 't', leaseUntil: NOW + 60_000 });
    const blind = item('a');
    expect(await claims.claim(blind)).toBe('claimed');
    expect(claims.isUnguarded(blind)).toBe(true);
    await claims.markDone([blind]);
    await claims.release([blind]);
    claims.posted([blind]);
    expect(calls).toEqual([]);
    expect(rt.stats.stateUnavailable).toBe(1);
  });

  it('marks and releases guarded alerts with their earlier changes', async () => {
    const { store, calls } = table(new Set());
    const claims = new Claims({ store, runtime: runtime(), token: 't', leaseUntil: NOW + 60_000 });
    const earlier = item('a-1');
    const later = { ...item('a-2'), earlier: [earlier] };
    await claims.claim(later);
    await claims.markDone([later]);
    await claims.release([item('b')]);
    expect(calls.map((c) => [c.method, c.keys?.map((k) => k.key)])).toEqual([
      ['claim', ['a-2']],
      ['markDone', ['a-1', 'a-2']],
      ['release', ['b']],
    ]);
  });

  it('logs a failed done mark instead of failing a posted alert', async () => {
    const rt = runtime();
    const { store } = table(new Set(['markDone']));
    const claims = new Claims({ store, runtime: rt, token: 't', leaseUntil: NOW + 60_000 });
    await expect(claims.markDone([item('a')])).resolves.toBeUndefined();
    expect(rt.logged).toContain('could not mark deliveries done');
  });
});

describe('ThreadRecords', () => {
  it('posts as if no thread existed when the threads cannot be read, and writes none back', async () => {
    const rt = runtime();
    const { store, calls } = table(new Set(['getThreads']));
    const claims = new Claims({ store, runtime: rt, token: 't', leaseUntil: NOW + 60_000 });
    const threads = new ThreadRecords(store, rt, claims);
    const alarm = item('a', { key: 'alarm-1', state: 'ALARM', since: '2026-12-01T11:59:00Z' });
    const ok = item('b', { key: 'alarm-2', state: 'OK', since: '2026-12-01T11:59:00Z' });
    await threads.load([alarm, ok]);
    expect(threads.stepOf(alarm)).toEqual({ step: 'parent', record: undefined });
    expect(threads.stepOf(ok)).toEqual({ step: 'standalone', record: undefined });
    expect(claims.isUnguarded(alarm)).toBe(true);
    await threads.save(record('ALARM', '2026-12-01T11:59:00Z'));
    expect(calls).toEqual([]);
  });

  it('never holds an older state over a later one', async () => {
    const rt = runtime();
    const later = record('OK', '2026-12-01T11:59:00Z');
    const { store } = table(new Set(), [later]);
    const threads = new ThreadRecords(
      store,
      rt,
      new Claims({ store, runtime: rt, token: 't', leaseUntil: 0 }),
    );
    const alarm = item('a', { key: 'alarm-1', state: 'ALARM', since: '2026-12-01T11:58:00Z' });
    await threads.load([alarm]);
    await threads.save(record('ALARM', '2026-12-01T11:58:00Z'));
    expect(threads.recordOf(alarm)).toEqual(later);
  });
});
