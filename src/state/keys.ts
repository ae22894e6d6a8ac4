/**
 * The table's item layout. One table, key `pk` (S) + `sk` (S), TTL attribute `expiresAt`
 * (epoch seconds); the kind of item is the `pk` prefix.
 *
 * | item           | pk                     | sk        |
 * |----------------|------------------------|-----------|
 * | dedupe         | `dedupe#<dedupeKey>`   | channel   |
 * | alarm thread   | `thread#<alarm ARN>`   | channel   |
 * | storm window   | `storm#<channel>`      | `window`  |
 * | post slots     | `pace#<channel>`       | `next`    |
 * | open digest    | `digest#<channel>`     | `open`    |  (names the open digest's ts)
 * | digest message | `digest#<channel>`     | `msg#<ts>`|  (its lines, versioned)
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Key = Record<'pk' | 'sk', AttributeValue>;

export const dedupeKey = (key: string, channel: string): Key => ({
  pk: { S: `dedupe#${key}` },
  sk: { S: channel },
});
export const threadKey = (thread: string, channel: string): Key => ({
  pk: { S: `thread#${thread}` },
  sk: { S: channel },
});
export const paceKey = (channel: string): Key => ({ pk: { S: `pace#${channel}` }, sk: { S: 'next' } });
export const digestKey = (channel: string): Key => ({ pk: { S: `digest#${channel}` }, sk: { S: 'open' } });
export const digestMessageKey = (channel: string, ts: string): Key => ({
  pk: { S: `digest#${channel}` },
  sk: { S: `msg#${ts}` },
});
export const stormKey = (channel: string): Key => ({ pk: { S: `storm#${channel}` }, sk: { S: 'window' } });

/** Epoch seconds for the TTL attribute. */
export const epochSeconds = (ms: number): string => String(Math.floor(ms / 1000));
