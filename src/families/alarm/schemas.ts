/**
 * zod schemas for the three shapes an alarm state change arrives in. Only what identifies the
 * alarm and its new state is required; every descriptive part is lenient (a field of an
 * unexpected type is dropped, not fatal), so one odd field never loses the alert.
 */
import * as z from 'zod/mini';

/** Optional, and dropped rather than fatal when it has an unexpected type. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

export const alarmStateValue = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

// ── EventBridge and the Lambda alarm action share the camelCase shapes ──────────────────────

const ebMetricStat = z.looseObject({
  metric: z.looseObject({
    namespace: z.string(),
    name: z.string(),
    dimensions: lenient(z.record(z.string(), z.string())),
  }),
  period: lenient(z.number()),
  stat: lenient(z.string()),
});

const ebMetricQuery = z.looseObject({
  id: lenient(z.string()),
  metricStat: lenient(ebMetricStat),
  expression: lenient(z.string()),
  label: lenient(z.string()),
  returnData: lenient(z.boolean()),
});

export const ebState = z.looseObject({
  value: alarmStateValue,
  reason: lenient(z.string()),
  reasonData: lenient(z.string()),
  timestamp: lenient(z.string()),
  actionsSuppressedBy: lenient(z.string()),
  actionsSuppressedReason: lenient(z.string()),
});

const ebConfiguration = z.looseObject({
  description: lenient(z.nullable(z.string())),
  metrics: lenient(z.array(ebMetricQuery)),
  alarmRule: lenient(z.string()),
  actionsSuppressor: lenient(z.string()),
  actionsSuppressorWaitPeriod: lenient(z.number()),
  actionsSuppressorExtensionPeriod: lenient(z.number()),
});

/** Tags arrive as a key → value map; older tooling writes `[{Key, Value}]`. Both are read. */
export const alarmTags = z.union([
  z.record(z.string(), z.string()),
  z.array(
    z.looseObject({
      Key: z.optional(z.string()),
      Value: z.optional(z.string()),
      key: z.optional(z.string()),
      value: z.optional(z.string()),
    }),
  ),
]);

/** `detail` of a `CloudWatch Alarm State Change` EventBridge event, and an alarm action's `alarmData`. */
export const ebAlarmDetail = z.looseObject({
  alarmName: z.string().check(z.minLength(1)),
  state: ebState,
  previousState: lenient(ebState),
  configuration: lenient(ebConfiguration),
  alarmTags: lenient(alarmTags),
});
export type EbAlarmDetail = z.infer<typeof ebAlarmDetail>;
export type EbMetricQuery = z.infer<typeof ebMetricQuery>;
export type EbState = z.infer<typeof ebState>;

/** The event CloudWatch sends when an alarm action invokes a Lambda function directly. */
export const alarmActionEvent = z.looseObject({
  source: lenient(z.string()),
  alarmArn: z.string().check(z.minLength(1)),
  accountId: lenient(z.string()),
  time: lenient(z.string()),
  region: lenient(z.string()),
  alarmTags: lenient(alarmTags),
  // The same alarm detail an EventBridge state change carries.
  alarmData: ebAlarmDetail,
});
export type AlarmActionEvent = z.infer<typeof alarmActionEvent>;

// ── SNS notification (PascalCase) ───────────────────────────────────────────────────────────

/** SNS writes dimensions as `[{name, value}]` (lower case keys). */
const snsDimension = z.looseObject({
  name: z.optional(z.string()),
  value: z.optional(z.string()),
  Name: z.optional(z.string()),
  Value: z.optional(z.string()),
});

const snsMetricQuery = z.looseObject({
  Id: lenient(z.string()),
  Expression: lenient(z.string()),
  Label: lenient(z.string()),
  ReturnData: lenient(z.boolean()),
  MetricStat: lenient(
    z.looseObject({
      Metric: z.looseObject({
        Namespace: z.string(),
        MetricName: z.string(),
        Dimensions: lenient(z.array(snsDimension)),
      }),
      Period: lenient(z.number()),
      Stat: lenient(z.string()),
    }),
  ),
});

const snsTrigger = z.looseObject({
  MetricName: lenient(z.string()),
  Namespace: lenient(z.string()),
  StatisticType: lenient(z.string()),
  Statistic: lenient(z.string()),
  ExtendedStatistic: lenient(z.nullable(z.string())),
  Unit: lenient(z.nullable(z.string())),
  Dimensions: lenient(z.array(snsDimension)),
  Period: lenient(z.number()),
  EvaluationPeriods: lenient(z.number()),
  DatapointsToAlarm: lenient(z.number()),
  ComparisonOperator: lenient(z.string()),
  Threshold: lenient(z.number()),
  ThresholdMetricId: lenient(z.string()),
  TreatMissingData: lenient(z.string()),
  Metrics: lenient(z.array(snsMetricQuery)),
});

/** The JSON inside `Sns.Message` of a CloudWatch alarm notification. */
export const snsAlarmMessage = z.looseObject({
  AlarmName: z.string().check(z.minLength(1)),
  AlarmDescription: lenient(z.nullable(z.string())),
  AWSAccountId: lenient(z.string()),
  NewStateValue: alarmStateValue,
  NewStateReason: lenient(z.string()),
  StateChangeTime: lenient(z.string()),
  Region: lenient(z.string()),
  AlarmArn: lenient(z.string()),
  OldStateValue: lenient(alarmStateValue),
  Trigger: lenient(snsTrigger),
  AlarmRule: lenient(z.string()),
  TriggeringChildren: lenient(
    z.array(
      z.looseObject({
        Arn: z.string(),
        State: lenient(z.looseObject({ Value: lenient(z.string()), Timestamp: lenient(z.string()) })),
      }),
    ),
  ),
  ActionsSuppressedBy: lenient(z.string()),
  ActionsSuppressedReason: lenient(z.string()),
  AlarmTags: lenient(alarmTags),
});
export type SnsAlarmMessage = z.infer<typeof snsAlarmMessage>;
export type SnsMetricQuery = z.infer<typeof snsMetricQuery>;
export type SnsDimension = z.infer<typeof snsDimension>;

// ── reasonData (a JSON string inside each state) ────────────────────────────────────────────

export const reasonDataSchema = z.looseObject({
  statistic: lenient(z.string()),
  period: lenient(z.number()),
  threshold: lenient(z.number()),
  recentDatapoints: lenient(z.array(z.number())),
  recentLowerThresholds: lenient(z.array(z.number())),
  recentUpperThresholds: lenient(z.array(z.number())),
  evaluatedDatapoints: lenient(
    z.array(z.looseObject({ timestamp: lenient(z.string()), value: lenient(z.number()) })),
  ),
  triggeringAlarms: lenient(
    z.array(
      z.looseObject({
        arn: z.string(),
        state: lenient(z.looseObject({ value: lenient(z.string()), timestamp: lenient(z.string()) })),
      }),
    ),
  ),
});
