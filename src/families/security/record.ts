/**
 * The CloudTrail record carried in `detail` of "AWS API Call via CloudTrail" and "AWS Console
 * Sign In via CloudTrail" events. Loose objects: CloudTrail adds fields over time, and only
 * what the message shows is declared.
 */
import * as z from 'zod/mini';

const optionalString = z.optional(z.string());

const sessionIssuer = z.looseObject({
  type: optionalString,
  userName: optionalString,
  arn: optionalString,
  principalId: optionalString,
  accountId: optionalString,
});

const sessionContext = z.looseObject({
  sessionIssuer: z.optional(sessionIssuer),
  attributes: z.optional(
    z.looseObject({
      // "true"/"false" as strings in CloudTrail; tolerate booleans.
      mfaAuthenticated: z.optional(z.union([z.string(), z.boolean()])),
      creationDate: optionalString,
    }),
  ),
  sourceIdentity: optionalString,
  webIdFederationData: z.optional(z.looseObject({ federatedProvider: optionalString })),
});

export const userIdentitySchema = z.looseObject({
  type: optionalString,
  arn: optionalString,
  userName: optionalString,
  principalId: optionalString,
  accountId: optionalString,
  accessKeyId: optionalString,
  invokedBy: optionalString,
  sessionContext: z.optional(sessionContext),
  /** IAM Identity Center user behind an assumed role or an Identity Center session. */
  onBehalfOf: z.optional(z.looseObject({ userId: optionalString, identityStoreArn: optionalString })),
});
export type UserIdentity = z.infer<typeof userIdentitySchema>;

/** JSON objects CloudTrail may also write as `null`. */
const maybeObject = z.optional(z.nullable(z.record(z.string(), z.unknown())));

export const cloudTrailRecordSchema = z.looseObject({
  eventVersion: optionalString,
  userIdentity: z.optional(userIdentitySchema),
  eventTime: optionalString,
  eventSource: z.string(),
  eventName: z.string(),
  awsRegion: optionalString,
  sourceIPAddress: optionalString,
  userAgent: optionalString,
  errorCode: optionalString,
  errorMessage: optionalString,
  requestParameters: maybeObject,
  responseElements: maybeObject,
  additionalEventData: maybeObject,
  eventID: optionalString,
  eventType: optionalString,
  readOnly: z.optional(z.boolean()),
  recipientAccountId: optionalString,
});
export type CloudTrailRecord = z.infer<typeof cloudTrailRecordSchema>;

/** "ec2" for "ec2.amazonaws.com": the prefix IAM actions use. */
export function serviceOf(eventSource: string): string {
  return eventSource.replace(/\.amazonaws\.com$/, '');
}
