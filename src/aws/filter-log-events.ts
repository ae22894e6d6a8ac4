/**
 * One FilterLogEvents page, shared by /aws-errors (the function's error lines) and the evidence
 * worker (the lines an alarm's metric filter matched). Callers do the paging: the page may be
 * empty while `nextToken` continues (FilterLogEvents stops at 1 MB scanned, not at a match).
 * The command is imported statically, so the bundle keeps only it of the Logs SDK; the evidence
 * worker, whose Logs client is lazy, imports this module on first use.
 */
import { type CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';

export interface FilterLogEventsInput {
  readonly logGroupName: string;
  /** Window, epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly filterPattern: string;
  readonly nextToken?: string;
}

export interface FilteredLogEvent {
  /** Epoch ms: the event's own time, or its ingestion time when it has none. */
  readonly timestamp: number;
  readonly message: string;
  readonly logStreamName?: string;
}

export interface FilteredLogPage {
  readonly events: readonly FilteredLogEvent[];
  readonly nextToken?: string;
}

/**
 * Events without a message are dropped.
 *
 * @example
 * ```ts
 * const page = await filterLogEventsPage(client, { logGroupName, start, end, filterPattern });
 * ```
 */
export async function filterLogEventsPage(
  client: CloudWatchLogsClient,
  input: FilterLogEventsInput,
): Promise<FilteredLogPage> {
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
    .map((e) => ({
      timestamp: e.timestamp ?? e.ingestionTime ?? 0,
      message: e.message as string,
      ...(e.logStreamName ? { logStreamName: e.logStreamName } : {}),
    }));
  return { events, ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
}
