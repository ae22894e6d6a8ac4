/**
 * The contract every family meets: read the event once, then build the alert from what was
 * read. The pipeline asks each family of the registry in order; the first whose `read` returns
 * something claims the event.
 */
import type { Alert } from '../alerts/alert.js';
import type { Config } from '../core/config.js';
import type { Envelope } from '../sources/envelope.js';
import type { AlarmRead } from './alarm/model.js';
import { readAlarm } from './alarm/normalise.js';

/** What a family may need besides the event: the config (aliases, dlqs) and the clock. */
export interface FamilyContext {
  readonly config: Config;
  readonly now: Date;
}

/**
 * What a family's `read` is given for one envelope: the context, and the envelope read as a
 * CloudWatch alarm. Two families are built on that one read (`dlq` claims a dead-letter
 * queue's depth alarm, `alarm` every other alarm), so it is read at most once per envelope,
 * and only when a family asks for it.
 */
export interface ReadContext extends FamilyContext {
  readonly alarm: () => AlarmRead | undefined;
}

/**
 * One family of events. `read` is cheap, does not throw for an event that is not its own, and
 * returns `undefined` for it; what it returns goes to the same family's `toAlert`, which returns
 * `null` only for events that are deliberately not posted (e.g. an alarm *configuration*
 * change). `Read` is private to the family: the pipeline only hands it back.
 */
export interface EventFamily<Read = unknown> {
  readonly id: string;
  read(envelope: Envelope, context: ReadContext): Read | undefined;
  toAlert(read: Read, context: FamilyContext): Alert | null;
}

/**
 * The read context for one envelope: `alarm()` reads it as an alarm on first call only.
 *
 * @example
 * ```ts
 * const reads = readContext(envelope, { config, now });
 * const claimed = dlqFamily.read(envelope, reads) ?? alarmFamily.read(envelope, reads); // one alarm read
 * ```
 */
export function readContext(envelope: Envelope, context: FamilyContext): ReadContext {
  let alarm: { value: AlarmRead | undefined } | undefined;
  return {
    config: context.config,
    now: context.now,
    alarm: () => {
      alarm ??= { value: readAlarm(envelope) };
      return alarm.value;
    },
  };
}
