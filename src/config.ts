/**
 * cloudbell's one configuration, validated once at cold start.
 *
 * Only `slack.defaultChannel` is required; every other key has an explicit default here.
 * The YAML file loader lives in `config-file.ts` so the Lambda bundles (which receive the
 * config already parsed at package time) never ship a YAML parser.
 */
import * as z from 'zod/mini';
import { ConfigError } from './errors.js';
import { FAMILY_IDS, familiesSchema } from './families/settings.js';

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
  channels: z._default(z.array(nonEmpty()), () => []),
  mentions: list(mention),
  evidence: z.optional(evidenceSwitches),
});

const durationSpec = z.string().check(z.regex(/^\d+[mhd]$/, 'a duration such as 15m, 2h or 1d'));

export const configSchema = z.strictObject({
  slack: z.strictObject({
    defaultChannel: nonEmpty(),
    /** Also show thread replies (OK after ALARM) in the channel. */
    broadcastReplies: z._default(z.boolean(), false),
  }),
  /** Account id → alias shown beside it ("prod (210987654321)"). */
  accounts: z._default(
    z.record(z.string().check(z.regex(/^\d{12}$/, 'a 12-digit account id')), nonEmpty()),
    () => ({}),
  ),
  routes: list(routeSchema),
  ignore: z._default(
    z.strictObject({
      /** Principal ARNs (exact, or ending in `*` for a prefix) whose CloudTrail events are ignored. */
      principals: list(nonEmpty()),
      alarmPrefixes: list(nonEmpty()),
      catalogueIds: list(nonEmpty()),
    }),
    () => ({ principals: [], alarmPrefixes: [], catalogueIds: [] }),
  ),
  /** Queue names treated as dead-letter queues besides the `*-dlq` naming conventions. */
  dlqs: list(nonEmpty()),
  alarms: z._default(
    z.strictObject({
      /** Limit the alarm EventBridge rule to these alarm-name prefixes (empty: every alarm). */
      namePrefixes: list(nonEmpty()),
    }),
    () => ({ namePrefixes: [] }),
  ),
  security: z._default(
    z.strictObject({
      /** Catalogue ids whose EventBridge rules are not deployed at all. */
      disabled: list(nonEmpty()),
    }),
    () => ({ disabled: [] }),
  ),
  /** One switch per finding/service-event family (src/families/settings.ts). */
  families: familiesSchema,
  /**
   * Who may run /aws-errors and press cloudbell's buttons. An empty `teams` list denies
   * everyone; `admins` (user ids) may also redrive and lift other people's snoozes.
   */
  access: z._default(
    z.strictObject({
      teams: list(nonEmpty()),
      channels: list(nonEmpty()),
      users: list(nonEmpty()),
      admins: list(nonEmpty()),
    }),
    () => ({ teams: [], channels: [], users: [], admins: [] }),
  ),
  /** The buttons on alerts (src/actions). */
  actions: z._default(
    z.strictObject({
      /** Show Acknowledge/Snooze buttons (the Slack app needs interactivity turned on). */
      enabled: z._default(z.boolean(), true),
      /** May a critical alert be snoozed? */
      snoozeCritical: z._default(z.boolean(), true),
      /** How long "Mute this rule" silences a security rule for one principal. */
      muteDays: z._default(z.number().check(z.int(), z.positive(), z.lte(90)), 7),
    }),
    () => ({ enabled: true, snoozeCritical: true, muteDays: 7 }),
  ),
  /** Reminders in an unacknowledged ALARM's thread, one per step, until it is acknowledged or OK. */
  escalation: z._default(
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
    () => ({ steps: [] }),
  ),
  errors: z._default(
    z.strictObject({
      /** Time budget of one /aws-errors query, in seconds. */
      budgetSeconds: z._default(z.number().check(z.positive(), z.lte(600)), 20),
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
      digest: z._default(
        z.strictObject({
          enabled: z._default(z.boolean(), false),
          schedule: z._default(nonEmpty(), 'cron(0 8 * * ? *)'),
          channel: z.optional(nonEmpty()),
          window: z._default(durationSpec, '24h'),
          postWhenEmpty: z._default(z.boolean(), false),
        }),
        () => ({ enabled: false, schedule: 'cron(0 8 * * ? *)', window: '24h', postWhenEmpty: false }),
      ),
    }),
    () => ({
      budgetSeconds: 20,
      redactEmails: true,
      regions: [],
      functions: [],
      logGroups: {},
      digest: { enabled: false, schedule: 'cron(0 8 * * ? *)', window: '24h', postWhenEmpty: false },
    }),
  ),
  storm: z._default(
    z.strictObject({
      /** More than this many messages for one channel in one batch/window become one digest. */
      threshold: z._default(z.number().check(z.int(), z.positive()), 5),
      windowSeconds: z._default(z.number().check(z.int(), z.positive()), 60),
      /** A digest names at most this many alerts; the rest are counted. */
      hardCap: z._default(z.number().check(z.int(), z.positive()), 40),
    }),
    () => ({ threshold: 5, windowSeconds: 60, hardCap: 40 }),
  ),
  /** The graph and log lines posted in an alarm's thread after the alert (src/evidence). */
  evidence: z._default(
    z.strictObject({
      graphs: z._default(z.boolean(), true),
      logs: z._default(z.boolean(), true),
      /** Families whose alarms get evidence. */
      families: z._default(z.array(z.enum(['alarm', 'dlq'])), () => ['alarm' as const, 'dlq' as const]),
      /** Also draw the recovery graph under the OK reply. */
      onOk: z._default(z.boolean(), true),
    }),
    () => ({ graphs: true, logs: true, families: ['alarm' as const, 'dlq' as const], onOk: true }),
  ),
  graphs: z._default(
    z.strictObject({
      /** GetMetricWidgetImage is billed per metric drawn: at most this many graphs a day (UTC). */
      maxPerDay: z._default(z.number().check(z.int(), z.positive()), 200),
    }),
    () => ({ maxPerDay: 200 }),
  ),
  dedupe: z._default(z.strictObject({ ttlHours: z._default(z.number().check(z.positive()), 24) }), () => ({
    ttlHours: 24,
  })),
});

export type Config = z.infer<typeof configSchema>;
export type RouteRule = z.infer<typeof routeSchema>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const path =
    issue.path.length > 0
      ? issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : '(root)';
  switch (issue.code) {
    case 'invalid_type':
      return `${path}: expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return `${path}: expected one of ${issue.values.map(String).join(', ')}`;
    default:
      return `${path}: ${issue.message === 'Invalid input' ? 'invalid value' : issue.message}`;
  }
}

/**
 * Validates a parsed config value and applies the defaults.
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
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const [first] = result.error.issues;
  const detail = first ? describeIssue(first) : 'invalid configuration';
  throw new ConfigError(`${source}: ${detail}`);
}
