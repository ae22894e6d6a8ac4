/**
 * Stand-ins for the evidence worker's ports: an in-memory ledger with the table's semantics,
 * CloudWatch and Logs answering from fixtures, and a Slack recording what it was given.
 * Shared by the evidence tests and `npm run bench`.
 */
import type { DescribedMetricAlarm } from '../../src/evidence/children.js';
import type { EvidenceJob } from '../../src/evidence/evidence-job.js';
import type {
  EvidenceLedger,
  EvidenceSlack,
  GraphPort,
  LogLine,
  LogsPort,
  MetricFilter,
} from '../../src/evidence/evidence-ports.js';
import type { MetricWidget } from '../../src/evidence/widget.js';

/** The 8-byte PNG signature and a few bytes: enough to be recognisably a PNG. */
export const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

export class MemoryLedger implements EvidenceLedger {
  readonly claims = new Set<string>();
  readonly windows = new Map<string, number>();
  readonly days = new Map<string, number>();

  async claim(dedupeKey: string, channel: string): Promise<boolean> {
    const key = `${dedupeKey}\u0000${channel}`;
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  }

  async countInWindow(channel: string, now: number, windowSeconds: number): Promise<number> {
    const key = `${channel}\u0000${Math.floor(now / (windowSeconds * 1000))}`;
    const n = (this.windows.get(key) ?? 0) + 1;
    this.windows.set(key, n);
    return n;
  }

  readonly slots = new Map<string, number>();

  async reservePostSlot(channel: string, earliest: number, intervalMs: number): Promise<number> {
    const slot = Math.max(earliest, this.slots.get(channel) ?? 0);
    this.slots.set(channel, slot + intervalMs);
    return slot;
  }

  async takeGraph(now: number, maxPerDay: number): Promise<boolean> {
    const day = new Date(now).toISOString().slice(0, 10);
    const n = this.days.get(day) ?? 0;
    if (n >= maxPerDay) return false;
    this.days.set(day, n + 1);
    return true;
  }
}

export class StandinGraphs implements GraphPort {
  readonly widgets: MetricWidget[] = [];
  readonly described: string[][] = [];
  constructor(
    private readonly alarms: readonly DescribedMetricAlarm[] = [],
    private readonly fail?: Error,
    private readonly delayMs = 0,
  ) {}

  async widgetImage(widget: MetricWidget): Promise<Uint8Array> {
    this.widgets.push(widget);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.fail) throw this.fail;
    return PNG;
  }

  async describeAlarms(names: readonly string[]): Promise<DescribedMetricAlarm[]> {
    this.described.push([...names]);
    return this.alarms.filter((a) => a.AlarmName && names.includes(a.AlarmName));
  }
}

export class StandinLogs implements LogsPort {
  readonly calls: Array<{ logGroupName: string; filterPattern: string; start: number; end: number }> = [];
  constructor(
    private readonly filters: readonly MetricFilter[] = [],
    /** Pages returned in order for every FilterLogEvents call. */
    private readonly pages: ReadonlyArray<readonly LogLine[]> = [],
  ) {}

  async metricFilters(): Promise<MetricFilter[]> {
    return [...this.filters];
  }

  async filterLogEvents(input: {
    logGroupName: string;
    filterPattern: string;
    start: number;
    end: number;
    nextToken?: string;
  }) {
    this.calls.push({
      logGroupName: input.logGroupName,
      filterPattern: input.filterPattern,
      start: input.start,
      end: input.end,
    });
    const index = input.nextToken ? Number(input.nextToken) : 0;
    const events = this.pages[index] ?? [];
    const next = index + 1 < this.pages.length ? String(index + 1) : undefined;
    return { events, ...(next ? { nextToken: next } : {}) };
  }
}

export interface RecordedUpload {
  readonly channelId: string;
  readonly threadTs: string;
  readonly filename: string;
  readonly title: string;
  readonly altText: string;
  readonly comment?: string;
  readonly bytes: number;
}

export class StandinEvidenceSlack implements EvidenceSlack {
  readonly uploads: RecordedUpload[] = [];
  readonly replies: Array<{ channelId: string; threadTs: string; text: string; blocks: readonly unknown[] }> =
    [];
  constructor(private readonly failUploads = false) {}

  async uploadImage(input: Parameters<EvidenceSlack['uploadImage']>[0]): Promise<void> {
    if (this.failUploads)
      throw Object.assign(new Error('An API error occurred: not_in_channel'), {
        data: { error: 'not_in_channel' },
      });
    const { bytes, ...rest } = input;
    this.uploads.push({ ...rest, bytes: bytes.length });
  }

  async reply(input: Parameters<EvidenceSlack['reply']>[0]): Promise<void> {
    this.replies.push({ ...input });
  }
}

/** A job as notify builds it, for a fixture event. */
export function jobFor(event: unknown, overrides: Partial<EvidenceJob> = {}): EvidenceJob {
  return {
    kind: 'evidence',
    envelope: { shape: 'eventbridge', event },
    dedupeKey: `job-${JSON.stringify(event).length}-${Math.random()}`,
    channel: '#aws-alerts',
    channelId: 'CAWSALERTS',
    threadTs: '1764165724.000100',
    graphs: true,
    logs: true,
    postedAt: Date.parse('2026-11-26T14:00:06Z'),
    ...overrides,
  };
}
