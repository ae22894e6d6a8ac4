/**
 * "14:02 UTC (2 min ago)" — the time in UTC and relative to `now`; the date is added when
 * the event is not from today.
 *
 * @example
 * ```ts
 * formatTime('2026-11-26T14:02:00Z', new Date('2026-11-26T14:04:00Z')); // '14:02 UTC (2 min ago)'
 * ```
 */
export function formatTime(iso: string | undefined, now: Date): string | undefined {
  if (!iso) return undefined;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const hhmm = t.toISOString().slice(11, 16);
  const sameDay = t.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  const clock = sameDay ? `${hhmm} UTC` : `${t.toISOString().slice(0, 10)} ${hhmm} UTC`;
  return `${clock} (${relative(now.getTime() - t.getTime())})`;
}

/** "2 min ago", "3 h ago", "in 5 min" for a difference in milliseconds. */
export function relative(diffMs: number): string {
  const future = diffMs < 0;
  const s = Math.abs(diffMs) / 1000;
  const text =
    s < 60
      ? 'just now'
      : s < 3600
        ? `${Math.floor(s / 60)} min`
        : s < 86_400
          ? `${Math.floor(s / 3600)} h`
          : `${Math.floor(s / 86_400)} d`;
  if (text === 'just now') return text;
  return future ? `in ${text}` : `${text} ago`;
}

/** "1 h 12 min" for a duration in milliseconds (how long an alarm was in ALARM). */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}
