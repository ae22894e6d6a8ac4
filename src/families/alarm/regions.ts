/**
 * Region codes from the long names CloudWatch writes into SNS alarm notifications
 * (`"Region": "EU (Ireland)"`). The names follow the AWS partition metadata; CloudWatch still
 * writes several older spellings ("EU (…)" for what is now "Europe (…)", "Osaka-Local",
 * "AWS GovCloud (US)"), so both are listed.
 */

/** Long name → region code for the aws, aws-cn and aws-us-gov partitions. */
export const REGION_NAMES: Readonly<Record<string, string>> = {
  // aws (commercial)
  'US East (N. Virginia)': 'us-east-1',
  'US East (Ohio)': 'us-east-2',
  'US West (N. California)': 'us-west-1',
  'US West (Oregon)': 'us-west-2',
  'Africa (Cape Town)': 'af-south-1',
  'Asia Pacific (Hong Kong)': 'ap-east-1',
  'Asia Pacific (Taipei)': 'ap-east-2',
  'Asia Pacific (Tokyo)': 'ap-northeast-1',
  'Asia Pacific (Seoul)': 'ap-northeast-2',
  'Asia Pacific (Osaka)': 'ap-northeast-3',
  'Asia Pacific (Osaka-Local)': 'ap-northeast-3',
  'Asia Pacific (Mumbai)': 'ap-south-1',
  'Asia Pacific (Hyderabad)': 'ap-south-2',
  'Asia Pacific (Singapore)': 'ap-southeast-1',
  'Asia Pacific (Sydney)': 'ap-southeast-2',
  'Asia Pacific (Jakarta)': 'ap-southeast-3',
  'Asia Pacific (Melbourne)': 'ap-southeast-4',
  'Asia Pacific (Malaysia)': 'ap-southeast-5',
  'Asia Pacific (New Zealand)': 'ap-southeast-6',
  'Asia Pacific (Thailand)': 'ap-southeast-7',
  'Canada (Central)': 'ca-central-1',
  'Canada West (Calgary)': 'ca-west-1',
  'Europe (Frankfurt)': 'eu-central-1',
  'EU (Frankfurt)': 'eu-central-1',
  'Europe (Zurich)': 'eu-central-2',
  'EU (Zurich)': 'eu-central-2',
  'Europe (Ireland)': 'eu-west-1',
  'EU (Ireland)': 'eu-west-1',
  'Europe (London)': 'eu-west-2',
  'EU (London)': 'eu-west-2',
  'Europe (Paris)': 'eu-west-3',
  'EU (Paris)': 'eu-west-3',
  'Europe (Milan)': 'eu-south-1',
  'EU (Milan)': 'eu-south-1',
  'Europe (Spain)': 'eu-south-2',
  'EU (Spain)': 'eu-south-2',
  'Europe (Stockholm)': 'eu-north-1',
  'EU (Stockholm)': 'eu-north-1',
  'Israel (Tel Aviv)': 'il-central-1',
  'Middle East (Bahrain)': 'me-south-1',
  'Middle East (UAE)': 'me-central-1',
  'Middle East (Saudi Arabia)': 'me-west-1',
  'Mexico (Central)': 'mx-central-1',
  'South America (Sao Paulo)': 'sa-east-1',
  'South America (São Paulo)': 'sa-east-1',
  'South America (Chile)': 'sa-west-1',
  // aws-cn
  'China (Beijing)': 'cn-north-1',
  'China (Ningxia)': 'cn-northwest-1',
  // aws-us-gov
  'AWS GovCloud (US-West)': 'us-gov-west-1',
  'AWS GovCloud (US)': 'us-gov-west-1',
  'AWS GovCloud (US-East)': 'us-gov-east-1',
};

/** Case, accents and spacing vary between notifications; compare on a folded key. */
function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const BY_FOLDED = new Map(Object.entries(REGION_NAMES).map(([name, code]) => [fold(name), code]));

const REGION_CODE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

/**
 * The region code for a long region name, or the input itself when it already is a code.
 *
 * @example
 * ```ts
 * regionCode('EU (Ireland)'); // 'eu-west-1'
 * regionCode('AWS GovCloud (US-West)'); // 'us-gov-west-1'
 * ```
 */
export function regionCode(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const trimmed = name.trim();
  if (REGION_CODE.test(trimmed)) return trimmed;
  return BY_FOLDED.get(fold(trimmed));
}

/**
 * True when `value` looks like a region code (`eu-west-1`, `us-gov-east-1`, `cn-north-1`).
 *
 * @example
 * ```ts
 * isRegionCode('eu-west-1'); // true
 * isRegionCode('EU (Ireland)'); // false
 * ```
 */
export function isRegionCode(value: string | undefined): value is string {
  return value !== undefined && REGION_CODE.test(value);
}
