import type { Fact, Link } from '../../alerts/alert.js';
import type { CloudTrailRecord } from './record.js';
import type { Json } from './values.js';

/** What a kind of request changed, in words and facts. */
export interface RequestView {
  /** Verb phrase without a subject: "opened security group sg-1 to 0.0.0.0/0 on port 22". */
  readonly phrase: string;
  /** The key request parameters, not the whole request. */
  readonly facts: readonly Fact[];
  /** Links to the changed resource, when a console page exists. */
  readonly links?: readonly Link[];
  /** Raw `requestParameters`, only for kinds without a dedicated view. */
  readonly detail?: unknown;
}

/** A view for one or more event names; `p` is `requestParameters` (never null). */
export type ViewFn = (p: Json, record: CloudTrailRecord) => RequestView;

/** Keeps facts whose value is present. */
export function facts(...list: Array<[label: string, value: string | undefined]>): Fact[] {
  return list
    .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '')
    .map(([label, value]) => ({ label, value }));
}
