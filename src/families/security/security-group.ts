/**
 * Security group rule changes: which group, which sources (CIDRs, prefix lists, groups) and
 * which ports — the part of the request a reviewer needs.
 */

import { consoleUrl } from '../../alerts/console.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import type { CloudTrailRecord } from './record.js';
import { items, type Json, listing, text, words } from './values.js';
import { facts, type RequestView, type ViewFn } from './view.js';

interface Permission {
  readonly ports: string;
  readonly sources: string[];
}

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** "port 22", "ports 8000–8080", "port 53/udp", "all ports", "ICMP". */
function portsOf(protocol: string | undefined, from: string | undefined, to: string | undefined): string {
  const proto = (protocol ?? '').toLowerCase();
  if (proto === '-1' || proto === 'all') return 'all ports';
  if (proto === 'icmp' || proto === '1' || proto === 'icmpv6' || proto === '58')
    return proto.startsWith('icmpv6') || proto === '58' ? 'ICMPv6' : 'ICMP';
  const suffix = proto === '' || proto === 'tcp' || proto === '6' ? '' : `/${proto === '17' ? 'udp' : proto}`;
  if (from === undefined && to === undefined) return `all ports${suffix}`;
  if (from === '0' && to === '65535') return `all ports${suffix}`;
  if (from === to || to === undefined) return `port ${from}${suffix}`;
  return `ports ${from}–${to}${suffix}`;
}

function permissionsOf(p: Json): Permission[] {
  const list = items(p.ipPermissions).map((perm) => ({
    ports: portsOf(text(perm, 'ipProtocol'), text(perm, 'fromPort'), text(perm, 'toPort')),
    sources: [
      ...items(perm.ipRanges).map((r) => text(r, 'cidrIp')),
      ...items(perm.ipv6Ranges).map((r) => text(r, 'cidrIpv6')),
      ...items(perm.prefixListIds).map((r) => text(r, 'prefixListId')),
      ...items(perm.groups).map((g) => text(g, 'groupId') ?? text(g, 'groupName')),
    ].filter((s): s is string => s !== undefined),
  }));
  // The older flat form: cidrIp / ipProtocol / fromPort / toPort on the request itself.
  const flat = text(p, 'cidrIp');
  if (flat)
    list.push({
      ports: portsOf(text(p, 'ipProtocol'), text(p, 'fromPort'), text(p, 'toPort')),
      sources: [flat],
    });
  return list;
}

function groupOf(p: Json): string {
  return text(p, 'groupId') ?? text(p, 'groupName') ?? 'a security group';
}

function groupLink(record: CloudTrailRecord, groupId: string | undefined) {
  if (!groupId?.startsWith('sg-') || !record.awsRegion) return [];
  return [
    {
      text: 'Open security group',
      url: consoleUrl(record.awsRegion, 'ec2/home', `SecurityGroup:groupId=${encodeUriPart(groupId)}`),
    },
  ];
}

function ruleLines(perms: readonly Permission[], arrow: string): string {
  return perms
    .map(
      (perm) => `${perm.sources.length > 0 ? perm.sources.join(', ') : 'no source'} ${arrow} ${perm.ports}`,
    )
    .join('\n');
}

function change(direction: 'ingress' | 'egress', revoke: boolean): ViewFn {
  return (p, record): RequestView => {
    const group = groupOf(p);
    const perms = permissionsOf(p);
    const where = perms.map(
      (perm) => `${perm.sources.length > 0 ? listing(perm.sources) : 'a rule'} on ${perm.ports}`,
    );
    let phrase: string;
    if (revoke)
      phrase = `removed ${direction} rules ${perms.length > 0 ? `for ${listing(where)} ` : ''}from security group ${group}`;
    else if (direction === 'ingress')
      phrase = `opened security group ${group} to ${perms.length > 0 ? listing(where) : 'new sources'}`;
    else
      phrase = `allowed egress from security group ${group} to ${perms.length > 0 ? listing(where) : 'new destinations'}`;
    const world = perms.some((perm) => perm.sources.some((s) => WORLD.has(s)));
    return {
      phrase,
      facts: facts(
        ['Security group', [text(p, 'groupId'), text(p, 'groupName')].filter(Boolean).join(' · ')],
        [revoke ? 'Rules removed' : 'Rules added', ruleLines(perms, direction === 'ingress' ? '→' : '←')],
        ['Exposure', !revoke && direction === 'ingress' && world ? 'the whole internet' : undefined],
      ),
      links: groupLink(record, text(p, 'groupId')),
    };
  };
}

export const SECURITY_GROUP_VIEWS: Readonly<Record<string, ViewFn>> = {
  AuthorizeSecurityGroupIngress: change('ingress', false),
  AuthorizeSecurityGroupEgress: change('egress', false),
  RevokeSecurityGroupIngress: change('ingress', true),
  RevokeSecurityGroupEgress: change('egress', true),
  CreateSecurityGroup: (p, record) => {
    const id = text(record.responseElements, 'groupId');
    const name = text(p, 'groupName');
    return {
      phrase: words('created security group', name ?? id, text(p, 'vpcId') && `in ${text(p, 'vpcId')}`),
      facts: facts(
        ['Security group', [id, name].filter(Boolean).join(' · ')],
        ['VPC', text(p, 'vpcId')],
        ['Description', text(p, 'groupDescription')],
      ),
      links: groupLink(record, id),
    };
  },
  DeleteSecurityGroup: (p) => ({
    phrase: `deleted security group ${groupOf(p)}`,
    facts: facts(['Security group', [text(p, 'groupId'), text(p, 'groupName')].filter(Boolean).join(' · ')]),
  }),
};
