/**
 * Storm digests on the table: each digest message's lines in a `digest#<channel>` / `msg#<ts>`
 * item, versioned so concurrent batches never drop each other's lines, and the channel's open
 * digest named by the `digest#<channel>` / `open` pointer.
 */

import type { DigestStore, OpenDigest } from '../delivery/store.js';
import type { DigestEntry } from '../slack/storm-digest.js';
import { digestKey, digestMessageKey, epochSeconds } from './keys.js';
import { str, type TableCaller } from './table-caller.js';
import { isConditionFailed } from './table-errors.js';

/** The open pointer lasts a day; the storm window decides whether the digest is still joined. */
const OPEN_POINTER_TTL_MS = 86_400_000;

/**
 * @example
 * ```ts
 * const digests = new DigestTable(table, 30);
 * const open = await digests.getOpenDigest('#aws-alerts');
 * if (open) await digests.putOpenDigest({ ...open, entries, version: open.version + 1 }, open.version, Date.now());
 * ```
 */
export class DigestTable implements DigestStore {
  private readonly ttlMs: number;

  constructor(
    private readonly table: TableCaller,
    /** As long as the threads that point at a digest. */
    threadTtlDays: number,
  ) {
    this.ttlMs = threadTtlDays * 86_400_000;
  }

  /** The channel's open digest: the `open` pointer names the message, whose item holds the lines. */
  async getOpenDigest(channel: string): Promise<OpenDigest | undefined> {
    const ts = str(await this.table.get('read open digest', digestKey(channel)), 'ts');
    return ts ? this.getDigest(channel, ts) : undefined;
  }

  async getDigest(channel: string, ts: string): Promise<OpenDigest | undefined> {
    const Item = await this.table.get('read digest', digestMessageKey(channel, ts));
    const channelId = str(Item, 'channelId');
    const openedAt = Number(Item?.openedAt?.N);
    const version = Number(Item?.version?.N);
    if (!channelId || !Number.isFinite(openedAt) || !Number.isFinite(version)) return undefined;
    try {
      return {
        channel,
        channelId,
        ts,
        openedAt,
        version,
        mentions: JSON.parse(str(Item, 'mentions') ?? '[]') as string[],
        entries: JSON.parse(str(Item, 'entries') ?? '[]') as DigestEntry[],
      };
    } catch {
      // Unreadable: the next storm batch simply starts a new digest.
      return undefined;
    }
  }

  async putOpenDigest(
    digest: OpenDigest,
    expectedVersion: number | undefined,
    now: number,
  ): Promise<boolean> {
    const expiresAt = { N: epochSeconds(now + this.ttlMs) };
    try {
      await this.table.call('write digest', 'PutItem', {
        TableName: this.table.name,
        Item: {
          ...digestMessageKey(digest.channel, digest.ts),
          channelId: { S: digest.channelId },
          ts: { S: digest.ts },
          openedAt: { N: String(digest.openedAt) },
          version: { N: String(digest.version) },
          mentions: { S: JSON.stringify(digest.mentions) },
          entries: { S: JSON.stringify(digest.entries) },
          // As long as the threads that point at it.
          expiresAt,
        },
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
            }),
      });
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
    if (expectedVersion === undefined) {
      await this.table.call('open digest', 'PutItem', {
        TableName: this.table.name,
        Item: {
          ...digestKey(digest.channel),
          ts: { S: digest.ts },
          expiresAt: { N: epochSeconds(now + OPEN_POINTER_TTL_MS) },
        },
      });
    }
    return true;
  }
}
