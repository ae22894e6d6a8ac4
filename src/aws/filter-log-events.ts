/**
 * CloudWatch Logs for /aws-errors: one FilterLogEvents page of a log group.
 */
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { LogPage } from '../aws-errors/query-port.js';
import { type ClientKey, clientConfig, keyOf } from './client-options.js';

const clients = new Map<string, CloudWatchLogsClient>();

/** The CloudWatch Logs client for a region/profile, created once. */
export function logsClient(key: ClientKey = {}): CloudWatchLogsClient {
  const id = keyOf(key);
  let client = clients.get(id);
  if (!client) {
    client = new CloudWatchLogsClient(clientConfig(key));
    clients.set(id, client);
  }
  return client;
}

/**
 * One FilterLogEvents page. The page may be empty while `nextToken` continues: the caller
 * keeps going.
 *
 * @example
 * ```ts
 * const page = await filterLogEventsPage(logsClient({ region }), { logGroupName, start, end, filterPattern });
 * ```
 */
export async function filterLogEventsPage(
  client: CloudWatchLogsClient,
  input: { logGroupName: string; start: number; end: number; filterPattern: string; nextToken?: string },
): Promise<LogPage> {
  const out = await client.send(
    new FilterLogEventsCommand({
      logGroupName: input.logGroupName,
      startTime: input.start,
      endTime: input.end,
      filterPattern: input.filterPattern,
      ...(input.nextToken ? { nextToken: input.nextToken } : {}),
    }),
  );
  const events = (out.events ?? [])
    .filter((e) => typeof e.message === 'string')
    .map((e) => ({ timestamp: e.timestamp ?? e.ingestionTime ?? 0, message: e.message as string }));
  return { events, ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
}
