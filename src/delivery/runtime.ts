/**
 * What one delivery run works with: the Slack port, the clock, the pacer, its deadline, a
 * logger and the counters the handler turns into metrics.
 */
import type { Alert } from '../alerts/alert.js';
import type { Clock } from './clock.js';
import type { ChannelPacer, SlotStore } from './pacer.js';
import type { SlackPort } from './slack-port.js';

/** Counters of one run; the handler publishes them as EMF metrics. */
export interface DeliveryStats {
  /** Messages that reached Slack (single alerts, replies and digests). */
  messages: number;
  /** Alerts that reached Slack as their own message or thread reply. */
  alertsPosted: number;
  /** Alerts skipped because they had been delivered before. */
  deduplicated: number;
  /** Alerts that went into a storm digest instead of their own message. */
  digested: number;
  /** Digest messages posted. */
  digests: number;
  /** Edits of an open digest that a later batch of the same storm joined. */
  digestUpdates: number;
  /** Failed Slack calls (each attempt). */
  slackErrors: number;
  /** Slack calls repeated after a 5xx, timeout or 429. */
  slackRetries: number;
  /** Deliveries that failed in this run (their records go back to the queue). */
  failed: number;
  /** Deliveries another invocation was busy with (their records come back later). */
  deferred: number;
  /** Alerts posted without dedupe or threads because the table was unavailable. */
  stateUnavailable: number;
  /** Thread replies that stand for several alarms of a digest (one per digest and batch). */
  digestReplies: number;
}

export const newStats = (): DeliveryStats => ({
  messages: 0,
  alertsPosted: 0,
  deduplicated: 0,
  digested: 0,
  digests: 0,
  digestUpdates: 0,
  slackErrors: 0,
  slackRetries: 0,
  failed: 0,
  deferred: 0,
  stateUnavailable: 0,
  digestReplies: 0,
});

/** Structured logging as Powertools' Logger offers it. Never pass a secret. */
export interface DeliveryLog {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

export const silentLog: DeliveryLog = { info() {}, warn() {}, error() {} };

/** How hard to try one Slack call. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Time one attempt may take (the client's request timeout plus a margin). */
  readonly attemptBudgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  attemptBudgetMs: 6_000,
};

/** An alarm's state change now in Slack, as its own message or a reply in its thread. */
export interface PostedStateChange {
  readonly alert: Alert;
  /** The channel as routed (name or id). */
  readonly channel: string;
  /** The channel id and thread Slack answered with. */
  readonly channelId: string;
  readonly threadTs: string;
}

export interface DeliveryRuntime {
  readonly slack: SlackPort;
  readonly clock: Clock;
  readonly pacer: ChannelPacer;
  /** Post slots shared with concurrent invocations (the table); local pacing only without it. */
  readonly slots?: SlotStore;
  /** Epoch ms (on `clock`) after which no new Slack call starts. */
  readonly deadline: number;
  readonly retry: RetryPolicy;
  readonly stats: DeliveryStats;
  readonly log: DeliveryLog;
  /** Told after each alarm state change is posted (the evidence hand-off); it must return at once. */
  readonly onPosted?: (posted: PostedStateChange) => void;
}
