/**
 * The errors of cloudbell's DynamoDB table, in the `CloudbellError` hierarchy (each keeps its
 * `cause`), and the one test for a conditional write's expected "no".
 */
import { CloudbellError } from '../core/errors.js';

/** A read or write of cloudbell's DynamoDB table failed. */
export class StateError extends CloudbellError {}

/**
 * The table is given up on for the rest of this invocation (it timed out, refused, throttled or
 * its share of the invocation is spent): delivery goes on without dedupe and threads.
 */
export class StateUnavailableError extends StateError {}

/** True for the SDK's ConditionalCheckFailedException (the expected "no" of a conditional write). */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
