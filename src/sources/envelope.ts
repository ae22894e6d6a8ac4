/**
 * The shapes an event arrives in, unwrapped to one envelope each. Families read
 * `envelope.event`; delivery metadata rides alongside for dedupe and batch failures.
 */
export const InputShape = {
  /** An EventBridge event (`detail-type`, `source`, `detail`). */
  EventBridge: 'eventbridge',
  /** A CloudWatch alarm notification published to SNS (`Sns.Message` parsed). */
  SnsAlarm: 'sns-alarm',
  /** Any other SNS message (Message parsed as JSON when it is JSON, else the string). */
  Sns: 'sns',
  /** The CloudWatch alarm action that invokes Lambda directly (`alarmData`). */
  AlarmAction: 'alarm-action',
  /** Anything else: still reaches Slack through the generic family. */
  Unknown: 'unknown',
} as const;
export type InputShape = (typeof InputShape)[keyof typeof InputShape];

export interface Envelope {
  readonly shape: InputShape;
  /** The event itself, after unwrapping SQS bodies and SNS messages. */
  readonly event: unknown;
  /** The delivery's own id (EventBridge `id`, SNS `MessageId`) when it has one. */
  readonly deliveryId?: string;
  /** SQS `messageId` when the envelope came from an SQS batch (for `batchItemFailures`). */
  readonly recordId?: string;
  /** SNS metadata when the event came through SNS. */
  readonly sns?: { readonly topicArn?: string; readonly subject?: string; readonly timestamp?: string };
  /** Why the envelope is `unknown`, when something could not be read (bad JSON, …). */
  readonly problem?: string;
}
