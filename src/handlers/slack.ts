/**
 * Lambda `slack`: POST /slack/events (HTTP API, payload v2). Refuses a body larger than any
 * Slack request before reading it, verifies the Slack signature (stale AND future timestamps →
 * 401) with the signing secret as it is now, refuses a replayed signature (the state table
 * remembers each one for the 5-minute window), then lets Bolt route the request to its
 * listeners (src/slack/bolt-app.ts). The signature is checked here only: Bolt's own check is off.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { invokeAsync } from '../aws/invoke.js';
import { type SlackSecret, slackSecret } from '../aws/secrets.js';
import type { Config } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { type ActionWiring, defaultActionDeps } from '../slack/actions/deps.js';
import { type BoltHandler, boltLambdaApp } from '../slack/bolt-app.js';
import type { CommandDeps } from '../slack/commands.js';
import { verifySlackSignature } from '../slack/verify.js';
import { dynamoReplayGuard, type ReplayGuard } from '../state/replay-guard.js';
import { lambdaConfigSource } from './lambda-config.js';

/**
 * The largest body accepted. Slack has no documented cap on request bodies; its message text
 * stops at 40,000 characters, which form-encoding at most triples (120 KB) for a slash
 * command, and interactivity payloads carry a message of at most 50 blocks (~13k characters of
 * text). 256 KiB holds all of these with room; a bigger body is not from Slack, and is refused
 * before it is decoded, verified or parsed.
 */
export const MAX_BODY_BYTES = 256 * 1024;

export interface SlackHandlerDeps {
  readonly config: () => Config;
  /** The stack's region: the default for queries. */
  readonly region: string;
  /** The Slack secret as it is now (cached by the provider, re-read on expiry). */
  readonly secret: () => Promise<SlackSecret>;
  /** Refuses replayed signatures; undefined when no table is configured. */
  readonly replayGuard: ReplayGuard | undefined;
  readonly startJob: CommandDeps['startJob'];
  /** The buttons' table, worker and SQS; they share this handler's config and Logger. */
  readonly actions: ActionWiring;
  readonly logger: Logger;
  /** Epoch milliseconds, for the signature's timestamp window. */
  readonly now: () => number;
}

/**
 * The deployed dependencies, built from the environment; nothing is read from AWS until the
 * first request.
 */
export function defaultSlackDeps(env: NodeJS.ProcessEnv = process.env): SlackHandlerDeps {
  const logger = new Logger({ serviceName: 'cloudbell-slack' });
  const tableName = env.CLOUDBELL_TABLE;
  if (!tableName) logger.warn('CLOUDBELL_TABLE is not set: signature replays are not refused');
  return {
    config: lambdaConfigSource(env),
    region: env.AWS_REGION ?? 'us-east-1',
    secret: () => slackSecret(['signingSecret', 'botToken'], env),
    replayGuard: tableName ? dynamoReplayGuard({ tableName }) : undefined,
    startJob: async (job) => {
      const worker = env.ERRORS_WORKER_FUNCTION;
      if (!worker)
        throw Object.assign(new ConfigError('ERRORS_WORKER_FUNCTION is not set'), {
          code: 'NoWorkerConfigured',
        });
      await invokeAsync(worker, job);
    },
    actions: defaultActionDeps(env),
    logger,
    now: Date.now,
  };
}

function header(headers: APIGatewayProxyEventV2['headers'], key: string): string | undefined {
  return Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === key)?.[1];
}

/**
 * @example
 * ```ts
 * const slack = createSlackHandler({ ...defaultSlackDeps(), secret: async () => ({ botToken, signingSecret }) });
 * const response = await slack(apiGatewayV2Event, context);
 * ```
 */
export function createSlackHandler(deps: SlackHandlerDeps) {
  const { logger } = deps;
  let bolt: BoltHandler | undefined;
  const app = (): BoltHandler => {
    bolt ??= boltLambdaApp({
      botToken: async () => (await deps.secret()).botToken,
      logger,
      commands: {
        config: deps.config,
        region: deps.region,
        startJob: deps.startJob,
        logger,
      },
      actions: { ...deps.actions, config: deps.config, logger },
    });
    return bolt;
  };
  const refuse = (statusCode: number, reason: string, extra: Record<string, unknown> = {}) => {
    logger.warn('rejected Slack request', { reason, ...extra });
    return { statusCode, body: '' };
  };

  const slack = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
    // Size first, before decoding anything: base64 holds 3 bytes in 4 characters, and a string
    // of N characters is at least N bytes.
    const encoded = event.body ?? '';
    if (encoded.length > (event.isBase64Encoded ? Math.ceil(MAX_BODY_BYTES / 3) * 4 : MAX_BODY_BYTES))
      return refuse(413, 'body too large', { length: encoded.length });
    const raw = Buffer.from(encoded, event.isBase64Encoded ? 'base64' : 'utf8');
    if (raw.length > MAX_BODY_BYTES) return refuse(413, 'body too large', { length: raw.length });
    const body = raw.toString('utf8');
    const contentType = (header(event.headers, 'content-type') ?? '').split(';')[0]?.trim() ?? '';
    // Slack's certificate check carries no work and asks for nothing: answer it first, like Bolt.
    if (contentType === 'application/x-www-form-urlencoded' && new URLSearchParams(body).has('ssl_check'))
      return { statusCode: 200, body: '' };
    // On a cold start the SDK's DynamoDB client loads (CPU) while the secret is fetched (network).
    deps.replayGuard?.prepare();
    const { signingSecret } = await deps.secret();
    const verdict = verifySlackSignature(event.headers ?? {}, raw, signingSecret, deps.now() / 1000);
    if (!verdict.ok) return refuse(401, verdict.reason);
    // When the table cannot answer in time the request is let through (logged): a replay can
    // only repeat a read-only query to the same response_url, and /aws-errors must keep working
    // on the day DynamoDB is slow. Bolt is built (first request) while the check is in flight.
    const fresh = deps.replayGuard
      ? deps.replayGuard
          .firstUse(
            header(event.headers, 'x-slack-signature') ?? '',
            Number(header(event.headers, 'x-slack-request-timestamp')),
          )
          .catch((error: unknown) => {
            logger.warn('replay check unavailable: request allowed', { error: (error as Error).message });
            return true;
          })
      : true;
    const bolted = app();
    if (!(await fresh)) return refuse(401, 'replayed');
    // Bolt gets the decoded body and a bare media type (it compares Content-Type exactly).
    const headers: Record<string, string | undefined> = Object.fromEntries(
      Object.entries(event.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-type'),
    );
    headers['content-type'] = contentType;
    return bolted({ ...event, headers, body, isBase64Encoded: false }, context);
  };

  return middy(slack).use(injectLambdaContext(logger));
}

/** The deployed handler: the defaults read nothing from AWS until the first request. */
export const handler = createSlackHandler(defaultSlackDeps());
