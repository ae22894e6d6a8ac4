/**
 * Lambda `slack`: POST /slack/events (HTTP API, payload v2). Refuses a body larger than any
 * Slack request before reading it, verifies the Slack signature itself (stale AND future
 * timestamps → 401), refuses a replayed signature (the state table remembers each one for the
 * 5-minute window), then lets Bolt route the request to its listeners (src/slack/commands.ts).
 */
import { App, AwsLambdaReceiver, LogLevel } from '@slack/bolt';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { invokeAsync } from '../aws/invoke.js';
import { slackSecret } from '../aws/secrets.js';
import { defaultActionDeps, inWindowClientOptions } from '../slack/actions/deps.js';
import { registerActionListeners } from '../slack/actions/listeners.js';
import { registerCommands } from '../slack/commands.js';
import { verifySlackSignature } from '../slack/verify.js';
import { dynamoReplayGuard, type ReplayGuard } from '../state/replay-guard.js';
import { lambdaConfig } from './config.js';

type BoltHandler = ReturnType<AwsLambdaReceiver['toHandler']>;

/**
 * The largest body accepted. Slack has no documented cap on request bodies; its message text
 * stops at 40,000 characters, which form-encoding at most triples (120 KB) for a slash
 * command, and interactivity payloads carry a message of at most 50 blocks (~13k characters of
 * text). 256 KiB holds all of these with room; a bigger body is not from Slack, and is refused
 * before it is decoded, verified or parsed.
 */
export const MAX_BODY_BYTES = 256 * 1024;

function log(level: 'WARN' | 'ERROR', message: string, extra: Record<string, unknown> = {}): void {
  // stderr, as before: Lambda sends both streams to the log group.
  const line = JSON.stringify({
    level,
    message,
    service: process.env.POWERTOOLS_SERVICE_NAME ?? 'cloudbell',
    ...extra,
  });
  if (level === 'ERROR') console.error(line);
  else console.warn(line);
}

async function buildBolt(): Promise<BoltHandler> {
  const secret = await slackSecret(['signingSecret', 'botToken']);
  const receiver = new AwsLambdaReceiver({ signingSecret: secret.signingSecret, logLevel: LogLevel.WARN });
  // A fixed authorize instead of `token`: Bolt 5 with a token calls auth.test on every request
  // unless given botId and botUserId (tokenVerificationEnabled: false only defers that call),
  // and this listener never needs Slack's API.
  const botToken = secret.botToken;
  const app = new App({
    receiver,
    authorize: async () => ({ botToken }),
    logLevel: LogLevel.WARN,
    clientOptions: inWindowClientOptions(),
  });
  // Buttons and modals (src/slack/actions): the same endpoint, signature and replay checks.
  registerActionListeners(app, defaultActionDeps());
  registerCommands(app, {
    config: lambdaConfig,
    region: process.env.AWS_REGION ?? 'us-east-1',
    startJob: async (job) => {
      const worker = process.env.ERRORS_WORKER_FUNCTION;
      if (!worker)
        throw Object.assign(new Error('ERRORS_WORKER_FUNCTION is not set'), { code: 'NoWorkerConfigured' });
      await invokeAsync(worker, job);
    },
    log,
  });
  return receiver.toHandler();
}

let bolt: Promise<BoltHandler> | undefined;
let guard: ReplayGuard | undefined | null;

/** The replay guard over the state table; none (with one warning) when no table is configured. */
function replayGuard(): ReplayGuard | undefined {
  if (guard === undefined) {
    const tableName = process.env.CLOUDBELL_TABLE;
    if (!tableName) log('WARN', 'CLOUDBELL_TABLE is not set: signature replays are not refused');
    guard = tableName ? dynamoReplayGuard({ tableName }) : null;
  }
  return guard ?? undefined;
}

function header(headers: APIGatewayProxyEventV2['headers'], key: string): string | undefined {
  return Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === key)?.[1];
}

/**
 * @example
 * ```ts
 * const response = await handler(apiGatewayV2Event, context);
 * ```
 */
export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyResultV2> {
  // Size first, before decoding anything: base64 holds 3 bytes in 4 characters, and a string
  // of N characters is at least N bytes.
  const encoded = event.body ?? '';
  if (encoded.length > (event.isBase64Encoded ? Math.ceil(MAX_BODY_BYTES / 3) * 4 : MAX_BODY_BYTES)) {
    log('WARN', 'rejected Slack request', { reason: 'body too large', length: encoded.length });
    return { statusCode: 413, body: '' };
  }
  const raw = Buffer.from(encoded, event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.length > MAX_BODY_BYTES) {
    log('WARN', 'rejected Slack request', { reason: 'body too large', length: raw.length });
    return { statusCode: 413, body: '' };
  }
  const body = raw.toString('utf8');
  const contentType = (header(event.headers, 'content-type') ?? '').split(';')[0]?.trim() ?? '';
  // Slack's certificate check carries no work and asks for nothing: answer it first, like Bolt.
  if (contentType === 'application/x-www-form-urlencoded' && new URLSearchParams(body).has('ssl_check')) {
    return { statusCode: 200, body: '' };
  }
  // On a cold start the SDK's DynamoDB client loads (CPU) while the secret is fetched (network).
  replayGuard()?.prepare();
  const { signingSecret } = await slackSecret(['signingSecret', 'botToken']);
  const verdict = verifySlackSignature(event.headers ?? {}, raw, signingSecret, Date.now() / 1000);
  if (!verdict.ok) {
    log('WARN', 'rejected Slack request', { reason: verdict.reason });
    return { statusCode: 401, body: '' };
  }
  bolt ??= buildBolt().catch((error: unknown) => {
    bolt = undefined;
    throw error;
  });
  // The replay check runs beside Bolt's start-up, so a cold start pays for one, not both. When
  // the table cannot answer in time the request is let through (logged): a replay can only
  // repeat a read-only query to the same response_url, and /aws-errors must keep working on
  // the day DynamoDB is slow.
  const guardNow = replayGuard();
  const [app, fresh] = await Promise.all([
    bolt,
    guardNow
      ? guardNow
          .firstUse(
            header(event.headers, 'x-slack-signature') ?? '',
            Number(header(event.headers, 'x-slack-request-timestamp')),
          )
          .catch((error: unknown) => {
            log('WARN', 'replay check unavailable: request allowed', { error: (error as Error).message });
            return true;
          })
      : true,
  ]);
  if (!fresh) {
    log('WARN', 'rejected Slack request', { reason: 'replayed' });
    return { statusCode: 401, body: '' };
  }
  // Bolt gets the decoded body and a bare media type (it compares Content-Type exactly).
  const headers: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(event.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-type'),
  );
  headers['content-type'] = contentType;
  return app({ ...event, headers, body, isBase64Encoded: false }, context);
}

/** Tests rebuild the Bolt app and the replay guard after changing secrets or the table. */
export function resetSlackHandler(): void {
  bolt = undefined;
  guard = undefined;
}
