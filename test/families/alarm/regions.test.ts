import { describe, expect, it } from 'vitest';
import { REGION_NAMES, regionCode } from '../../../src/families/alarm/regions.js';

describe('regionCode', () => {
  it.each([
    ['EU (Ireland)', 'eu-west-1'],
    ['Europe (Ireland)', 'eu-west-1'],
    ['US East (N. Virginia)', 'us-east-1'],
    ['Asia Pacific (Seoul)', 'ap-northeast-2'],
    ['Asia Pacific (Osaka-Local)', 'ap-northeast-3'],
    ['South America (São Paulo)', 'sa-east-1'],
    ['China (Beijing)', 'cn-north-1'],
    ['China (Ningxia)', 'cn-northwest-1'],
    ['AWS GovCloud (US-West)', 'us-gov-west-1'],
    ['AWS GovCloud (US-East)', 'us-gov-east-1'],
    ['AWS GovCloud (US)', 'us-gov-west-1'],
  ])('maps the notification name %s to %s', (name, code) => {
    expect(regionCode(name)).toBe(code);
  });

  it('ignores case and spacing differences', () => {
    expect(regionCode('  eu  (IRELAND) ')).toBe('eu-west-1');
  });

  it('passes a region code through unchanged', () => {
    expect(regionCode('us-gov-east-1')).toBe('us-gov-east-1');
    expect(regionCode('cn-north-1')).toBe('cn-north-1');
  });

  it('returns undefined for a name it does not know', () => {
    expect(regionCode('Moon (Tranquility Base)')).toBeUndefined();
    expect(regionCode(undefined)).toBeUndefined();
  });

  it('covers every commercial, China and GovCloud region of the partition metadata', () => {
    const codes = new Set(Object.values(REGION_NAMES));
    for (const code of [
      'af-south-1',
      'ap-east-1',
      'ap-east-2',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-northeast-3',
      'ap-south-1',
      'ap-south-2',
      'ap-southeast-1',
      'ap-southeast-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-southeast-5',
      'ap-southeast-6',
      'ap-southeast-7',
      'ca-central-1',
      'ca-west-1',
      'eu-central-1',
      'eu-central-2',
      'eu-north-1',
      'eu-south-1',
      'eu-south-2',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'il-central-1',
      'me-central-1',
      'me-south-1',
      'me-west-1',
      'mx-central-1',
      'sa-east-1',
      'sa-west-1',
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
      'cn-north-1',
      'cn-northwest-1',
      'us-gov-east-1',
      'us-gov-west-1',
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
  });
});
