/**
 * The lines a log metric filter matched, made readable: each line redacted first (nothing
 * unredacted is kept), grouped by its normalised shape (numbers, ids, times and quoted values
 * replaced, as /aws-errors groups messages), counted, most frequent first, with the newest few
 * lines kept in full.
 */
import { redact } from '../aws-errors/redact.js';
import { normaliseMessage } from '../aws-errors/signature.js';
import type { LogLine } from './evidence-ports.js';

export interface LineGroup {
  /** The normalised shape shared by the group. */
  readonly pattern: string;
  readonly count: number;
  /** Epoch ms. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** The newest line of the group, redacted. */
  readonly sample: string;
}

export interface GroupedLines {
  readonly total: number;
  readonly groups: readonly LineGroup[];
  /** The newest lines, newest first, redacted. */
  readonly newest: readonly LogLine[];
}

/** A line is cut here before it is kept: renderers cut again to their own budgets. */
const MAX_LINE = 2000;

/**
 * @example
 * ```ts
 * groupLines(events, { emails: true, newest: 3 }).groups[0]; // { pattern: 'payment <n> declined', count: 12, … }
 * ```
 */
export function groupLines(
  lines: readonly LogLine[],
  options: { readonly emails: boolean; readonly newest?: number },
): GroupedLines {
  const groups = new Map<
    string,
    { pattern: string; count: number; firstSeen: number; lastSeen: number; sample: string }
  >();
  const clean = lines.map((l) => ({
    ...l,
    message: redact(l.message.slice(0, MAX_LINE).trimEnd(), { emails: options.emails }),
  }));
  for (const line of clean) {
    const pattern = normaliseMessage(line.message) || '(empty line)';
    const g = groups.get(pattern);
    if (!g) {
      groups.set(pattern, {
        pattern,
        count: 1,
        firstSeen: line.timestamp,
        lastSeen: line.timestamp,
        sample: line.message,
      });
      continue;
    }
    g.count += 1;
    g.firstSeen = Math.min(g.firstSeen, line.timestamp);
    if (line.timestamp >= g.lastSeen) {
      g.lastSeen = line.timestamp;
      g.sample = line.message;
    }
  }
  const newest = [...clean].sort((a, b) => b.timestamp - a.timestamp).slice(0, options.newest ?? 3);
  return {
    total: lines.length,
    groups: [...groups.values()].sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen),
    newest,
  };
}
