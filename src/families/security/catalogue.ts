/**
 * One file on purpose: a table of data rules (no logic), read top to bottom as one catalogue.
 *
 * The security catalogue: every CloudTrail event cloudbell watches, as data. The same
 * patterns are deployed as EventBridge rules (infra, generated at package time) and classify
 * events in the notify Lambda (`classify.ts`), so a rule cannot drift between the two.
 *
 * CIS AWS Foundations 4.1–4.15 follow the CloudWatch metric filters of the benchmark (Security
 * Hub CloudWatch.1–14), translated to EventBridge operators; the other entries are the
 * commonly added detections. Order matters only as a tie-break between rules of equal
 * severity (the more specific rule comes first).
 *
 * Every pattern must be valid EventBridge JSON as AWS accepts it: field values are arrays,
 * operators are the documented ones, and `$or` is used where fields must be alternatives.
 */
import type { SecurityRule } from './rule.js';

/** `detail-type` of management events recorded by CloudTrail. */
export const API_CALL = 'AWS API Call via CloudTrail';
/** `detail-type` of console sign-in events (`source: aws.signin`). */
export const CONSOLE_SIGN_IN = 'AWS Console Sign In via CloudTrail';

export const SECURITY_RULES: readonly SecurityRule[] = [
  // ── Root ────────────────────────────────────────────────────────────────────────────
  {
    id: 'root-console-sign-in',
    title: 'Root account signed in to the console',
    severity: 'critical',
    cis: '4.3',
    rationale: 'the root user has unrestricted access and should not be used for everyday work',
    pattern: {
      source: ['aws.signin'],
      'detail-type': [CONSOLE_SIGN_IN],
      detail: {
        eventName: ['ConsoleLogin'],
        userIdentity: { type: ['Root'] },
        responseElements: { ConsoleLogin: ['Success'] },
      },
    },
  },
  {
    id: 'root-account-usage',
    title: 'Root account used',
    severity: 'critical',
    cis: '4.3',
    rationale: 'the root user has unrestricted access and should not be used for everyday work',
    pattern: {
      'detail-type': [API_CALL, CONSOLE_SIGN_IN],
      detail: {
        // CloudWatch.1: type = Root, invokedBy NOT EXISTS, eventType != AwsServiceEvent.
        userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] },
        eventType: [{ 'anything-but': 'AwsServiceEvent' }],
      },
    },
  },
  // ── Defence evasion: logging and detection switched off ─────────────────────────────
  {
    id: 'cloudtrail-logging-stopped',
    title: 'CloudTrail logging stopped or trail deleted',
    severity: 'critical',
    cis: '4.5',
    rationale: 'without CloudTrail nothing done in the account is recorded any more',
    pattern: {
      source: ['aws.cloudtrail'],
      'detail-type': [API_CALL],
      detail: { eventSource: ['cloudtrail.amazonaws.com'], eventName: ['StopLogging', 'DeleteTrail'] },
    },
  },
  {
    id: 'guardduty-detector-deleted',
    title: 'GuardDuty detector deleted',
    severity: 'critical',
    rationale: 'deleting the detector turns off threat detection and discards its findings',
    pattern: {
      source: ['aws.guardduty'],
      'detail-type': [API_CALL],
      detail: { eventSource: ['guardduty.amazonaws.com'], eventName: ['DeleteDetector'] },
    },
  },
  {
    id: 'guardduty-detector-disabled',
    title: 'GuardDuty detector disabled',
    severity: 'high',
    rationale: 'a suspended detector stops producing findings while looking configured',
    pattern: {
      source: ['aws.guardduty'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['guardduty.amazonaws.com'],
        eventName: ['UpdateDetector'],
        requestParameters: { enable: [false] },
      },
    },
  },
  {
    id: 'guardduty-member-disassociated',
    title: 'GuardDuty member account disassociated',
    severity: 'high',
    rationale: 'a disassociated account no longer reports findings to the administrator account',
    pattern: {
      source: ['aws.guardduty'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['guardduty.amazonaws.com'],
        eventName: [
          'DisassociateFromMasterAccount',
          'DisassociateFromAdministratorAccount',
          'DisassociateMembers',
          'DeleteMembers',
          'StopMonitoringMembers',
        ],
      },
    },
  },
  {
    id: 'cloudtrail-event-selectors-changed',
    title: 'CloudTrail event selectors changed',
    severity: 'high',
    rationale: 'event selectors decide which events a trail records; narrowing them hides activity',
    pattern: {
      source: ['aws.cloudtrail'],
      'detail-type': [API_CALL],
      detail: { eventSource: ['cloudtrail.amazonaws.com'], eventName: ['PutEventSelectors'] },
    },
  },
  {
    id: 'cloudtrail-config-change',
    title: 'CloudTrail configuration changed',
    severity: 'high',
    cis: '4.5',
    rationale: 'a changed trail may stop recording some regions, events or log destinations',
    pattern: {
      source: ['aws.cloudtrail'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['cloudtrail.amazonaws.com'],
        eventName: ['CreateTrail', 'UpdateTrail', 'StartLogging'],
      },
    },
  },
  {
    id: 'config-recorder-change',
    title: 'AWS Config recording changed',
    severity: 'high',
    cis: '4.9',
    rationale: 'AWS Config keeps the history of resource configurations; stopping it loses that record',
    pattern: {
      source: ['aws.config'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['config.amazonaws.com'],
        eventName: [
          'StopConfigurationRecorder',
          'DeleteDeliveryChannel',
          'PutDeliveryChannel',
          'PutConfigurationRecorder',
        ],
      },
    },
  },
  // ── Data exposure ───────────────────────────────────────────────────────────────────
  {
    id: 's3-public-access-block-removed',
    title: 'S3 Block Public Access removed',
    severity: 'high',
    rationale: 'without Block Public Access one policy or ACL change can make data public',
    pattern: {
      // Bucket level (s3) and account level (S3 Control) record different event names.
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['s3.amazonaws.com', 's3-control.amazonaws.com'],
        eventName: [
          'DeleteBucketPublicAccessBlock',
          'DeleteAccountPublicAccessBlock',
          'DeletePublicAccessBlock',
        ],
      },
    },
  },
  {
    id: 's3-public-access-block-weakened',
    title: 'S3 Block Public Access weakened',
    severity: 'high',
    rationale: 'a Block Public Access setting turned off lets bucket policies or ACLs make data public',
    pattern: {
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['s3.amazonaws.com', 's3-control.amazonaws.com'],
        eventName: ['PutBucketPublicAccessBlock', 'PutAccountPublicAccessBlock', 'PutPublicAccessBlock'],
        $or: [
          { requestParameters: { PublicAccessBlockConfiguration: { BlockPublicAcls: [false] } } },
          { requestParameters: { PublicAccessBlockConfiguration: { IgnorePublicAcls: [false] } } },
          { requestParameters: { PublicAccessBlockConfiguration: { BlockPublicPolicy: [false] } } },
          { requestParameters: { PublicAccessBlockConfiguration: { RestrictPublicBuckets: [false] } } },
        ],
      },
    },
  },
  {
    id: 'kms-key-deletion-scheduled',
    title: 'KMS key scheduled for deletion',
    severity: 'high',
    cis: '4.7',
    rationale: 'data encrypted under a deleted key can never be decrypted again',
    pattern: {
      source: ['aws.kms'],
      'detail-type': [API_CALL],
      detail: { eventSource: ['kms.amazonaws.com'], eventName: ['ScheduleKeyDeletion'] },
    },
  },
  {
    id: 'kms-key-disabled',
    title: 'KMS key disabled',
    severity: 'high',
    cis: '4.7',
    rationale: 'data encrypted under a disabled key cannot be read until the key is enabled again',
    pattern: {
      source: ['aws.kms'],
      'detail-type': [API_CALL],
      detail: { eventSource: ['kms.amazonaws.com'], eventName: ['DisableKey'] },
    },
  },
  // ── Network exposure ────────────────────────────────────────────────────────────────
  {
    id: 'security-group-open-to-world',
    title: 'Security group opened to the internet',
    severity: 'high',
    cis: '4.10',
    rationale: 'ingress from 0.0.0.0/0 or ::/0 exposes the port to every address on the internet',
    pattern: {
      source: ['aws.ec2'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['ec2.amazonaws.com'],
        eventName: ['AuthorizeSecurityGroupIngress'],
        // A failed call opened nothing.
        errorCode: [{ exists: false }],
        $or: [
          {
            requestParameters: {
              ipPermissions: { items: { ipRanges: { items: { cidrIp: ['0.0.0.0/0'] } } } },
            },
          },
          {
            requestParameters: {
              ipPermissions: { items: { ipv6Ranges: { items: { cidrIpv6: ['::/0'] } } } },
            },
          },
          // The flat form of the API (CidrIp / IpProtocol / FromPort / ToPort on the request).
          { requestParameters: { cidrIp: ['0.0.0.0/0'] } },
        ],
      },
    },
  },
  // Before the medium change rules: a denied change changed nothing.
  {
    id: 'unauthorized-api-call',
    title: 'Unauthorized API call',
    severity: 'medium',
    cis: '4.1',
    rationale: 'denied calls can reveal probing with stolen credentials or a broken deployment',
    pattern: {
      'detail-type': [API_CALL],
      detail: {
        errorCode: [{ suffix: 'UnauthorizedOperation' }, { prefix: 'AccessDenied' }],
        // As in CIS v1.2: log delivery probes and HeadBucket denials are routine noise.
        sourceIPAddress: [{ 'anything-but': 'delivery.logs.amazonaws.com' }],
        eventName: [{ 'anything-but': 'HeadBucket' }],
      },
    },
  },
  {
    id: 'security-group-change',
    title: 'Security group changed',
    severity: 'medium',
    cis: '4.10',
    rationale: 'security groups decide what can reach instances; changes can expose services',
    pattern: {
      source: ['aws.ec2'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['ec2.amazonaws.com'],
        eventName: [
          'AuthorizeSecurityGroupIngress',
          'AuthorizeSecurityGroupEgress',
          'RevokeSecurityGroupIngress',
          'RevokeSecurityGroupEgress',
          'CreateSecurityGroup',
          'DeleteSecurityGroup',
        ],
      },
    },
  },
  // ── Identity ────────────────────────────────────────────────────────────────────────
  {
    id: 'console-sign-in-without-mfa',
    title: 'Console sign-in without MFA',
    severity: 'high',
    cis: '4.2',
    rationale: 'a password alone is one phishing page away from an attacker',
    pattern: {
      source: ['aws.signin'],
      'detail-type': [CONSOLE_SIGN_IN],
      detail: {
        eventName: ['ConsoleLogin'],
        userIdentity: { type: ['IAMUser'] },
        responseElements: { ConsoleLogin: ['Success'] },
        // MFAUsed is "Yes", "YES" or "No" depending on the sign-in path.
        additionalEventData: { MFAUsed: [{ 'anything-but': { 'equals-ignore-case': 'yes' } }] },
      },
    },
  },
  {
    id: 'iam-mfa-device-removed',
    title: 'MFA device deactivated or deleted',
    severity: 'high',
    rationale: 'removing MFA leaves the user protected by a password alone',
    pattern: {
      source: ['aws.iam'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['iam.amazonaws.com'],
        eventName: ['DeactivateMFADevice', 'DeleteVirtualMFADevice'],
      },
    },
  },
  {
    id: 'organizations-change',
    title: 'AWS Organizations changed',
    severity: 'high',
    cis: '4.15',
    rationale: 'organization changes move accounts and policies that guard every member account',
    pattern: {
      source: ['aws.organizations'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['organizations.amazonaws.com'],
        eventName: [
          'AcceptHandshake',
          'AttachPolicy',
          'CreateAccount',
          'CreateOrganizationalUnit',
          'CreatePolicy',
          'DeclineHandshake',
          'DeleteOrganization',
          'DeleteOrganizationalUnit',
          'DeletePolicy',
          'DetachPolicy',
          'DisablePolicyType',
          'EnablePolicyType',
          'InviteAccountToOrganization',
          'LeaveOrganization',
          'MoveAccount',
          'RemoveAccountFromOrganization',
          'UpdatePolicy',
          'UpdateOrganizationalUnit',
        ],
      },
    },
  },
  {
    id: 'iam-access-key-created',
    title: 'IAM access key created',
    severity: 'medium',
    rationale: 'a new long-lived access key is a common way to keep access to an account',
    pattern: {
      source: ['aws.iam'],
      'detail-type': [API_CALL],
      detail: { eventSource: ['iam.amazonaws.com'], eventName: ['CreateAccessKey'] },
    },
  },
  {
    id: 'iam-login-profile-change',
    title: 'IAM console password created or changed',
    severity: 'medium',
    rationale: 'setting another user’s console password gives whoever set it that user’s access',
    pattern: {
      source: ['aws.iam'],
      'detail-type': [API_CALL],
      detail: { eventSource: ['iam.amazonaws.com'], eventName: ['CreateLoginProfile', 'UpdateLoginProfile'] },
    },
  },
  {
    id: 'iam-policy-change',
    title: 'IAM policy changed',
    severity: 'medium',
    cis: '4.4',
    rationale: 'policy changes grant or remove permissions and can open a path to escalation',
    pattern: {
      source: ['aws.iam'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['iam.amazonaws.com'],
        eventName: [
          'DeleteGroupPolicy',
          'DeleteRolePolicy',
          'DeleteUserPolicy',
          'PutGroupPolicy',
          'PutRolePolicy',
          'PutUserPolicy',
          'CreatePolicy',
          'DeletePolicy',
          'CreatePolicyVersion',
          'DeletePolicyVersion',
          'AttachRolePolicy',
          'DetachRolePolicy',
          'AttachUserPolicy',
          'DetachUserPolicy',
          'AttachGroupPolicy',
          'DetachGroupPolicy',
        ],
      },
    },
  },
  {
    id: 's3-bucket-policy-change',
    title: 'S3 bucket policy or ACL changed',
    severity: 'medium',
    cis: '4.8',
    rationale: 'bucket policies and ACLs decide who can read the data; a change can make it public',
    pattern: {
      source: ['aws.s3'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['s3.amazonaws.com'],
        eventName: [
          'PutBucketAcl',
          'PutBucketPolicy',
          'PutBucketCors',
          'PutBucketLifecycle',
          'PutBucketReplication',
          'DeleteBucketPolicy',
          'DeleteBucketCors',
          'DeleteBucketLifecycle',
          'DeleteBucketReplication',
        ],
      },
    },
  },
  {
    id: 'console-sign-in-failure',
    title: 'Console sign-in failed',
    severity: 'medium',
    cis: '4.6',
    rationale: 'repeated failed sign-ins can mean someone is guessing passwords',
    pattern: {
      source: ['aws.signin'],
      'detail-type': [CONSOLE_SIGN_IN],
      detail: { eventName: ['ConsoleLogin'], errorMessage: ['Failed authentication'] },
    },
  },
  // ── Network plumbing (CIS 4.11–4.14): usually infrastructure-as-code, so low ───────────
  {
    id: 'network-acl-change',
    title: 'Network ACL changed',
    severity: 'low',
    cis: '4.11',
    rationale: 'network ACLs filter traffic for whole subnets',
    pattern: {
      source: ['aws.ec2'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['ec2.amazonaws.com'],
        eventName: [
          'CreateNetworkAcl',
          'CreateNetworkAclEntry',
          'DeleteNetworkAcl',
          'DeleteNetworkAclEntry',
          'ReplaceNetworkAclEntry',
          'ReplaceNetworkAclAssociation',
        ],
      },
    },
  },
  {
    id: 'network-gateway-change',
    title: 'Network gateway changed',
    severity: 'low',
    cis: '4.12',
    rationale: 'gateways decide which traffic can enter or leave the VPC',
    pattern: {
      source: ['aws.ec2'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['ec2.amazonaws.com'],
        eventName: [
          'CreateCustomerGateway',
          'DeleteCustomerGateway',
          'AttachInternetGateway',
          'CreateInternetGateway',
          'DeleteInternetGateway',
          'DetachInternetGateway',
        ],
      },
    },
  },
  {
    id: 'route-table-change',
    title: 'Route table changed',
    severity: 'low',
    cis: '4.13',
    rationale: 'a changed route can send traffic around inspection or out of the VPC',
    pattern: {
      source: ['aws.ec2'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['ec2.amazonaws.com'],
        eventName: [
          'CreateRoute',
          'CreateRouteTable',
          'ReplaceRoute',
          'ReplaceRouteTableAssociation',
          'DeleteRouteTable',
          'DeleteRoute',
          'DisassociateRouteTable',
        ],
      },
    },
  },
  {
    id: 'vpc-change',
    title: 'VPC changed',
    severity: 'low',
    cis: '4.14',
    rationale: 'VPC and peering changes can connect networks that were meant to stay apart',
    pattern: {
      source: ['aws.ec2'],
      'detail-type': [API_CALL],
      detail: {
        eventSource: ['ec2.amazonaws.com'],
        eventName: [
          'CreateVpc',
          'DeleteVpc',
          'ModifyVpcAttribute',
          'AcceptVpcPeeringConnection',
          'CreateVpcPeeringConnection',
          'DeleteVpcPeeringConnection',
          'RejectVpcPeeringConnection',
          'AttachClassicLinkVpc',
          'DetachClassicLinkVpc',
          'DisableVpcClassicLink',
          'EnableVpcClassicLink',
        ],
      },
    },
  },
];
