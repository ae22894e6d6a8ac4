/**
 * Grouping of classified error lines by signature, with count, first and last seen, and one
 * redacted sample per group.
 */
import type { ErrorLine } from './classify.js';
import { errorSignature, normaliseMessage } from './signature.js';

/** One group of identical-looking errors in one function. */
export interface ErrorGroup {
  readonly signature: string;
  readonly functionName: string;
  readonly logGroup: string;
  readonly type: string;
  /** The normalised message shared by the group. */
  readonly pattern: string;
  readonly count: number;
  /** Epoch milliseconds. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** The most recent occurrence's message, already redacted. */
  readonly sample: string;
}

/** Samples are cut here already: they are rendered with their own, smaller limits later. */
const MAX_SAMPLE = 1000;

interface MutableGroup {
  signature: string;
  functionName: string;
  logGroup: string;
  type: string;
  pattern: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  sample: string;
}

/**
 * Collects error lines into groups.
 *
 * @example
 * ```ts
 * const grouper = new ErrorGrouper();
 * grouper.add('checkout-api', '/aws/lambda/checkout-api', line, event.timestamp);
 * grouper.groups(); // most frequent first
 * ```
 */
export class ErrorGrouper {
  readonly #groups = new Map<string, MutableGroup>();
  #lines = 0;

  /** Adds one classified line (already redacted) seen at `timestamp` (epoch ms). */
  add(functionName: string, logGroup: string, line: ErrorLine, timestamp: number): void {
    this.#lines += 1;
    const signature = errorSignature(functionName, line.type, line.message);
    const existing = this.#groups.get(signature);
    if (!existing) {
      this.#groups.set(signature, {
        signature,
        functionName,
        logGroup,
        type: line.type,
        pattern: normaliseMessage(line.message),
        count: 1,
        firstSeen: timestamp,
        lastSeen: timestamp,
        sample: line.message.slice(0, MAX_SAMPLE),
      });
      return;
    }
    existing.count += 1;
    existing.firstSeen = Math.min(existing.firstSeen, timestamp);
    if (timestamp >= existing.lastSeen) {
      existing.lastSeen = timestamp;
      existing.sample = line.message.slice(0, MAX_SAMPLE);
    }
  }

  /** How many error lines were added. */
  get lineCount(): number {
    return this.#lines;
  }

  /** Groups by count (most first), then most recent first, then name for a stable order. */
  groups(): ErrorGroup[] {
    return [...this.#groups.values()]
      .map((g) => ({ ...g }))
      .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || a.signature.localeCompare(b.signature));
  }
}
