import type { AlarmState, Severity } from '../alerts/alert.js';

/** Colour bars by state, then by severity (MESSAGES.md). */
export const Colors = {
  red: '#E01E5A',
  orange: '#E8912D',
  yellow: '#ECB22E',
  green: '#2EB67D',
  grey: '#9A9A9A',
} as const;

const BY_SEVERITY: Record<Severity, string> = {
  critical: Colors.red,
  high: Colors.orange,
  medium: Colors.yellow,
  low: Colors.grey,
  info: Colors.grey,
};

const BY_STATE: Record<AlarmState, string> = {
  ALARM: Colors.red,
  OK: Colors.green,
  INSUFFICIENT_DATA: Colors.grey,
};

/** The attachment colour for an alert: its state when it has one, else its severity. */
export function colorFor(alert: { state?: AlarmState; severity: Severity }): string {
  return alert.state ? BY_STATE[alert.state] : BY_SEVERITY[alert.severity];
}
