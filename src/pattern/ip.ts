/**
 * IPv4 / IPv6 parsing and CIDR containment for the `cidr` operator. Addresses become
 * bigints so both families share one comparison.
 */

export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

export interface CidrBlock {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefixLength: number;
}

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => IPV4_OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseHextets(groups: readonly string[]): bigint[] | undefined {
  const out: bigint[] = [];
  for (const g of groups) {
    if (!HEXTET.test(g)) return undefined;
    out.push(BigInt(Number.parseInt(g, 16)));
  }
  return out;
}

function parseIpv6(text: string): bigint | undefined {
  let body = text;
  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two hextets.
  const lastColon = body.lastIndexOf(':');
  const last = body.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parseHextets(split(halves[0] ?? ''));
  const rest = halves.length === 2 ? parseHextets(split(halves[1] ?? '')) : [];
  if (!head || !rest) return undefined;
  const explicit = head.length + rest.length;
  if (halves.length === 1 && explicit !== 8) return undefined;
  if (halves.length === 2 && explicit > 7) return undefined;
  const zeros: bigint[] = Array.from({ length: 8 - explicit }, () => 0n);
  const all = halves.length === 2 ? [...head, ...zeros, ...rest] : head;
  return all.reduce((acc, h) => (acc << 16n) | h, 0n);
}

/**
 * Parses an IPv4 or IPv6 address; `undefined` for anything else ("AWS Internal", host names).
 *
 * @example
 * ```ts
 * parseIp('2001:db8::1'); // { family: 6, value: 42540766411282592856903984951653826561n }
 * ```
 */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const v6 = parseIpv6(text);
    return v6 === undefined ? undefined : { family: 6, value: v6 };
  }
  const v4 = parseIpv4(text);
  return v4 === undefined ? undefined : { family: 4, value: v4 };
}

/**
 * Parses `10.0.0.0/24` or `2001:db8::/64`; a bare address is a block of one.
 *
 * @example
 * ```ts
 * parseCidr('10.0.0.0/24'); // { family: 4, network: 167772160n, prefixLength: 24 }
 * ```
 */
export function parseCidr(text: string): CidrBlock | undefined {
  const [address, length, ...extra] = text.split('/');
  if (extra.length > 0 || address === undefined) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  if (length !== undefined && !/^\d{1,3}$/.test(length)) return undefined;
  const prefixLength = length === undefined ? bits : Number(length);
  if (prefixLength > bits) return undefined;
  const shift = BigInt(bits - prefixLength);
  return { family: ip.family, network: (ip.value >> shift) << shift, prefixLength };
}

/** Whether `ip` lies inside `block` (always false across families). */
export function cidrContains(block: CidrBlock, ip: IpAddress): boolean {
  if (block.family !== ip.family) return false;
  const shift = BigInt((ip.family === 4 ? 32 : 128) - block.prefixLength);
  return ip.value >> shift === block.network >> shift;
}
