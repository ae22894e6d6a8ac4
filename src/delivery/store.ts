/**
 * The state delivery keeps between invocations, one small port per concern: which deliveries
 * are done (`ClaimStore`), which alarm owns which Slack thread (`ThreadStore`), how busy each
 * channel has been lately (`StormWindowStore`) and what each storm digest lists (`DigestStore`).
 * `src/state/` implements them on the DynamoDB table; each delivery collaborator depends only
 * on the ports it uses.
 */
import type { AlarmState } from '../alerts/alert.js';
import type { SlackMessage } from '../slack/message.js';
import type { DigestEntry } from '../slack/storm-digest.js';
import type { SlotStore } from './pacer.js';

/** One delivery: an alert (by its dedupe key) to one configured channel. */
export interface DeliveryKey {
  readonly key: string;
  readonly channel: string;
}

/**
 * `claimed`: this invocation owns the delivery. `done`: it was posted before (a repeat).
 * `busy`: another invocation holds a live claim; retry later rather than post twice.
 */
export type ClaimResult = 'claimed' | 'done' | 'busy';

/** The parent message of an alarm's thread in one configured channel. */
export interface ThreadRecord {
  /** The alert's thread key (alarm ARN). */
  readonly threadKey: string;
  /** The configured channel (name or id) the thread belongs to. */
  readonly channel: string;
  /** Slack's channel id and ts of the parent message. */
  readonly channelId: string;
  readonly ts: string;
  readonly state: AlarmState;
  /** ISO time the current state began. */
  readonly since: string;
  /** ISO time of the state change that opened the thread. */
  readonly openedAt: string;
  /** `digest` when the parent is a storm digest (not updated per alarm). */
  readonly kind: 'alert' | 'digest';
  /** The parent as posted, so `chat.update` can re-render it with the current state. */
  readonly parent?: SlackMessage;
}

/**
 * A channel's newest storm digest, which later batches of the same storm add their alerts to
 * (with `chat.update`) while it is young and has room, instead of posting another message.
 */
export interface OpenDigest {
  /** The configured channel. */
  readonly channel: string;
  readonly channelId: string;
  readonly ts: string;
  /** Epoch ms it was posted. */
  readonly openedAt: number;
  /** Bumped by every write; writes are conditional on it, so concurrent batches lose no line. */
  readonly version: number;
  readonly mentions: readonly string[];
  readonly entries: readonly DigestEntry[];
}

/** Exactly once: the dedupe claim of each delivery, its done mark and its release. */
export interface ClaimStore {
  /**
   * Claims a delivery until `leaseUntil` (epoch ms). A claim whose lease ran out (a crash
   * between claim and post) can be claimed again, so a crash never loses an alert.
   */
  claim(key: DeliveryKey, token: string, leaseUntil: number, now: number): Promise<ClaimResult>;
  /** Marks deliveries done (kept for the dedupe TTL). */
  markDone(keys: readonly DeliveryKey[], token: string, now: number): Promise<void>;
  /** Gives up a claim after a failed post so the redelivery can claim it at once. */
  release(key: DeliveryKey, token: string): Promise<void>;
}

/** Which Slack message is the parent of each alarm's thread, per channel. */
export interface ThreadStore {
  getThread(threadKey: string, channel: string): Promise<ThreadRecord | undefined>;
  putThread(record: ThreadRecord, now: number): Promise<void>;
  /** Every channel's thread of one alarm (an OK goes wherever its ALARM went). */
  threadsOf(threadKey: string): Promise<ThreadRecord[]>;
  /** Many threads at once (a storm digest names hundreds of alarms). */
  getThreads(keys: ReadonlyArray<{ threadKey: string; channel: string }>): Promise<ThreadRecord[]>;
  putThreads(records: readonly ThreadRecord[], now: number): Promise<void>;
}

/** How busy each channel has been lately: the count a storm is recognised by. */
export interface StormWindowStore {
  /**
   * Adds `count` alerts to the channel's storm window and returns the window's total; the
   * window restarts when older than `windowSeconds`. Counts once per `token` (the invocation's),
   * however often a lost answer makes the call repeat.
   */
  countInWindow(
    channel: string,
    count: number,
    now: number,
    windowSeconds: number,
    token: string,
  ): Promise<number>;
}

/** The lines of every storm digest message, and which one is each channel's open digest. */
export interface DigestStore {
  getOpenDigest(channel: string): Promise<OpenDigest | undefined>;
  /** Any digest message of the channel by its ts (open or not), with its lines. */
  getDigest(channel: string, ts: string): Promise<OpenDigest | undefined>;
  /**
   * Stores a digest message's lines; without `expectedVersion` it is new and becomes the
   * channel's open digest, with it the write happens only if the stored one still has that
   * version. Returns false when another writer got there first.
   */
  putOpenDigest(digest: OpenDigest, expectedVersion: number | undefined, now: number): Promise<boolean>;
}

/** Everything delivery keeps on the table, as one object (the notify handler builds one per invocation). */
export interface DeliveryStore extends ClaimStore, ThreadStore, StormWindowStore, DigestStore, SlotStore {}
