/**
 * The EventBridge `CloudWatch Alarm State Change` event → `AlarmParts`. Its `detail` is also
 * what the Lambda alarm action carries as `alarmData` (see from-alarm-action.ts), so the detail
 * is read here once for both.
 */
import { partitionOf } from '../../alerts/console.js';
import { type AlarmParts, arnPart, defined, tagsOf } from './finish.js';
import type { AlarmStateSnapshot, MetricQuery } from './model.js';
import { isoTime, parseReasonData } from './reason.js';
import type { EbAlarmDetail, EbMetricQuery, EbState } from './schemas.js';

function snapshot(s: EbState): AlarmStateSnapshot {
  return defined({
    value: s.value,
    reason: s.reason,
    timestamp: isoTime(s.timestamp),
    reasonData: parseReasonData(s.reasonData),
    actionsSuppressedBy: s.actionsSuppressedBy,
    actionsSuppressedReason: s.actionsSuppressedReason,
  });
}

function ebMetrics(queries: readonly EbMetricQuery[] | undefined): MetricQuery[] {
  return (queries ?? []).map((q) =>
    defined({
      id: q.id,
      metric: q.metricStat
        ? {
            namespace: q.metricStat.metric.namespace,
            name: q.metricStat.metric.name,
            dimensions: Object.entries(q.metricStat.metric.dimensions ?? {}),
          }
        : undefined,
      period: q.metricStat?.period,
      stat: q.metricStat?.stat,
      expression: q.expression,
      label: q.label,
      returnData: q.returnData,
    }),
  );
}

type DetailParts = Pick<AlarmParts, 'description' | 'state' | 'previous' | 'metrics' | 'rule' | 'suppressor'>;

/** What the alarm detail says about the alarm and its states (EventBridge and alarm action alike). */
export function alarmDetailParts(detail: EbAlarmDetail): DetailParts {
  const config = detail.configuration;
  return {
    description: config?.description,
    state: snapshot(detail.state),
    previous: detail.previousState ? snapshot(detail.previousState) : undefined,
    metrics: ebMetrics(config?.metrics),
    rule: config?.alarmRule,
    suppressor: config?.actionsSuppressor
      ? {
          alarm: config.actionsSuppressor,
          waitPeriod: config.actionsSuppressorWaitPeriod,
          extensionPeriod: config.actionsSuppressorExtensionPeriod,
        }
      : undefined,
  };
}

/** The parts of an EventBridge alarm state change (its `detail`, and the event's account, region and time). */
export function fromEventBridge(
  detail: EbAlarmDetail,
  event: { resources?: unknown[]; account?: string; region?: string; time?: string },
): AlarmParts {
  const resource = event.resources?.find((r): r is string => typeof r === 'string' && r.includes(':alarm:'));
  const region = event.region;
  const arn =
    resource ??
    `arn:${partitionOf(region ?? 'us-east-1')}:cloudwatch:${region ?? ''}:${event.account ?? ''}:alarm:${detail.alarmName}`;
  return {
    via: 'eventbridge',
    name: detail.alarmName,
    arn,
    account: event.account ?? arnPart(arn, 4),
    region: region ?? arnPart(arn, 3),
    ...alarmDetailParts(detail),
    tags: tagsOf(detail.alarmTags),
    eventTime: isoTime(event.time),
  };
}
