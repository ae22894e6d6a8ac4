/**
 * IAM changes: policies attached and to whom, inline policies, access keys, console
 * passwords and MFA devices.
 */

import type { Link } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import type { CloudTrailRecord } from './record.js';
import { at, type Json, nameFromArn, text, words } from './values.js';
import { facts, type ViewFn } from './view.js';

type TargetKind = 'role' | 'user' | 'group';

const TARGET_LABEL: Record<TargetKind, string> = { role: 'Role', user: 'User', group: 'Group' };

/** IAM is global: its console lives in us-east-1 of each partition. */
function iamRegion(record: CloudTrailRecord): string {
  const region = record.awsRegion ?? 'us-east-1';
  if (region.startsWith('cn-')) return 'cn-north-1';
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

function targetLink(record: CloudTrailRecord, kind: TargetKind, name: string | undefined): Link[] {
  if (!name) return [];
  const page = kind === 'role' ? 'roles' : kind === 'user' ? 'users' : 'groups';
  return [
    {
      text: `Open ${kind}`,
      url: consoleUrl(iamRegion(record), 'iam/home', `/${page}/details/${encodeUriPart(name)}`),
    },
  ];
}

function targetName(p: Json, kind: TargetKind): string | undefined {
  return text(p, `${kind}Name`);
}

function attach(kind: TargetKind, detach: boolean): ViewFn {
  return (p, record) => {
    const policyArn = text(p, 'policyArn');
    const policy = policyArn ? nameFromArn(policyArn) : 'a policy';
    const target = targetName(p, kind) ?? `a ${kind}`;
    return {
      phrase: detach
        ? `detached policy ${policy} from ${kind} ${target}`
        : `attached policy ${policy} to ${kind} ${target}`,
      facts: facts(['Policy', policyArn], [TARGET_LABEL[kind], targetName(p, kind)]),
      links: targetLink(record, kind, targetName(p, kind)),
    };
  };
}

function inline(kind: TargetKind, remove: boolean): ViewFn {
  return (p, record) => {
    const policy = text(p, 'policyName') ?? 'an inline policy';
    const target = targetName(p, kind) ?? `a ${kind}`;
    return {
      phrase: remove
        ? `deleted inline policy ${policy} from ${kind} ${target}`
        : `put inline policy ${policy} on ${kind} ${target}`,
      facts: facts(
        ['Inline policy', text(p, 'policyName')],
        [TARGET_LABEL[kind], targetName(p, kind)],
        ['Policy document', text(p, 'policyDocument')],
      ),
      links: targetLink(record, kind, targetName(p, kind)),
    };
  };
}

/** The managed policy's name from `policyArn`, when there is one. */
function policyName(p: Json): string | undefined {
  const arn = text(p, 'policyArn');
  return arn ? nameFromArn(arn) : undefined;
}

/** The user an IAM call acted on: the request's userName, else the caller itself. */
function userOf(p: Json, record: CloudTrailRecord): string | undefined {
  return (
    text(p, 'userName') ??
    (record.userIdentity?.type === 'IAMUser' ? record.userIdentity.userName : undefined)
  );
}

export const IAM_VIEWS: Readonly<Record<string, ViewFn>> = {
  AttachRolePolicy: attach('role', false),
  AttachUserPolicy: attach('user', false),
  AttachGroupPolicy: attach('group', false),
  DetachRolePolicy: attach('role', true),
  DetachUserPolicy: attach('user', true),
  DetachGroupPolicy: attach('group', true),
  PutRolePolicy: inline('role', false),
  PutUserPolicy: inline('user', false),
  PutGroupPolicy: inline('group', false),
  DeleteRolePolicy: inline('role', true),
  DeleteUserPolicy: inline('user', true),
  DeleteGroupPolicy: inline('group', true),
  CreatePolicy: (p, record) => ({
    phrase: words('created policy', text(p, 'policyName')),
    facts: facts(
      ['Policy', text(at(record.responseElements, 'policy'), 'arn') ?? text(p, 'policyName')],
      ['Policy document', text(p, 'policyDocument')],
    ),
  }),
  DeletePolicy: (p) => ({
    phrase: words('deleted policy', policyName(p)),
    facts: facts(['Policy', text(p, 'policyArn')]),
  }),
  CreatePolicyVersion: (p) => ({
    phrase: words(
      'created a new version of policy',
      policyName(p),
      text(p, 'setAsDefault') === 'true' && 'and made it the default',
    ),
    facts: facts(
      ['Policy', text(p, 'policyArn')],
      ['Default', text(p, 'setAsDefault') === 'true' ? 'yes' : undefined],
      ['Policy document', text(p, 'policyDocument')],
    ),
  }),
  DeletePolicyVersion: (p) => ({
    phrase: words('deleted version', text(p, 'versionId'), 'of policy', policyName(p)),
    facts: facts(['Policy', text(p, 'policyArn')], ['Version', text(p, 'versionId')]),
  }),
  CreateAccessKey: (p, record) => {
    const user = userOf(p, record);
    const keyId = text(at(record.responseElements, 'accessKey'), 'accessKeyId');
    return {
      phrase: words(
        'created access key',
        keyId,
        'for',
        user ? `user ${user}` : record.userIdentity?.type === 'Root' ? 'the root user' : 'their own user',
      ),
      facts: facts(['User', user], ['Access key', keyId]),
      links: targetLink(record, 'user', user),
    };
  },
  CreateLoginProfile: (p, record) => ({
    phrase: `set a console password for user ${userOf(p, record) ?? 'unknown'}`,
    facts: facts(['User', userOf(p, record)], ['Must reset', text(p, 'passwordResetRequired')]),
    links: targetLink(record, 'user', userOf(p, record)),
  }),
  UpdateLoginProfile: (p, record) => ({
    phrase: `changed the console password of user ${userOf(p, record) ?? 'unknown'}`,
    facts: facts(['User', userOf(p, record)], ['Must reset', text(p, 'passwordResetRequired')]),
    links: targetLink(record, 'user', userOf(p, record)),
  }),
  DeactivateMFADevice: (p, record) => ({
    phrase: `deactivated the MFA device of user ${userOf(p, record) ?? 'unknown'}`,
    facts: facts(['User', userOf(p, record)], ['MFA device', text(p, 'serialNumber')]),
    links: targetLink(record, 'user', userOf(p, record)),
  }),
  DeleteVirtualMFADevice: (p) => ({
    phrase: `deleted virtual MFA device ${nameFromArn(text(p, 'serialNumber') ?? 'unknown')}`,
    facts: facts(['MFA device', text(p, 'serialNumber')]),
  }),
};
