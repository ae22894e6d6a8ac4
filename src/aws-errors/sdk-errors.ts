/**
 * Reading the errors the port's calls (and other SDK v3 calls) fail with: throttling to retry,
 * a resource that does not exist, the error's safe name, and a message a person can act on.
 * Only names, codes and HTTP statuses are read: the SDK types are not imported, so the domain
 * stays free of the SDK.
 */

/** AWS error names meaning "slow down" across CloudWatch, Logs and Lambda. */
const THROTTLE_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
]);

interface AwsLikeError {
  name?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** Whether an error from a port call is throttling (retry later). */
export function isThrottle(error: unknown): boolean {
  const e = (error ?? {}) as AwsLikeError;
  return (
    (typeof e.name === 'string' && THROTTLE_NAMES.has(e.name)) ||
    e.$retryable?.throttling === true ||
    e.$metadata?.httpStatusCode === 429
  );
}

/** Whether an error says the log group or function does not exist. */
export function isNotFound(error: unknown): boolean {
  const e = (error ?? {}) as AwsLikeError;
  return e.name === 'ResourceNotFoundException';
}

/** The error's name for a report ("AccessDeniedException"), never its message (it may quote ARNs or data). */
export function errorName(error: unknown): string {
  const e = (error ?? {}) as AwsLikeError;
  return typeof e.name === 'string' && e.name !== '' ? e.name : 'Error';
}

interface AwsErrorShape {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
}

const CODE = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const PROFILE = /using profile: \[([^\]\s]{1,128})\]/;

/**
 * The AWS error code and a message a person can act on: the SDK's own words, except where they
 * are cryptic (no credentials, a profile that does not exist, an expired SSO session). The
 * message is one line, at most 300 characters; callers that show it elsewhere redact it.
 *
 * @example
 * ```ts
 * describeAwsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
 * // { code: 'CredentialsProviderError', message: 'no AWS credentials found: set AWS_PROFILE or …', text: 'CredentialsProviderError: no AWS credentials found: …' }
 * ```
 */
export function describeAwsError(error: unknown): { code: string; message: string; text: string } {
  const e = (error ?? {}) as AwsErrorShape;
  const rawCode =
    typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof e.Code === 'string' ? e.Code : '';
  const code = CODE.test(rawCode) ? rawCode : 'Error';
  const raw = (typeof e.message === 'string' ? e.message : '').replace(/\s+/g, ' ').trim();
  let message = raw;
  if (code === 'CredentialsProviderError' || /Could not load credentials/i.test(raw)) {
    const profile = PROFILE.exec(raw)?.[1];
    if (profile) {
      message = `AWS profile "${profile}" not found in ~/.aws/config or ~/.aws/credentials: check the name (aws configure list-profiles)`;
    } else if (/sso|token.*(expired|invalid)/i.test(raw)) {
      message = `the AWS SSO session has expired: run aws sso login (${raw.slice(0, 120)})`;
    } else {
      message =
        'no AWS credentials found: set AWS_PROFILE or pass --profile, run aws sso login or aws configure, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
    }
  }
  if (message.length > 300) message = `${message.slice(0, 299)}…`;
  return { code, message, text: message ? `${code}: ${message}` : code };
}
