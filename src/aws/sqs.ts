/**
 * The redrive port on SQS (AWS SDK v3): queue depth and source queues for the confirmation
 * modal, StartMessageMoveTask and ListMessageMoveTasks for the move itself.
 */
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { MoveTask, RedrivePort } from '../actions/redrive.js';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';
import { regionalClients } from './regional-clients.js';

/** The queue URL of an SQS ARN (arn:aws:sqs:region:account:name). */
export function queueUrl(arn: string): string {
  const [, partition, , region, account, name] = arn.split(':');
  const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${suffix}/${account}/${name}`;
}

const regionOf = (arn: string) => arn.split(':')[3] ?? 'us-east-1';

export interface SqsPortOptions {
  /** Short inside Slack's 3-second window (the modal), longer in the worker. */
  readonly requestTimeoutMs?: number;
  /** Named profile (CLI `--profile`). */
  readonly profile?: string;
}

const clients = regionalClients(
  ({ key, options }: { key: ClientKey; options: SqsPortOptions }) =>
    `${keyOf(key)}|${options.requestTimeoutMs ?? ''}`,
  ({ key, options }) =>
    new SQSClient(clientConfig(key, { maxAttempts: 2, requestTimeoutMs: options.requestTimeoutMs ?? 5_000 })),
);

function client(region: string, options: SqsPortOptions): SQSClient {
  return clients({ key: { region, ...(options.profile ? { profile: options.profile } : {}) }, options });
}

/**
 * @example
 * ```ts
 * await sqsRedrivePort().start('arn:aws:sqs:eu-west-1:210987654321:orders-dlq');
 * ```
 */
export function sqsRedrivePort(options: SqsPortOptions = {}): RedrivePort {
  return {
    async describe(arn) {
      const sqs = client(regionOf(arn), options);
      const QueueUrl = queueUrl(arn);
      const [attributes, sources] = await Promise.allSettled([
        sqs.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
        ),
        sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl, MaxResults: 10 })),
      ]);
      const depth =
        attributes.status === 'fulfilled'
          ? Number(attributes.value.Attributes?.ApproximateNumberOfMessages)
          : Number.NaN;
      return {
        ...(Number.isFinite(depth) ? { depth } : {}),
        ...(sources.status === 'fulfilled' ? { sources: sources.value.queueUrls ?? [] } : {}),
      };
    },
    async start(arn) {
      const out = await client(regionOf(arn), options).send(
        new StartMessageMoveTaskCommand({ SourceArn: arn }),
      );
      return out.TaskHandle ?? '';
    },
    async tasks(arn) {
      const out = await client(regionOf(arn), options).send(
        new ListMessageMoveTasksCommand({ SourceArn: arn, MaxResults: 10 }),
      );
      return (out.Results ?? []).map(
        (r): MoveTask => ({
          status: r.Status ?? 'UNKNOWN',
          ...(r.ApproximateNumberOfMessagesMoved !== undefined
            ? { moved: r.ApproximateNumberOfMessagesMoved }
            : {}),
          ...(r.ApproximateNumberOfMessagesToMove !== undefined
            ? { toMove: r.ApproximateNumberOfMessagesToMove }
            : {}),
          ...(r.FailureReason ? { failureReason: r.FailureReason } : {}),
          ...(r.StartedTimestamp !== undefined ? { startedAt: r.StartedTimestamp } : {}),
          ...(r.TaskHandle ? { handle: r.TaskHandle } : {}),
        }),
      );
    },
  };
}

/**
 * The ARN of a queue of the caller's account, by name (CLI `cloudbell redrive QUEUE`).
 *
 * @throws the SDK error (QueueDoesNotExist, AccessDenied…)
 */
export async function queueArnByName(
  name: string,
  region: string,
  options: SqsPortOptions = {},
): Promise<string> {
  const { QueueUrl } = await client(region, options).send(new GetQueueUrlCommand({ QueueName: name }));
  const account = new URL(QueueUrl ?? '').pathname.split('/')[1] ?? '';
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:sqs:${region}:${account}:${name}`;
}
