/**
 * Views for CloudTrail, KMS, S3, AWS Config and GuardDuty changes: the trail, key, bucket,
 * recorder or detector, and the setting that changed.
 */

import type { Link } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import type { CloudTrailRecord } from './record.js';
import {
  at,
  compactJson,
  isObject,
  type Json,
  listing,
  nameFromArn,
  strings,
  text,
  words,
} from './values.js';
import { facts, type ViewFn } from './view.js';

// ── CloudTrail ───────────────────────────────────────────────────────────────────────
function trailOf(p: Json): string {
  const name = text(p, 'name') ?? text(p, 'trailName');
  return name ? nameFromArn(name) : 'a trail';
}

function trail(verb: (t: string) => string): ViewFn {
  return (p) => ({
    phrase: verb(trailOf(p)),
    facts: facts(
      ['Trail', text(p, 'name') ?? text(p, 'trailName')],
      ['S3 bucket', text(p, 's3BucketName')],
      ['Multi-region', text(p, 'isMultiRegionTrail')],
      ['Log file validation', text(p, 'enableLogFileValidation')],
    ),
  });
}

const CLOUDTRAIL: Record<string, ViewFn> = {
  StopLogging: trail((t) => `stopped logging on CloudTrail trail ${t}`),
  StartLogging: trail((t) => `started logging on CloudTrail trail ${t}`),
  DeleteTrail: trail((t) => `deleted CloudTrail trail ${t}`),
  CreateTrail: trail((t) => `created CloudTrail trail ${t}`),
  UpdateTrail: trail((t) => `updated CloudTrail trail ${t}`),
  PutEventSelectors: (p) => ({
    phrase: `changed the event selectors of CloudTrail trail ${trailOf(p)}`,
    facts: facts(
      ['Trail', text(p, 'trailName')],
      ['Event selectors', p.eventSelectors === undefined ? undefined : compactJson(p.eventSelectors)],
      [
        'Advanced selectors',
        p.advancedEventSelectors === undefined ? undefined : compactJson(p.advancedEventSelectors),
      ],
    ),
  }),
};

// ── KMS ──────────────────────────────────────────────────────────────────────────────
/** A console link for a key id or key ARN (aliases have no key page). */
function keyLink(record: CloudTrailRecord, keyId: string | undefined): Link[] {
  const id = keyId?.match(/^(?:arn:[^:]+:kms:[^:]*:\d*:key\/)?([0-9a-f-]{36}|mrk-[0-9a-f]{32})$/)?.[1];
  if (!id || !record.awsRegion) return [];
  return [
    {
      text: 'Open KMS key',
      url: consoleUrl(record.awsRegion, 'kms/home', `/kms/keys/${encodeUriPart(id)}`),
    },
  ];
}

const KMS: Record<string, ViewFn> = {
  ScheduleKeyDeletion: (p, record) => {
    const key = text(p, 'keyId') ?? 'a key';
    // KMS waits 30 days when the request names no window.
    const days = text(p, 'pendingWindowInDays') ?? '30';
    return {
      phrase: `scheduled KMS key ${key} for deletion in ${days} days`,
      facts: facts(
        ['KMS key', key],
        ['Pending days', days],
        ['Deletion date', text(record.responseElements, 'deletionDate')],
      ),
      links: keyLink(record, key),
    };
  },
  DisableKey: (p, record) => ({
    phrase: words('disabled KMS key', text(p, 'keyId')),
    facts: facts(['KMS key', text(p, 'keyId')]),
    links: keyLink(record, text(p, 'keyId')),
  }),
};

// ── S3 ───────────────────────────────────────────────────────────────────────────────
function bucketLink(record: CloudTrailRecord, bucket: string | undefined): Link[] {
  if (!bucket || !record.awsRegion) return [];
  return [{ text: 'Open bucket', url: consoleUrl(record.awsRegion, `s3/buckets/${encodeUriPart(bucket)}`) }];
}

function bucket(what: string): ViewFn {
  return (p, record) => {
    const name = text(p, 'bucketName');
    return {
      phrase: what.replace('{bucket}', name ?? 'a bucket'),
      facts: facts(
        ['Bucket', name],
        [
          'Bucket policy',
          text(p, 'bucketPolicy') ?? (isObject(p.bucketPolicy) ? compactJson(p.bucketPolicy) : undefined),
        ],
      ),
      links: bucketLink(record, name),
    };
  };
}

const BLOCK_SETTINGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

function publicAccessBlock(p: Json, record: CloudTrailRecord) {
  const config = at(p, 'PublicAccessBlockConfiguration');
  const off = BLOCK_SETTINGS.filter((s) => at(config, s) === false || text(config, s) === 'false');
  const name = text(p, 'bucketName');
  const account = text(p, 'accountId') ?? record.recipientAccountId;
  const target = name ? `bucket ${name}` : words('account', account);
  return {
    phrase:
      off.length > 0
        ? `turned off ${listing(off)} in the S3 Block Public Access of ${target}`
        : `changed the S3 Block Public Access of ${target}`,
    facts: facts([name ? 'Bucket' : 'Account', name ?? account], ['Turned off', off.join(', ')]),
    links: bucketLink(record, name),
  };
}

function removeBlock(p: Json, record: CloudTrailRecord) {
  const name = text(p, 'bucketName');
  const account = text(p, 'accountId') ?? record.recipientAccountId;
  return {
    phrase: name
      ? `removed S3 Block Public Access from bucket ${name}`
      : `removed the account-level S3 Block Public Access${account ? ` of account ${account}` : ''}`,
    facts: facts([name ? 'Bucket' : 'Account', name ?? account], ['Scope', name ? 'bucket' : 'account']),
    links: bucketLink(record, name),
  };
}

const S3: Record<string, ViewFn> = {
  PutBucketPolicy: bucket('changed the bucket policy of {bucket}'),
  DeleteBucketPolicy: bucket('deleted the bucket policy of {bucket}'),
  PutBucketAcl: bucket('changed the ACL of bucket {bucket}'),
  PutBucketCors: bucket('changed the CORS configuration of bucket {bucket}'),
  DeleteBucketCors: bucket('deleted the CORS configuration of bucket {bucket}'),
  PutBucketLifecycle: bucket('changed the lifecycle rules of bucket {bucket}'),
  DeleteBucketLifecycle: bucket('deleted the lifecycle rules of bucket {bucket}'),
  PutBucketReplication: bucket('changed the replication of bucket {bucket}'),
  DeleteBucketReplication: bucket('deleted the replication of bucket {bucket}'),
  DeleteBucketPublicAccessBlock: removeBlock,
  DeleteAccountPublicAccessBlock: removeBlock,
  DeletePublicAccessBlock: removeBlock,
  PutBucketPublicAccessBlock: publicAccessBlock,
  PutAccountPublicAccessBlock: publicAccessBlock,
  PutPublicAccessBlock: publicAccessBlock,
};

// ── AWS Config ───────────────────────────────────────────────────────────────────────
const CONFIG: Record<string, ViewFn> = {
  StopConfigurationRecorder: (p) => ({
    phrase: words('stopped AWS Config recorder', text(p, 'configurationRecorderName')),
    facts: facts(['Recorder', text(p, 'configurationRecorderName')]),
  }),
  PutConfigurationRecorder: (p) => ({
    phrase: words('changed AWS Config recorder', text(at(p, 'configurationRecorder'), 'name')),
    facts: facts(
      ['Recorder', text(at(p, 'configurationRecorder'), 'name')],
      ['Recording group', compactJson(at(p, 'configurationRecorder.recordingGroup')) || undefined],
    ),
  }),
  DeleteDeliveryChannel: (p) => ({
    phrase: words('deleted AWS Config delivery channel', text(p, 'deliveryChannelName')),
    facts: facts(['Delivery channel', text(p, 'deliveryChannelName')]),
  }),
  PutDeliveryChannel: (p) => ({
    phrase: words('changed AWS Config delivery channel', text(at(p, 'deliveryChannel'), 'name')),
    facts: facts(
      ['Delivery channel', text(at(p, 'deliveryChannel'), 'name')],
      ['S3 bucket', text(at(p, 'deliveryChannel'), 's3BucketName')],
    ),
  }),
};

// ── GuardDuty ────────────────────────────────────────────────────────────────────────
function members(p: Json): string[] {
  const ids = strings(p.accountIds);
  return ids.length > 0 ? ids : strings(at(p, 'accountDetails'));
}

const GUARDDUTY: Record<string, ViewFn> = {
  DeleteDetector: (p) => ({
    phrase: words('deleted GuardDuty detector', text(p, 'detectorId')),
    facts: facts(['Detector', text(p, 'detectorId')]),
  }),
  UpdateDetector: (p) => ({
    phrase:
      text(p, 'enable') === 'false'
        ? words('disabled GuardDuty detector', text(p, 'detectorId'))
        : words('updated GuardDuty detector', text(p, 'detectorId')),
    facts: facts(
      ['Detector', text(p, 'detectorId')],
      ['Enabled', text(p, 'enable')],
      ['Finding frequency', text(p, 'findingPublishingFrequency')],
    ),
  }),
  DisassociateFromMasterAccount: (p) => ({
    phrase: 'disassociated this account from its GuardDuty administrator account',
    facts: facts(['Detector', text(p, 'detectorId')]),
  }),
  DisassociateFromAdministratorAccount: (p) => ({
    phrase: 'disassociated this account from its GuardDuty administrator account',
    facts: facts(['Detector', text(p, 'detectorId')]),
  }),
  DisassociateMembers: (p) => ({
    phrase: `disassociated GuardDuty member accounts ${listing(members(p))}`.trim(),
    facts: facts(['Detector', text(p, 'detectorId')], ['Member accounts', members(p).join(', ')]),
  }),
  DeleteMembers: (p) => ({
    phrase: `deleted GuardDuty member accounts ${listing(members(p))}`.trim(),
    facts: facts(['Detector', text(p, 'detectorId')], ['Member accounts', members(p).join(', ')]),
  }),
  StopMonitoringMembers: (p) => ({
    phrase: `stopped GuardDuty monitoring of member accounts ${listing(members(p))}`.trim(),
    facts: facts(['Detector', text(p, 'detectorId')], ['Member accounts', members(p).join(', ')]),
  }),
};

export const SERVICE_VIEWS: Readonly<Record<string, Readonly<Record<string, ViewFn>>>> = {
  'cloudtrail.amazonaws.com': CLOUDTRAIL,
  'kms.amazonaws.com': KMS,
  's3.amazonaws.com': S3,
  's3-control.amazonaws.com': S3,
  'config.amazonaws.com': CONFIG,
  'guardduty.amazonaws.com': GUARDDUTY,
};
