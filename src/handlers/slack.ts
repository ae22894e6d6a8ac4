/**
 * Lambda `slack`: POST /slack/events (HTTP API, payload v2). Verifies the Slack signature
 * itself (stale AND future timestamps → 401), then lets Bolt route the request. The
 * `/aws-errors` listener checks access and arguments, hands a valid query to the
 * errors-worker by async invoke, and acks at once; refused and bad requests start nothing.
 */
import { App, AwsLambdaReceiver, LogLevel } from '@slack/bolt';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { invokeAsync } from '../aws/invoke.js';
import { slackSecret } from '../aws/secrets.js';
import { decideCommand } from '../errors/command.js';
import { defaultActionDeps, inWindowClientOptions } from '../slack/actions/deps.js';
import { registerActionListeners } from '../slack/actions/listeners.js';
import { verifySlackSignature } from '../slack/verify.js';
import { lambdaConfig } from './config.js';

type BoltHandler = ReturnType<AwsLambdaReceiver['toHandler']>;

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
  app.command(/^\/aws-errors/, async ({ command, ack }) => {
    const decision = decideCommand(
      command,
      lambdaConfig(),
      process.env.AWS_REGION ?? 'us-east-1',
      new Date(),
    );
    if (decision.job) {
      const worker = process.env.ERRORS_WORKER_FUNCTION;
      try {
        if (!worker) throw new Error('ERRORS_WORKER_FUNCTION is not set');
        await invokeAsync(worker, decision.job);
      } catch (error) {
        console.error(
          JSON.stringify({
            level: 'ERROR',
            message: 'cannot start the errors query',
            error: (error as Error).message,
          }),
        );
        await ack({
          response_type: 'ephemeral',
          text: '❌ Could not start the query (the errors worker did not accept it). Try again in a minute.',
        });
        return;
      }
    }
    await ack({ response_type: 'ephemeral', text: decision.reply });
  });
  return receiver.toHandler();
}

let bolt: Promise<BoltHandler> | undefined;

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
  const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  const body = raw.toString('utf8');
  const contentType = (header(event.headers, 'content-type') ?? '').split(';')[0]?.trim() ?? '';
  // Slack's certificate check carries no work and asks for nothing: answer it first, like Bolt.
  if (contentType === 'application/x-www-form-urlencoded' && new URLSearchParams(body).has('ssl_check')) {
    return { statusCode: 200, body: '' };
  }
  const { signingSecret } = await slackSecret(['signingSecret', 'botToken']);
  const verdict = verifySlackSignature(event.headers ?? {}, raw, signingSecret, Date.now() / 1000);
  if (!verdict.ok) {
    console.warn(
      JSON.stringify({ level: 'WARN', message: 'rejected Slack request', reason: verdict.reason }),
    );
    return { statusCode: 401, body: '' };
  }
  bolt ??= buildBolt().catch((error: unknown) => {
    bolt = undefined;
    throw error;
  });
  // Bolt gets the decoded body and a bare media type (it compares Content-Type exactly).
  const headers: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(event.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-type'),
  );
  headers['content-type'] = contentType;
  return (await bolt)({ ...event, headers, body, isBase64Encoded: false }, context);
}

/** Tests rebuild the Bolt app after changing secrets. */
export function resetSlackHandler(): void {
  bolt = undefined;
}
