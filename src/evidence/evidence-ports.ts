/**
 * What the evidence worker needs from AWS, Slack and the table, as interfaces: the adapters
 * in src/aws and src/slack implement them with SDK v3 and `@slack/web-api`, tests and the
 * benchmark with stand-ins. One method is one call (or one upload flow).
 */
import type { DescribedMetricAlarm } from './children.js';
import type { MetricWidget } from './widget.js';

export interface GraphPort {
  /** `GetMetricWidgetImage` (PNG) in `region`. */
  widgetImage(widget: MetricWidget, region: string): Promise<Uint8Array>;
  /** `DescribeAlarms` by name (metric alarms only), for a composite alarm's children. */
  describeAlarms(names: readonly string[], region: string): Promise<DescribedMetricAlarm[]>;
}

/** One metric filter as `DescribeMetricFilters` returns it (the parts used). */
export interface MetricFilter {
  readonly filterName: string;
  readonly logGroupName: string;
  readonly filterPattern: string;
}

export interface LogLine {
  /** Epoch ms. */
  readonly timestamp: number;
  readonly message: string;
  readonly logStreamName?: string;
}

export interface LogsPort {
  /** `DescribeMetricFilters` by the alarm's metric name and namespace. */
  metricFilters(metricName: string, namespace: string, region: string): Promise<MetricFilter[]>;
  /** One `FilterLogEvents` page over one log group with the filter's own pattern. */
  filterLogEvents(input: {
    readonly region: string;
    readonly logGroupName: string;
    readonly filterPattern: string;
    readonly start: number;
    readonly end: number;
    readonly nextToken?: string;
  }): Promise<{ readonly events: readonly LogLine[]; readonly nextToken?: string }>;
}

export interface EvidenceSlack {
  /** Uploads a PNG into a thread (files.getUploadURLExternal → upload → files.completeUploadExternal). */
  uploadImage(input: {
    readonly channelId: string;
    readonly threadTs: string;
    readonly bytes: Uint8Array;
    readonly filename: string;
    readonly title: string;
    readonly altText: string;
    /** mrkdwn, already escaped. */
    readonly comment?: string;
  }): Promise<void>;
  /** Posts a reply in the thread. */
  reply(input: {
    readonly channelId: string;
    readonly threadTs: string;
    readonly text: string;
    readonly blocks: readonly unknown[];
  }): Promise<void>;
}

export interface EvidenceLedger {
  /** Claims the evidence of one state change in one channel; false when it was claimed before. */
  claim(dedupeKey: string, channel: string, now: number): Promise<boolean>;
  /** Counts one evidence job in the channel's current storm window and returns the window's count. */
  countInWindow(channel: string, now: number, windowSeconds: number): Promise<number>;
  /** Takes one graph from today's (UTC) allowance; false when `maxPerDay` are drawn already. */
  takeGraph(now: number, maxPerDay: number): Promise<boolean>;
  /**
   * Reserves the channel's first post slot at or after `earliest`, shared with notify's pacer,
   * and blocks the channel for `intervalMs` after it. Returns the slot's time (epoch ms).
   */
  reservePostSlot(channel: string, earliest: number, intervalMs: number): Promise<number>;
}
