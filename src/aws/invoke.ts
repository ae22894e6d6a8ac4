/**
 * Asynchronous Lambda invoke (InvocationType Event) through the SDK v3 Lambda client, bundled at
 * its pinned version: the slack handler hands a query to the errors-worker and returns at once,
 * notify hands an evidence job to the evidence worker; Lambda queues the event and retries it on
 * its own.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describeAwsError } from '../aws-errors/sdk-errors.js';
import { CloudbellError } from '../core/errors.js';
import { lambdaClient } from './lambda.js';

/** The worker could not be invoked; the ack says so instead of promising an answer. */
export class InvokeError extends CloudbellError {
  /** The AWS error code (`ResourceNotFoundException`, `CredentialsProviderError`…) or the HTTP status: safe to show. */
  readonly code: string;

  constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export interface InvokeOptions {
  /** Per attempt (two attempts); the default suits an answer Slack waits for. */
  readonly requestTimeoutMs?: number;
}

/**
 * Queues `payload` for `functionName` and resolves once Lambda accepted it (HTTP 202).
 *
 * @throws {InvokeError} when Lambda refuses or does not answer in time
 * @example
 * ```ts
 * await invokeAsync(process.env.ERRORS_WORKER_FUNCTION ?? '', { kind: 'command', … });
 * ```
 */
export async function invokeAsync(
  functionName: string,
  payload: unknown,
  options: InvokeOptions = {},
): Promise<void> {
  // Two attempts, short timeouts by default: the slash command runs inside Slack's 3-second window.
  const client = lambdaClient({}, { maxAttempts: 2, requestTimeoutMs: options.requestTimeoutMs ?? 1_500 });
  try {
    const out = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(payload)),
      }),
    );
    if (out.StatusCode !== 202)
      throw new InvokeError(
        `invoke of ${functionName} answered ${out.StatusCode ?? 'no status'}`,
        `HTTP ${out.StatusCode ?? 'no status'}`,
      );
  } catch (cause) {
    if (cause instanceof InvokeError) throw cause;
    const { code } = describeAwsError(cause);
    throw new InvokeError(`cannot invoke ${functionName}: ${code}`, code, { cause });
  }
}
