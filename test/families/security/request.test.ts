/**
 * The key request parameters per kind of CloudTrail event, from minimal records shaped as
 * CloudTrail writes them.
 */
import { describe, expect, it } from 'vitest';
import type { CloudTrailRecord } from '../../../src/families/security/record.js';
import { describeRequest } from '../../../src/families/security/request.js';

function record(
  eventSource: string,
  eventName: string,
  requestParameters: Record<string, unknown> | null,
  extra: Partial<CloudTrailRecord> = {},
): CloudTrailRecord {
  return { eventSource, eventName, awsRegion: 'eu-west-1', requestParameters, ...extra };
}
const ec2 = (name: string, params: Record<string, unknown>, extra?: Partial<CloudTrailRecord>) =>
  describeRequest(record('ec2.amazonaws.com', name, params, extra));
const perm = (
  protocol: string,
  from: number | undefined,
  to: number | undefined,
  ranges: Record<string, unknown>,
) => ({
  ipProtocol: protocol,
  ...(from === undefined ? {} : { fromPort: from }),
  ...(to === undefined ? {} : { toPort: to }),
  groups: {},
  ipRanges: {},
  ipv6Ranges: {},
  prefixListIds: {},
  ...ranges,
});

describe('security group views', () => {
  it('lists every permission with its sources and ports', () => {
    const view = ec2('AuthorizeSecurityGroupIngress', {
      groupId: 'sg-0123',
      ipPermissions: {
        items: [
          perm('tcp', 22, 22, {
            ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
            ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] },
          }),
          perm('tcp', 8000, 8080, { prefixListIds: { items: [{ prefixListId: 'pl-0abc' }] } }),
          perm('udp', 53, 53, { groups: { items: [{ groupId: 'sg-0456' }] } }),
          perm('-1', undefined, undefined, { ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } }),
          perm('icmp', -1, -1, { ipRanges: { items: [{ cidrIp: '192.0.2.0/24' }] } }),
        ],
      },
    });
    expect(view.phrase).toBe(
      'opened security group sg-0123 to 0.0.0.0/0 and ::/0 on port 22, pl-0abc on ports 8000–8080, sg-0456 on port 53/udp, 10.0.0.0/8 on all ports and 192.0.2.0/24 on ICMP',
    );
    expect(view.facts.find((f) => f.label === 'Rules added')?.value).toBe(
      '0.0.0.0/0, ::/0 → port 22\npl-0abc → ports 8000–8080\nsg-0456 → port 53/udp\n10.0.0.0/8 → all ports\n192.0.2.0/24 → ICMP',
    );
    expect(view.facts.find((f) => f.label === 'Exposure')?.value).toBe('the whole internet');
  });

  it('describes egress, revocations, creation and deletion', () => {
    const egress = ec2('AuthorizeSecurityGroupEgress', {
      groupId: 'sg-0123',
      ipPermissions: { items: [perm('tcp', 443, 443, { ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } })] },
    });
    expect(egress.phrase).toBe('allowed egress from security group sg-0123 to 0.0.0.0/0 on port 443');
    expect(egress.facts.find((f) => f.label === 'Exposure')).toBeUndefined();
    expect(
      ec2('RevokeSecurityGroupEgress', {
        groupId: 'sg-0123',
        ipPermissions: {
          items: [perm('-1', undefined, undefined, { ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } })],
        },
      }).phrase,
    ).toBe('removed egress rules for 0.0.0.0/0 on all ports from security group sg-0123');
    const created = ec2(
      'CreateSecurityGroup',
      { groupName: 'web', groupDescription: 'web tier', vpcId: 'vpc-0abc' },
      { responseElements: { requestId: 'r', _return: true, groupId: 'sg-0789' } },
    );
    expect(created.phrase).toBe('created security group web in vpc-0abc');
    expect(created.facts[0]).toEqual({ label: 'Security group', value: 'sg-0789 · web' });
    expect(created.links?.[0]?.url).toContain('SecurityGroup:groupId=sg-0789');
    expect(ec2('DeleteSecurityGroup', { groupId: 'sg-0123' }).phrase).toBe('deleted security group sg-0123');
  });
});

describe('IAM views', () => {
  const iam = (name: string, params: Record<string, unknown>, extra?: Partial<CloudTrailRecord>) =>
    describeRequest(record('iam.amazonaws.com', name, params, { awsRegion: 'us-east-1', ...extra }));

  it('names policy versions, inline policies and groups', () => {
    expect(
      iam('CreatePolicyVersion', { policyArn: 'arn:aws:iam::210987654321:policy/deploy', setAsDefault: true })
        .phrase,
    ).toBe('created a new version of policy deploy and made it the default');
    expect(
      iam('DeletePolicyVersion', { policyArn: 'arn:aws:iam::210987654321:policy/deploy', versionId: 'v3' })
        .phrase,
    ).toBe('deleted version v3 of policy deploy');
    expect(
      iam('DetachGroupPolicy', { groupName: 'ops', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
        .phrase,
    ).toBe('detached policy ReadOnlyAccess from group ops');
    expect(iam('DeleteRolePolicy', { roleName: 'deploy', policyName: 'inline-s3' }).phrase).toBe(
      'deleted inline policy inline-s3 from role deploy',
    );
    expect(iam('CreatePolicy', { policyName: 'reporting' }).phrase).toBe('created policy reporting');
    expect(iam('DeleteVirtualMFADevice', { serialNumber: 'arn:aws:iam::210987654321:mfa/bob' }).phrase).toBe(
      'deleted virtual MFA device bob',
    );
  });

  it('treats a key or password change without userName as one on the caller', () => {
    const self = iam(
      'CreateAccessKey',
      {},
      {
        userIdentity: { type: 'IAMUser', userName: 'carol' },
        responseElements: { accessKey: { accessKeyId: 'AKIAI44QH8DHBEXAMPLE' } },
      },
    );
    expect(self.phrase).toBe('created access key AKIAI44QH8DHBEXAMPLE for user carol');
    expect(iam('CreateLoginProfile', { userName: 'dave', passwordResetRequired: true }).facts).toEqual([
      { label: 'User', value: 'dave' },
      { label: 'Must reset', value: 'true' },
    ]);
  });
});

describe('service views', () => {
  it('shows the trail and its new event selectors', () => {
    const view = describeRequest(
      record('cloudtrail.amazonaws.com', 'PutEventSelectors', {
        trailName: 'org-trail',
        advancedEventSelectors: [
          { name: 'mgmt', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] },
        ],
      }),
    );
    expect(view.phrase).toBe('changed the event selectors of CloudTrail trail org-trail');
    expect(view.facts.find((f) => f.label === 'Advanced selectors')?.value).toBe(
      '[{"name":"mgmt","fieldSelectors":[{"field":"eventCategory","equals":["Management"]}]}]',
    );
  });

  it('assumes the 30-day KMS default when no window is given, and links keys given as ARNs', () => {
    const view = describeRequest(
      record('kms.amazonaws.com', 'ScheduleKeyDeletion', {
        keyId: 'arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
    );
    expect(view.phrase).toMatch(/for deletion in 30 days$/);
    expect(view.links?.[0]?.url).toBe(
      'https://eu-west-1.console.aws.amazon.com/kms/home?region=eu-west-1#/kms/keys/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    expect(describeRequest(record('kms.amazonaws.com', 'DisableKey', { keyId: 'alias/app' })).links).toEqual(
      [],
    );
  });

  it('names the AWS Config recorder and delivery channel', () => {
    expect(
      describeRequest(
        record('config.amazonaws.com', 'PutConfigurationRecorder', {
          configurationRecorder: {
            name: 'default',
            roleARN: 'arn:aws:iam::1:role/config',
            recordingGroup: { allSupported: false },
          },
        }),
      ).phrase,
    ).toBe('changed AWS Config recorder default');
    expect(
      describeRequest(
        record('config.amazonaws.com', 'DeleteDeliveryChannel', { deliveryChannelName: 'default' }),
      ).phrase,
    ).toBe('deleted AWS Config delivery channel default');
  });

  it('lists GuardDuty members and disassociation from the administrator', () => {
    expect(
      describeRequest(
        record('guardduty.amazonaws.com', 'DeleteMembers', {
          detectorId: 'd1',
          accountIds: ['111122223333', '444455556666'],
        }),
      ).phrase,
    ).toBe('deleted GuardDuty member accounts 111122223333 and 444455556666');
    expect(
      describeRequest(
        record('guardduty.amazonaws.com', 'DisassociateFromAdministratorAccount', { detectorId: 'd1' }),
      ).phrase,
    ).toBe('disassociated this account from its GuardDuty administrator account');
  });
});

describe('generic view', () => {
  it('names the identifiers and keeps the whole request as detail', () => {
    const params = {
      routeTableId: 'rtb-01',
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: 'nat-01',
      dryRun: false,
    };
    const view = ec2('ReplaceRoute', params);
    expect(view.phrase).toBe('called ec2:ReplaceRoute on rtb-01, 0.0.0.0/0, nat-01');
    expect(view.facts.map((f) => f.label)).toEqual(['routeTableId', 'destinationCidrBlock', 'natGatewayId']);
    expect(view.detail).toEqual(params);
  });

  it('has no detail when the request carried no parameters', () => {
    const view = describeRequest(record('organizations.amazonaws.com', 'LeaveOrganization', null));
    expect(view.phrase).toBe('called organizations:LeaveOrganization');
    expect(view.detail).toBeUndefined();
  });
});
