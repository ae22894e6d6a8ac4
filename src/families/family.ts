import type { Alert } from '../alerts/alert.js';
import type { Config } from '../core/config.js';
import type { Envelope } from '../sources/envelope.js';

/** What a family may need besides the event: the config (aliases, dlqs) and the clock. */
export interface FamilyContext {
  readonly config: Config;
  readonly now: Date;
}

/**
 * One family of events. `matches` is cheap and total; `toAlert` returns `null` only for
 * events that are deliberately not posted (e.g. an alarm *configuration* change).
 */
export interface EventFamily {
  readonly id: string;
  matches(envelope: Envelope, context: FamilyContext): boolean;
  toAlert(envelope: Envelope, context: FamilyContext): Alert | null;
}
