/**
 * The AWS Budgets notification, as SNS delivers it: plain text with one "Key: value" line per
 * fact ("Budget Name: …", "Alert Type: ACTUAL", "ACTUAL Amount: $1.70").
 */

export interface BudgetNotice {
  readonly name?: string;
  readonly type?: string;
  readonly budgeted?: string;
  readonly alertType?: string;
  readonly threshold?: string;
  /** The ACTUAL or FORECASTED amount the alert is about. */
  readonly amount?: string;
  readonly account?: string;
  /** The sentence that says what crossed what. */
  readonly sentence?: string;
}

/** Whether an SNS message is a Budgets notification. */
export function isBudgetNotice(message: unknown, subject: string | undefined): message is string {
  return (
    typeof message === 'string' &&
    (message.includes('AWS Budget Notification') || (subject?.startsWith('AWS Budgets:') ?? false)) &&
    /^Budget Name: /m.test(message)
  );
}

/**
 * @example
 * ```ts
 * parseBudgetNotice(text).amount; // '$1.70'
 * ```
 */
export function parseBudgetNotice(text: string): BudgetNotice {
  const line = (key: string) => {
    const m = new RegExp(`^${key}:[ \\t]*(.+)$`, 'm').exec(text);
    return m?.[1]?.trim() || undefined;
  };
  const alertType = line('Alert Type');
  const amount = alertType ? line(`${alertType} Amount`) : undefined;
  const account = /^AWS Account (\d{12})\s*$/m.exec(text)?.[1];
  const sentence = /^You requested that we alert you .+$/m.exec(text)?.[0];
  return {
    ...(line('Budget Name') ? { name: line('Budget Name') } : {}),
    ...(line('Budget Type') ? { type: line('Budget Type') } : {}),
    ...(line('Budgeted Amount') ? { budgeted: line('Budgeted Amount') } : {}),
    ...(alertType ? { alertType } : {}),
    ...(line('Alert Threshold') ? { threshold: line('Alert Threshold') } : {}),
    ...(amount ? { amount } : {}),
    ...(account ? { account } : {}),
    ...(sentence ? { sentence } : {}),
  };
}
