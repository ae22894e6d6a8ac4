/**
 * The event CloudWatch sends when an alarm action invokes a Lambda function directly →
 * `AlarmParts`. Its `alarmData` is the EventBridge detail; the alarm's ARN, account, region
 * and time sit beside it.
 */
import { type AlarmParts, arnPart, tagsOf } from './finish.js';
import { alarmDetailParts } from './from-eventbridge.js';
import { isoTime } from './reason.js';
import type { AlarmActionEvent } from './schemas.js';

export function fromAlarmAction(e: AlarmActionEvent): AlarmParts {
  const data = e.alarmData;
  return {
    via: 'alarm-action',
    name: data.alarmName,
    arn: e.alarmArn,
    account: e.accountId ?? arnPart(e.alarmArn, 4),
    region: e.region ?? arnPart(e.alarmArn, 3),
    ...alarmDetailParts(data),
    tags: tagsOf(e.alarmTags, data.alarmTags),
    eventTime: isoTime(e.time),
  };
}
