/**
 * Envelope → `AlarmRead`: the three alarm shapes (EventBridge `CloudWatch Alarm State Change`,
 * the SNS notification, the Lambda alarm action) each read by their own reader
 * (from-eventbridge.ts, from-sns.ts, from-alarm-action.ts) and finished into one model
 * (finish.ts), so that the same state change reads the same whichever way it came.
 */
import type { Envelope } from '../../sources/envelope.js';
import { eventBridgeEvent } from '../../sources/unwrap.js';
import { finishChange } from './finish.js';
import { fromAlarmAction } from './from-alarm-action.js';
import { fromEventBridge } from './from-eventbridge.js';
import { fromSns } from './from-sns.js';
import type { AlarmRead } from './model.js';
import { alarmActionEvent, ebAlarmDetail, snsAlarmMessage } from './schemas.js';

export const ALARM_STATE_CHANGE = 'CloudWatch Alarm State Change';
export const ALARM_CONFIGURATION_CHANGE = 'CloudWatch Alarm Configuration Change';

/**
 * Reads an envelope as an alarm state change: `change`, `ignored` (a configuration change),
 * or `undefined` when it is not an alarm event at all (or too malformed to be one). The
 * pipeline calls it at most once per envelope (`readContext` in src/families/family.ts).
 *
 * @example
 * ```ts
 * const read = readAlarm(envelope);
 * if (read?.kind === 'change') read.change.state.value; // 'ALARM'
 * ```
 */
export function readAlarm(envelope: Envelope): AlarmRead | undefined {
  switch (envelope.shape) {
    case 'eventbridge': {
      const eb = eventBridgeEvent.safeParse(envelope.event);
      if (!eb.success || eb.data.source !== 'aws.cloudwatch') return undefined;
      const type = eb.data['detail-type'];
      if (type === ALARM_CONFIGURATION_CHANGE) {
        return { kind: 'ignored', why: 'an alarm configuration change is not a state change' };
      }
      if (type !== ALARM_STATE_CHANGE) return undefined;
      const detail = ebAlarmDetail.safeParse(eb.data.detail);
      return detail.success
        ? { kind: 'change', change: finishChange(fromEventBridge(detail.data, eb.data)) }
        : undefined;
    }
    case 'sns-alarm': {
      const m = snsAlarmMessage.safeParse(envelope.event);
      return m.success ? { kind: 'change', change: finishChange(fromSns(m.data, envelope)) } : undefined;
    }
    case 'alarm-action': {
      const e = alarmActionEvent.safeParse(envelope.event);
      return e.success ? { kind: 'change', change: finishChange(fromAlarmAction(e.data)) } : undefined;
    }
    default:
      return undefined;
  }
}
