/**
 * The commented `cloudbell.config.yml` that `cloudbell init` writes, from a few answers. The
 * text is validated by the same schema as every config before it is written.
 */
import { parse } from 'yaml';
import { parseConfig } from '../core/config.js';

export interface InitAnswers {
  /** Where alerts go: `#name` or a channel id. */
  readonly channel: string;
  /** Workspace (team) id allowed to run /aws-errors; empty leaves it off. */
  readonly team?: string;
  /** Account id → alias. */
  readonly accounts?: Readonly<Record<string, string>>;
  /** A channel for critical and high security events; empty keeps them in `channel`. */
  readonly securityChannel?: string;
}

/** YAML-safe scalar: JSON strings are valid YAML. */
const q = (value: string) => JSON.stringify(value);

/**
 * The config file's text.
 *
 * @throws {ConfigError} when an answer is invalid (a channel without #, a bad account id…)
 * @example
 * ```ts
 * writeFileSync('cloudbell.config.yml', initConfigText({ channel: '#aws-alerts', team: 'T0123ABCD' }));
 * ```
 */
export function initConfigText(answers: InitAnswers): string {
  const accounts = Object.entries(answers.accounts ?? {});
  const text = `# cloudbell configuration, written by \`cloudbell init\`. Only slack.defaultChannel is required;
# every key is described in the README ("Configuration"). Check it with \`npx cloudbell demo\`
# and, after a deploy, \`npx cloudbell doctor\`.
slack:
  # Where alerts go unless a route says otherwise: #name or a channel id (C…).
  defaultChannel: ${q(answers.channel)}
  # Also show thread replies (OK after ALARM) in the channel.
  broadcastReplies: false

# Account id → alias shown in messages: "prod (210987654321)".
accounts:${accounts.length === 0 ? ' {}   # e.g. "210987654321": prod' : `\n${accounts.map(([id, alias]) => `  ${q(id)}: ${q(alias)}`).join('\n')}`}

# Extra routes: an alert goes to every channel whose rule matches, else to defaultChannel.
# mentions: user ids (U…), user-group ids (S…), '@here' or '@channel'.
routes:${answers.securityChannel ? '' : ' []'}
${
  answers.securityChannel
    ? `  - match: { family: [security], severity: [critical, high] }
    channels: [${q(answers.securityChannel)}]
    mentions: []`
    : "  # - match: { family: [security], severity: [critical] }\n  #   channels: ['#security']\n  #   mentions: ['@here']"
}

# Alarms and principals to leave out (a CI role's CloudTrail events, test alarms).
ignore:
  principals: []        # e.g. arn:aws:iam::210987654321:role/ci-deployer
  alarmPrefixes: []
  catalogueIds: []

# Who may run /aws-errors: workspace (team) ids; empty denies everyone (help still answers).
access:
  teams: [${answers.team ? q(answers.team) : ''}]
  channels: []
  users: []
`;
  // The same schema as every load: init never writes a file that would fail the deploy.
  parseConfig(parse(text), 'answers');
  return text;
}
