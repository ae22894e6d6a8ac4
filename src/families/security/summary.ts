/**
 * The one sentence that says what happened: "root signed in to the console from
 * 203.0.113.7 with MFA.", "ci-bot was denied ec2:RunInstances.".
 */
import type { Principal } from './principal.js';
import { type CloudTrailRecord, serviceOf } from './record.js';
import { text } from './values.js';
import type { RequestView } from './view.js';

/** Error codes that mean "not allowed" (CIS 4.1 and its common variants). */
const DENIED =
  /^(AccessDenied|.*UnauthorizedOperation$|UnauthorizedAccess|.*AccessDeniedException$|Unauthorized$)/;

/** Whether the call was refused for lack of permission. */
export function isDenied(errorCode: string | undefined): boolean {
  return errorCode !== undefined && DENIED.test(errorCode);
}

/** "with MFA" / "without MFA" from `MFAUsed`, whose case varies (Yes, YES, No). */
export function mfaUsed(record: CloudTrailRecord): boolean | undefined {
  const value = text(record.additionalEventData, 'MFAUsed');
  if (value === undefined) return undefined;
  return value.toLowerCase() === 'yes';
}

/** Whether this is a console sign-in (success or failure). */
export function isConsoleLogin(record: CloudTrailRecord): boolean {
  return record.eventName === 'ConsoleLogin';
}

function signIn(record: CloudTrailRecord, principal: Principal): string {
  const from = record.sourceIPAddress ? ` from ${record.sourceIPAddress}` : '';
  const outcome = text(record.responseElements, 'ConsoleLogin');
  if (outcome === 'Failure' || record.errorMessage) {
    return `${principal.subject} failed to sign in to the console${from}${record.errorMessage ? ` (${record.errorMessage})` : ''}`;
  }
  // MFAUsed speaks only for AWS's own sign-in page (IAM users, root); a federated sign-in
  // says "No" even when the identity provider asked for MFA.
  const type = record.userIdentity?.type;
  const mfa = type === 'IAMUser' || type === 'Root' ? mfaUsed(record) : undefined;
  return `${principal.subject} signed in to the console${from}${mfa === undefined ? '' : mfa ? ' with MFA' : ' without MFA'}`;
}

/**
 * One sentence, subject first, ending with a full stop.
 *
 * @example
 * ```ts
 * summarise(record, principal, view); // 'alice (role Admin, session alice@example.com) opened security group sg-1 to 0.0.0.0/0 on port 22.'
 * ```
 */
export function summarise(record: CloudTrailRecord, principal: Principal, view: RequestView): string {
  const action = `${serviceOf(record.eventSource)}:${record.eventName}`;
  let sentence: string;
  if (isConsoleLogin(record)) sentence = signIn(record, principal);
  else if (isDenied(record.errorCode)) sentence = `${principal.subject} was denied ${action}`;
  else if (record.errorCode)
    sentence = `${principal.subject} called ${action}, which failed with ${record.errorCode}`;
  else sentence = `${principal.subject} ${view.phrase}`;
  return `${sentence.trim()}.`;
}
