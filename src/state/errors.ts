import { CloudbellError } from '../errors.js';

/** A read or write of cloudbell's DynamoDB table failed. */
export class StateError extends CloudbellError {}

/** True for the SDK's ConditionalCheckFailedException (the expected "no" of a conditional write). */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
