/**
 * cloudbell's one configuration, validated once at cold start.
 *
 * Only `slack.defaultChannel` is required; every other key has an explicit default here.
 * The value schemas the sections are built from are in `config-values.ts`, the wording of a
 * validation problem in `config-issues.ts`. The YAML file loader lives in `config-file.ts` so
 * the Lambda bundles (which receive the config already parsed at package time) never ship a
 * YAML parser.
 */
import * as z from 'zod/mini';
import { FAMILY_IDS, familiesSchema } from '../families/family-switches.js';
import { describeIssue, type Issue } from './config-issues.js';
import {
  channel,
  durationSpec,
  list,
  mention,
  nonEmpty,
  positiveNumber,
  scheduleExpression,
  section,
  severity,
  wholeNumber,
} from './config-values.js';
import { ConfigError } from './errors.js';

const family = z.enum(['alarm', 'dlq', 'security', 'generic', ...FAMILY_IDS]);

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
  ignore: section({
    /** Principal ARNs (exact, or ending in `*` for a prefix) whose CloudTrail events are ignored. */
    principals: list(nonEmpty()),
    alarmPrefixes: list(nonEmpty()),
    catalogueIds: list(nonEmpty()),
  }),
  /** Queue names treated as dead-letter queues besides the `*-dlq` naming conventions. */
  dlqs: list(nonEmpty()),
  alarms: section({
    /** Limit the alarm EventBridge rule to these alarm-name prefixes (empty: every alarm). */
    namePrefixes: list(nonEmpty()),
  }),
  security: section({
    /** Catalogue ids whose EventBridge rules are not deployed at all. */
    disabled: list(nonEmpty()),
  }),
  /** One switch per finding/service-event family (src/families/family-switches.ts). */
  families: familiesSchema,
  /**
   * Who may run /aws-errors and press cloudbell's buttons. An empty `teams` list denies
   * everyone; `admins` (user ids) may also redrive and lift other people's snoozes.
   */
  access: section({
    teams: list(nonEmpty()),
    channels: list(nonEmpty()),
    users: list(nonEmpty()),
    admins: list(nonEmpty()),
  }),
  /** The buttons on alerts (src/actions). */
  actions: section({
    /** Show Acknowledge/Snooze buttons (the Slack app needs interactivity turned on). */
    enabled: z._default(z.boolean(), true),
    /** May a critical alert be snoozed? */
    snoozeCritical: z._default(z.boolean(), true),
    /** How long "Mute this rule" silences a security rule for one principal. */
    muteDays: z._default(z.number().check(z.int(), z.positive(), z.lte(90)), 7),
  }),
  /** Reminders in an unacknowledged ALARM's thread, one per step, until it is acknowledged or OK. */
  escalation: section({
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
  errors: section({
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
    digest: section({
      enabled: z._default(z.boolean(), false),
      schedule: z._default(scheduleExpression, 'cron(0 8 * * ? *)'),
      channel: z.optional(channel()),
      window: z._default(durationSpec, '24h'),
      postWhenEmpty: z._default(z.boolean(), false),
    }),
  }),
  storm: section({
    /** More than this many messages for one channel in one batch/window become one digest. */
    threshold: z._default(wholeNumber(1), 5),
    windowSeconds: z._default(wholeNumber(1), 60),
    /** A digest names at most this many alerts; the rest are counted (100: a full SQS batch). */
    hardCap: z._default(wholeNumber(1), 100),
  }),
  /** The graph and log lines posted in an alarm's thread after the alert (src/evidence). */
  evidence: section({
    graphs: z._default(z.boolean(), true),
    logs: z._default(z.boolean(), true),
    /** Families whose alarms get evidence. */
    families: z._default(z.array(z.enum(['alarm', 'dlq'])), () => ['alarm' as const, 'dlq' as const]),
    /** Also draw the recovery graph under the OK reply. */
    onOk: z._default(z.boolean(), true),
  }),
  graphs: section({
    /** GetMetricWidgetImage is billed per metric drawn: at most this many graphs a day (UTC). */
    maxPerDay: z._default(wholeNumber(1), 200),
  }),
  dedupe: section({ ttlHours: z._default(positiveNumber(), 24) }),
});

export type Config = z.infer<typeof configSchema>;
export type RouteRule = z.infer<typeof routeSchema>;

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
  const detail = first ? describeIssue(configSchema, first) : 'invalid configuration';
  throw new ConfigError(`${source}: ${detail}`);
}
