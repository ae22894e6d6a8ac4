/**
 * cloudbell's one configuration, validated once at cold start.
 *
 * Only `slack.defaultChannel` is required; every other key has an explicit default here.
 * The YAML file loader lives in `config-file.ts` so the Lambda bundles (which receive the
 * config already parsed at package time) never ship a YAML parser.
 */
import * as z from 'zod/mini';
import { FAMILY_IDS, familiesSchema } from '../families/family-switches.js';
import { didYouMean } from './did-you-mean.js';
import { MAX_WINDOW_SECONDS, parseDuration } from './duration.js';
import { ConfigError } from './errors.js';
import { scheduleProblem } from './schedule-expression.js';

const nonEmpty = () => z.string().check(z.minLength(1));
const list = <T extends z.ZodMiniType>(item: T) => z._default(z.array(item), () => []);

const severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
const family = z.enum(['alarm', 'dlq', 'security', 'generic', ...FAMILY_IDS]);

/** Slack user (U…/W…), user group (S…) or one of the special broadcast mentions. */
const mention = z
  .string()
  .check(
    z.regex(
      /^([UW][A-Z0-9]{2,}|S[A-Z0-9]{2,}|@here|@channel)$/,
      'a user ID (U…), a user-group ID (S…), @here or @channel',
    ),
  );

/** A whole number in [min, max]; the message states the range, whatever is wrong. */
const wholeNumber = (min: number, max?: number) => {
  const expected = max === undefined ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  const checks = [
    z.int(expected),
    z.gte(min, expected),
    ...(max === undefined ? [] : [z.lte(max, expected)]),
  ];
  return z.number({ error: expected }).check(...checks);
};

/** A number in (0, max]. */
const positiveNumber = (max?: number) => {
  const expected = max === undefined ? 'a number > 0' : `a number > 0 and ≤ ${max}`;
  return z
    .number({ error: expected })
    .check(z.positive(expected), ...(max === undefined ? [] : [z.lte(max, expected)]));
};

/** `#name` (lowercase, digits, `-`, `_`; Slack's channel-name rules) or a channel id (C…, G…). */
const channel = () =>
  z
    .string({ error: 'a channel: #name or an id such as C0123ABCD' })
    .check(
      z.regex(
        /^(#[\p{Ll}\p{Lo}\p{N}_-]{1,80}|[CGD][A-Z0-9]{2,})$/u,
        'a channel: #name (lowercase, with the #) or an id such as C0123ABCD',
      ),
    );

/** Same windows as `--since`: 15m, 2h, 1d … up to 7d. */
const durationSpec = z.string({ error: 'a duration such as 15m, 2h or 1d' }).check(
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
const scheduleExpression = z.string({ error: 'a cron(…) or rate(…) expression' }).check(
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

/** Evidence switches of one route (unset: the global `evidence` setting applies). */
const evidenceSwitches = z.strictObject({
  graphs: z.optional(z.boolean()),
  logs: z.optional(z.boolean()),
});

const routeSchema = z.strictObject({
  match: z._default(
    z.strictObject({
      family: z.optional(z.array(family)),
      severity: z.optional(z.array(severity)),
      account: z.optional(z.array(nonEmpty())),
      region: z.optional(z.array(nonEmpty())),
      alarmPrefix: z.optional(z.array(nonEmpty())),
      catalogueId: z.optional(z.array(nonEmpty())),
    }),
    () => ({}),
  ),
  channels: z._default(z.array(channel()), () => []),
  mentions: list(mention),
  evidence: z.optional(evidenceSwitches),
});

export const configSchema = z.strictObject({
  slack: z.strictObject({
    defaultChannel: channel(),
    /** Also show thread replies (OK after ALARM) in the channel. */
    broadcastReplies: z._default(z.boolean(), false),
  }),
  /** Account id → alias shown beside it ("prod (210987654321)"). */
  accounts: z._default(
    z.record(z.string().check(z.regex(/^\d{12}$/, 'a 12-digit account id')), nonEmpty()),
    () => ({}),
  ),
  routes: list(routeSchema),
  ignore: z.prefault(
    z.strictObject({
      /** Principal ARNs (exact, or ending in `*` for a prefix) whose CloudTrail events are ignored. */
      principals: list(nonEmpty()),
      alarmPrefixes: list(nonEmpty()),
      catalogueIds: list(nonEmpty()),
    }),
    {},
  ),
  /** Queue names treated as dead-letter queues besides the `*-dlq` naming conventions. */
  dlqs: list(nonEmpty()),
  alarms: z.prefault(
    z.strictObject({
      /** Limit the alarm EventBridge rule to these alarm-name prefixes (empty: every alarm). */
      namePrefixes: list(nonEmpty()),
    }),
    {},
  ),
  security: z.prefault(
    z.strictObject({
      /** Catalogue ids whose EventBridge rules are not deployed at all. */
      disabled: list(nonEmpty()),
    }),
    {},
  ),
  /** One switch per finding/service-event family (src/families/family-switches.ts). */
  families: familiesSchema,
  /**
   * Who may run /aws-errors and press cloudbell's buttons. An empty `teams` list denies
   * everyone; `admins` (user ids) may also redrive and lift other people's snoozes.
   */
  access: z.prefault(
    z.strictObject({
      teams: list(nonEmpty()),
      channels: list(nonEmpty()),
      users: list(nonEmpty()),
      admins: list(nonEmpty()),
    }),
    {},
  ),
  /** The buttons on alerts (src/actions). */
  actions: z.prefault(
    z.strictObject({
      /** Show Acknowledge/Snooze buttons (the Slack app needs interactivity turned on). */
      enabled: z._default(z.boolean(), true),
      /** May a critical alert be snoozed? */
      snoozeCritical: z._default(z.boolean(), true),
      /** How long "Mute this rule" silences a security rule for one principal. */
      muteDays: z._default(z.number().check(z.int(), z.positive(), z.lte(90)), 7),
    }),
    {},
  ),
  /** Reminders in an unacknowledged ALARM's thread, one per step, until it is acknowledged or OK. */
  escalation: z.prefault(
    z.strictObject({
      steps: list(
        z.strictObject({
          /** Time after the ALARM was posted. */
          after: durationSpec,
          mention: list(mention),
          /** Also post the reminder here (a channel name or id), linking the thread. */
          channel: z.optional(nonEmpty()),
        }),
      ),
    }),
    {},
  ),
  errors: z.prefault(
    z.strictObject({
      /** Time budget of one /aws-errors query, in seconds. */
      budgetSeconds: z._default(positiveNumber(600), 20),
      redactEmails: z._default(z.boolean(), true),
      /** Regions /aws-errors may read (the worker's IAM grants only these); empty: the stack's region. */
      regions: list(
        z
          .string()
          .check(z.regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/, 'a region code such as eu-west-1')),
      ),
      /** Function name prefixes /aws-errors may read (IAM scoped to their log groups); empty: all. */
      functions: list(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,63}$/, 'a function name prefix'))),
      /** Custom log groups by function name (functions with LoggingConfig.LogGroup set). */
      logGroups: z._default(
        z.record(
          z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'a function name')),
          z.string().check(z.regex(/^[.\-_/#A-Za-z0-9]{1,512}$/, 'a log group name')),
        ),
        () => ({}),
      ),
      digest: z.prefault(
        z.strictObject({
          enabled: z._default(z.boolean(), false),
          schedule: z._default(scheduleExpression, 'cron(0 8 * * ? *)'),
          channel: z.optional(channel()),
          window: z._default(durationSpec, '24h'),
          postWhenEmpty: z._default(z.boolean(), false),
        }),
        {},
      ),
    }),
    {},
  ),
  storm: z.prefault(
    z.strictObject({
      /** More than this many messages for one channel in one batch/window become one digest. */
      threshold: z._default(wholeNumber(1), 5),
      windowSeconds: z._default(wholeNumber(1), 60),
      /** A digest names at most this many alerts; the rest are counted (100: a full SQS batch). */
      hardCap: z._default(wholeNumber(1), 100),
    }),
    {},
  ),
  /** The graph and log lines posted in an alarm's thread after the alert (src/evidence). */
  evidence: z.prefault(
    z.strictObject({
      graphs: z._default(z.boolean(), true),
      logs: z._default(z.boolean(), true),
      /** Families whose alarms get evidence. */
      families: z._default(z.array(z.enum(['alarm', 'dlq'])), () => ['alarm' as const, 'dlq' as const]),
      /** Also draw the recovery graph under the OK reply. */
      onOk: z._default(z.boolean(), true),
    }),
    {},
  ),
  graphs: z.prefault(
    z.strictObject({
      /** GetMetricWidgetImage is billed per metric drawn: at most this many graphs a day (UTC). */
      maxPerDay: z._default(wholeNumber(1), 200),
    }),
    {},
  ),
  dedupe: z.prefault(z.strictObject({ ttlHours: z._default(positiveNumber(), 24) }), {}),
});

export type Config = z.infer<typeof configSchema>;
export type RouteRule = z.infer<typeof routeSchema>;

type Issue = z.core.$ZodIssue & { input?: unknown };

function pathText(path: readonly PropertyKey[]): string {
  return path.length > 0
    ? path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '(top level)';
}

/** Schema types that only wrap another: defaults (`prefault` parses its default through it) and optionals. */
const WRAPPERS = new Set(['default', 'prefault', 'optional']);

/** The schema under `path`, through defaults, optionals, arrays and records. */
function schemaAt(path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let schema: z.core.$ZodType | undefined = configSchema;
  for (const key of [undefined, ...path]) {
    // Unwrap wrappers first (also before the first key).
    for (;;) {
      const def = schema?._zod.def as { type?: string; innerType?: z.core.$ZodType } | undefined;
      if (def && WRAPPERS.has(def.type ?? '') && def.innerType) schema = def.innerType;
      else break;
    }
    if (key === undefined) continue;
    const def = schema?._zod.def as {
      type?: string;
      shape?: Record<string, z.core.$ZodType>;
      element?: z.core.$ZodType;
      valueType?: z.core.$ZodType;
    };
    if (def?.type === 'object') schema = def.shape?.[String(key)];
    else if (def?.type === 'array') schema = def.element;
    else if (def?.type === 'record') schema = def.valueType;
    else return undefined;
  }
  for (;;) {
    const def = schema?._zod.def as { type?: string; innerType?: z.core.$ZodType } | undefined;
    if (def && WRAPPERS.has(def.type ?? '') && def.innerType) schema = def.innerType;
    else return schema;
  }
}

/** The keys an object in the config may have at `path`. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  const def = schemaAt(path)?._zod.def as { type?: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a section (indented key: value lines)',
  array: 'a list ([a, b] or - lines)',
  boolean: 'true or false',
  string: 'text',
};

function describeIssue(issue: Issue): string {
  const path = pathText(issue.path);
  const hasInput = 'input' in issue && issue.input !== undefined;
  const got = hasInput ? `, got ${shown(issue.input)}` : '';
  const custom = issue.message && issue.message !== 'Invalid input' ? issue.message : undefined;
  // "storm.threshold: 0 is not a whole number ≥ 1": the value, then what it should be.
  if (custom && hasInput && issue.code !== 'unrecognized_keys')
    return `${path}: ${shown(issue.input)} is not ${custom}`;
  switch (issue.code) {
    case 'invalid_type':
      if (!hasInput)
        return `${path}: missing (expected ${custom ?? TYPE_NAMES[issue.expected] ?? issue.expected})`;
      return `${path}: expected ${TYPE_NAMES[issue.expected] ?? issue.expected}${got}`;
    case 'unrecognized_keys': {
      const known = knownKeys(issue.path);
      const keys = issue.keys.map((key) => {
        const hint = didYouMean(key, known);
        return hint ? `${key} (did you mean ${hint}?)` : key;
      });
      const where = issue.path.length > 0 ? `${path}: ` : '';
      const valid = keys.some((k) => k.includes('did you mean')) ? '' : ` (known keys: ${known.join(', ')})`;
      return `${where}unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}${valid}`;
    }
    case 'invalid_key': {
      const key = issue.path.length > 0 ? String(issue.path.at(-1)) : '';
      const inner = issue.issues[0]?.message;
      return `${pathText(issue.path.slice(0, -1))}: key ${JSON.stringify(key)} is not ${inner && inner !== 'Invalid input' ? inner : 'a valid key'}`;
    }
    case 'invalid_value':
      return `${path}: expected one of ${issue.values.map(String).join(', ')}${got}`;
    default:
      return `${path}: expected ${custom ?? 'a valid value'}${got}`;
  }
}

/**
 * Validates a parsed config value and applies the defaults.
 *
 * An unknown key is reported before anything else: `slakc:` is a typo of `slack`, and saying
 * "slack is missing" would send the reader looking in the wrong place.
 *
 * @param raw - the parsed YAML/JSON value
 * @param source - where it came from, for the error message (a path or "inline")
 * @throws {ConfigError} naming the first bad key and what was expected
 * @example
 * ```ts
 * const config = parseConfig({ slack: { defaultChannel: '#aws-alerts' } }, 'inline');
 * config.storm.threshold; // 5
 * ```
 */
export function parseConfig(raw: unknown, source: string): Config {
  const result = configSchema.safeParse(raw ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues as Issue[];
  const first = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  const detail = first ? describeIssue(first) : 'invalid configuration';
  throw new ConfigError(`${source}: ${detail}`);
}
