/**
 * The key request parameters of a CloudTrail call, per kind of event: dedicated views for
 * the changes the catalogue watches, a generic one (identifiers + compact JSON) otherwise.
 */
import { IAM_VIEWS } from './iam.js';
import { type CloudTrailRecord, serviceOf } from './record.js';
import { SECURITY_GROUP_VIEWS } from './security-group.js';
import { SERVICE_VIEWS } from './services.js';
import { isObject, type Json } from './values.js';
import { facts, type RequestView, type ViewFn } from './view.js';

export type { RequestView } from './view.js';

const BY_SOURCE: Readonly<Record<string, Readonly<Record<string, ViewFn>>>> = {
  ...SERVICE_VIEWS,
  'ec2.amazonaws.com': SECURITY_GROUP_VIEWS,
  'iam.amazonaws.com': IAM_VIEWS,
};

/** Request keys that name the thing acted on (ids, names, ARNs, CIDR blocks). */
const IDENTIFIER = /(Id|Name|Arn|CidrBlock|Identifier)$/;
const MAX_IDENTIFIERS = 4;

/** Scalar identifiers at the top of the request: the best generic summary of "on what". */
function identifiers(p: Json): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(p)) {
    if (out.length >= MAX_IDENTIFIERS) break;
    if (!IDENTIFIER.test(key)) continue;
    if (typeof value === 'string' && value !== '') out.push([key, value]);
    else if (typeof value === 'number') out.push([key, String(value)]);
  }
  return out;
}

function genericView(p: Json | undefined, record: CloudTrailRecord): RequestView {
  const ids = p ? identifiers(p) : [];
  const on = ids.length > 0 ? ` on ${ids.map(([, v]) => v).join(', ')}` : '';
  const hasParams = p !== undefined && Object.keys(p).length > 0;
  return {
    phrase: `called ${serviceOf(record.eventSource)}:${record.eventName}${on}`,
    facts: facts(...ids),
    ...(hasParams ? { detail: p } : {}),
  };
}

/**
 * Describes what a CloudTrail call asked for.
 *
 * @example
 * ```ts
 * describeRequest(record).phrase; // 'scheduled KMS key 1234abcd-… for deletion in 7 days'
 * ```
 */
export function describeRequest(record: CloudTrailRecord): RequestView {
  const params = isObject(record.requestParameters) ? record.requestParameters : undefined;
  const view = BY_SOURCE[record.eventSource]?.[record.eventName];
  return view ? view(params ?? {}, record) : genericView(params, record);
}
