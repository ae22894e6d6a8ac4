/**
 * One `cloudbell doctor` check result: a status, what was checked, and — when it is not fine —
 * what to do, on one line.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  readonly status: CheckStatus;
  /** What was checked ("Slack token", "channel #ops"). */
  readonly title: string;
  /** What was found and, unless ok, what to fix. */
  readonly detail: string;
}

const ICONS: Record<CheckStatus, string> = { ok: '✅', warn: '⚠️', fail: '❌' };

export const ok = (title: string, detail: string): CheckResult => ({ status: 'ok', title, detail });
export const warn = (title: string, detail: string): CheckResult => ({ status: 'warn', title, detail });
export const fail = (title: string, detail: string): CheckResult => ({ status: 'fail', title, detail });

/**
 * The result as one line (newlines in AWS or Slack messages folded away).
 *
 * @example
 * ```ts
 * formatCheck(fail('stack', 'cloudbell-prod not found')); // '❌ stack: cloudbell-prod not found'
 * ```
 */
export function formatCheck(result: CheckResult): string {
  return `${ICONS[result.status]} ${result.title}: ${result.detail.replace(/\s*\n\s*/g, ' ')}`;
}
