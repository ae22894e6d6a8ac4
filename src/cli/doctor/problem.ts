/**
 * An AWS or Slack failure as doctor and init print it: the service's code, then what to do.
 */
import { PortError } from './doctor-ports.js';

export const codeOf = (error: unknown): string =>
  error instanceof PortError ? error.code : error instanceof Error ? error.name : 'Error';
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message.split('\n')[0] || error.name : String(error);

/** What to do about the AWS errors anyone running doctor meets first. */
export const AWS_FIXES: Readonly<Record<string, string>> = {
  CredentialsProviderError:
    'no AWS credentials: set AWS_PROFILE or pass --profile (read-only access is enough)',
  ExpiredToken: 'the AWS session expired: log in again (aws sso login)',
  ExpiredTokenException: 'the AWS session expired: log in again (aws sso login)',
  UnrecognizedClientException: 'the AWS credentials are not valid in this account',
  InvalidClientTokenId: 'the AWS credentials are not valid in this account',
};

/** `Code — what to do` for an AWS failure. */
export const awsProblem = (error: unknown): string =>
  `${codeOf(error)} — ${AWS_FIXES[codeOf(error)] ?? messageOf(error)}`;
