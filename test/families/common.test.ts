import { describe, expect, it } from 'vitest';
import { detailOf } from '../../src/families/common.js';
import { familyFixture } from '../helpers/fixtures.js';

describe('detailOf', () => {
  it('gives the EventBridge event and its detail object', () => {
    const event = familyFixture('rds', 'instance-failover');
    const read = detailOf(event);
    expect(read?.event).toEqual(event);
    expect(read?.detail).toBe(event.detail);
  });

  it('gives nothing when the detail is not an object', () => {
    const event = familyFixture('rds', 'instance-failover');
    for (const detail of [undefined, null, 'failover', 42, ['failover']])
      expect(detailOf({ ...event, detail }), String(detail)).toBeUndefined();
  });

  it('gives nothing for what is not an EventBridge event', () => {
    const { 'detail-type': _type, ...withoutType } = familyFixture('rds', 'instance-failover');
    for (const raw of [undefined, null, 'event', [], withoutType, { detail: {} }])
      expect(detailOf(raw)).toBeUndefined();
  });
});
