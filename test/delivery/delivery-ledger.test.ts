import { describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../src/delivery/delivery-ledger.js';
import type { Item } from '../../src/delivery/item.js';
import { type DeliveryRuntime, newStats } from '../../src/delivery/runtime.js';

function runtime() {
  const logged: Array<[string, Record<string, unknown> | undefined]> = [];
  const log = (message: string, attributes?: Record<string, unknown>) =>
    void logged.push([message, attributes]);
  const rt = { stats: newStats(), log: { info: log, warn: log, error: log } } as unknown as DeliveryRuntime;
  return { rt, logged };
}

function item(key: string, recordId: string | undefined, earlier: Item[] = []): Item {
  return {
    recordId,
    alert: {} as Item['alert'],
    destination: { channel: '#aws-alerts', mentions: [] },
    message: { channel: '#aws-alerts', text: key, blocks: [] },
    key: { key, channel: '#aws-alerts' },
    earlier,
  };
}

describe('DeliveryLedger', () => {
  it('reports failed, waiting and deferred items by record id once, and counts the rest', () => {
    const { rt } = runtime();
    const ledger = new DeliveryLedger(rt);
    const alarm = item('alarm', 'rec-1');
    ledger.fail([item('ok', 'rec-2', [alarm])], new Error('ratelimited'));
    ledger.wait(item('late', 'rec-3'), 'its ALARM is not shown yet');
    ledger.defer(item('busy', 'rec-3'));
    ledger.defer(item('direct', undefined));
    expect(ledger.report()).toEqual({ failedRecordIds: ['rec-1', 'rec-2', 'rec-3'], failedWithoutRecord: 1 });
    expect(rt.stats.failed).toBe(2);
    expect(rt.stats.deferred).toBe(3);
  });

  it('gives back the claims of failed and waiting items, never of deferred ones (another invocation holds them)', () => {
    const { rt } = runtime();
    const ledger = new DeliveryLedger(rt);
    const failed = item('failed', 'r1');
    const waiting = item('waiting', 'r2');
    ledger.fail([failed], new Error('x'));
    ledger.wait(waiting, 'reason');
    ledger.defer(item('busy', 'r3'));
    expect(ledger.unposted()).toEqual([failed, waiting]);
  });

  it('logs a failure with its channel, count, first dedupe keys and Slack code', () => {
    const { rt, logged } = runtime();
    const error = Object.assign(new Error('chat.postMessage: channel_not_found'), {
      code: 'channel_not_found',
    });
    new DeliveryLedger(rt).fail([item('a', 'r1'), item('b', 'r2')], error);
    expect(logged).toEqual([
      [
        'delivery failed; the record goes back to the queue',
        {
          channel: '#aws-alerts',
          alerts: 2,
          dedupeKeys: ['a', 'b'],
          error: 'chat.postMessage: channel_not_found',
          code: 'channel_not_found',
        },
      ],
    ]);
  });
});
