/**
 * The value schemas the config's sections are built from: channels, mentions, numbers in a
 * range, durations, schedules. Each names what it expects, so an error reads as a sentence
 * ("storm.threshold: 0 is not a whole number ≥ 1").
 */
import * as z from 'zod/mini';
import { MAX_WINDOW_SECONDS, parseDuration } from './duration.js';
import { scheduleProblem } from './schedule-expression.js';

export const nonEmpty = () => z.string().check(z.minLength(1));
export const list = <T extends z.ZodMiniType>(item: T) => z._default(z.array(item), () => []);

export const severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);

/** Slack user (U…/W…), user group (S…) or one of the special broadcast mentions. */
export const mention = z
  .string()
  .check(
    z.regex(
      /^([UW][A-Z0-9]{2,}|S[A-Z0-9]{2,}|@here|@channel)$/,
      'a user ID (U…), a user-group ID (S…), @here or @channel',
    ),
  );

/** A whole number in [min, max]; the message states the range, whatever is wrong. */
export const wholeNumber = (min: number, max?: number) => {
  const expected = max === undefined ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  const checks = [
    z.int(expected),
    z.gte(min, expected),
    ...(max === undefined ? [] : [z.lte(max, expected)]),
  ];
  return z.number({ error: expected }).check(...checks);
};

/** A number in (0, max]. */
export const positiveNumber = (max?: number) => {
  const expected = max === undefined ? 'a number > 0' : `a number > 0 and ≤ ${max}`;
  return z
    .number({ error: expected })
    .check(z.positive(expected), ...(max === undefined ? [] : [z.lte(max, expected)]));
};

/** `#name` (lowercase, digits, `-`, `_`; Slack's channel-name rules) or a channel id (C…, G…). */
export const channel = () =>
  z
    .string({ error: 'a channel: #name or an id such as C0123ABCD' })
    .check(
      z.regex(
        /^(#[\p{Ll}\p{Lo}\p{N}_-]{1,80}|[CGD][A-Z0-9]{2,})$/u,
        'a channel: #name (lowercase, with the #) or an id such as C0123ABCD',
      ),
    );

/** Same windows as `--since`: 15m, 2h, 1d … up to 7d. */
export const durationSpec = z.string({ error: 'a duration such as 15m, 2h or 1d' }).check(
  z.superRefine((value, ctx) => {
    const seconds = parseDuration(value);
    if (seconds === undefined || seconds === 0)
      ctx.issues.push({ code: 'custom', message: 'a duration such as 15m, 2h or 1d', input: value });
    else if (seconds > MAX_WINDOW_SECONDS)
      ctx.issues.push({
        code: 'custom',
        message: 'a duration up to 7d (the longest window searched)',
        input: value,
      });
  }),
);

/** An EventBridge `cron(…)` or `rate(…)` expression, checked field by field. */
export const scheduleExpression = z.string({ error: 'a cron(…) or rate(…) expression' }).check(
  z.superRefine((value, ctx) => {
    const problem = scheduleProblem(value);
    if (problem)
      ctx.issues.push({
        code: 'custom',
        message: `a cron(…) or rate(…) expression: ${problem}`,
        input: value,
      });
  }),
);

/**
 * A section that may be left out: its keys take their defaults (`prefault` parses `{}` through
 * the section, so the defaults are written once, in the section).
 */
export const section = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.prefault(z.strictObject(shape), {} as z.input<z.ZodMiniObject<T, z.core.$strict>>);
