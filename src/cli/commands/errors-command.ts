/**
 * `cloudbell errors`: the /aws-errors query plan run locally with the caller's AWS
 * credentials, printed as a table (or JSON), with a progress line on stderr.
 */

import { formatTime } from '../../alerts/time.js';
import { awsErrorsPort } from '../../aws/errors-port.js';
import { parseErrorsArgs } from '../../aws-errors/args.js';
import { logEventsUrl } from '../../aws-errors/log-events-url.js';
import { runErrorsQuery } from '../../aws-errors/plan.js';
import type { ErrorsPort } from '../../aws-errors/port.js';
import { ErrorsQueryError } from '../../aws-errors/query-error.js';
import { type RedactOptions, redact, redactDeep } from '../../aws-errors/redact.js';
import { coverageNotes, type ErrorsReport, nothingRead, summaryLine } from '../../aws-errors/report.js';
import { describeWindow } from '../../core/duration.js';
import { oneLine, truncate } from '../../slack/text.js';
import { takeOption } from '../args.js';
import { type AwsTarget, awsTarget } from '../aws-target.js';
import { cliConfig } from '../io.js';
import { type CliCommand, ExitCode } from '../subcommand.js';

const HELP = `Usage: cloudbell errors [NAME|PREFIX*] [--since 1h] [--region R] [--profile P] [--json]

Recent Lambda errors, grouped by signature and redacted: the same query as /aws-errors, run
with your AWS credentials (AWS_PROFILE or --profile; region from --region, AWS_REGION or the
profile). Asks CloudWatch metrics which functions failed, then reads only their logs.

  NAME        one function            PREFIX*   functions whose name starts with PREFIX
  --since     15m, 2h, 1d… up to 7d (default 1h)
  --json      print the report as JSON instead of a table

Needs cloudwatch:GetMetricData and logs:FilterLogEvents. Functions with a custom log group
are read from the group named in the config's errors.logGroups.`;

export interface ErrorsCommandDeps {
  /** CloudWatch metrics and Logs for one region, with the caller's profile. */
  readonly errorsPort: (target: AwsTarget) => ErrorsPort;
  readonly now: () => Date;
}

function pad(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - cut.length));
}

/**
 * The report as a fixed-width table with the summary and coverage notes.
 *
 * @example
 * ```ts
 * io.stdout.write(renderErrorsTable(report, new Date(), { emails: true }));
 * ```
 */
export function renderErrorsTable(
  report: ErrorsReport,
  now: Date,
  redactOptions: RedactOptions = { emails: true },
): string {
  const lines = [summaryLine(report), ...coverageNotes(report).map((n) => `note: ${n}`)];
  if (report.groups.length > 0) {
    lines.push(
      '',
      `${'COUNT'.padStart(6)}  ${pad('FUNCTION', 28)}  ${pad('TYPE', 26)}  ${pad('LAST SEEN', 26)}  MESSAGE`,
    );
    for (const g of report.groups) {
      const last = formatTime(new Date(g.lastSeen).toISOString(), now) ?? '';
      lines.push(
        `${String(g.count).padStart(6)}  ${pad(g.functionName, 28)}  ${pad(oneLine(g.type), 26)}  ${pad(last, 26)}  ${truncate(oneLine(g.sample), 120)}`,
      );
    }
    lines.push('', 'Logs:');
    const seen = new Set<string>();
    for (const g of report.groups) {
      if (seen.has(g.functionName)) continue;
      seen.add(g.functionName);
      lines.push(`  ${g.functionName}: ${logEventsUrl(report.region, g.logGroup, report.start, report.end)}`);
    }
  }
  // The last line of defence, as for Slack: the table is redacted once more as printed.
  return `${redact(lines.join('\n'), redactOptions)}\n`;
}

/**
 * @example
 * ```ts
 * const errors = createErrorsCommand({ errorsPort: () => standIn, now: () => new Date() });
 * await errors.run(['checkout-*', '--since', '2h'], io);
 * ```
 */
export function createErrorsCommand(deps: ErrorsCommandDeps): CliCommand {
  return {
    help: HELP,
    async run(args, io) {
      if (args.includes('--help') || args.includes('-h')) {
        io.stdout.write(`${HELP}\n`);
        return ExitCode.Ok;
      }
      const json = args.includes('--json');
      const profileOpt = takeOption(
        args.filter((a) => a !== '--json'),
        '--profile',
      );
      if (profileOpt.error) {
        io.stderr.write(`cloudbell errors: ${profileOpt.error}\n`);
        return ExitCode.Usage;
      }
      const parsed = parseErrorsArgs(profileOpt.rest, { allowPublic: false });
      if (parsed.kind === 'help') {
        io.stdout.write(`${HELP}\n`);
        return ExitCode.Ok;
      }
      if (parsed.kind === 'error') {
        io.stderr.write(`cloudbell errors: ${parsed.message.replace(/`/g, '')}\n`);
        return ExitCode.Usage;
      }
      const target = await awsTarget({ region: parsed.query.region, profile: profileOpt.value }, io.env, {
        profileRegion: true,
        knownProfile: true,
      });
      const { region, profile } = target;
      const config = cliConfig(io);
      const tty = (io.stderr as NodeJS.WriteStream).isTTY === true;
      io.stderr.write(
        `scanning ${region} over ${describeWindow(parsed.query.sinceSeconds)}…${tty ? '' : '\n'}`,
      );
      try {
        const report = await runErrorsQuery(deps.errorsPort(target), {
          query: parsed.query,
          region,
          budgetMs: config.errors.budgetSeconds * 1000,
          redactEmails: config.errors.redactEmails,
          logGroups: config.errors.logGroups,
          onProgress: ({ done, total, functionName }) => {
            const line = `scanning logs: ${done} of ${total} functions (${functionName})`;
            io.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
          },
        });
        if (tty) io.stderr.write('\r\x1b[K');
        // Redacted once more as printed: the table and the JSON are read, pasted and shared.
        const redactOptions = { emails: config.errors.redactEmails };
        io.stdout.write(
          json
            ? `${JSON.stringify(redactDeep(report, redactOptions), null, 2)}\n`
            : renderErrorsTable(report, deps.now(), redactOptions),
        );
        // A scan that could read nothing (credentials, permissions) must not look like a clean bill.
        return nothingRead(report) ? ExitCode.Failure : ExitCode.Ok;
      } catch (error) {
        if (tty) io.stderr.write('\n');
        if (error instanceof ErrorsQueryError) {
          // The profile exists (checked above) but gave no credentials: say which, and how to renew.
          const message =
            profile && error.reason === 'CredentialsProviderError'
              ? `cannot read Lambda error metrics in ${region}: CredentialsProviderError: AWS profile "${profile}" gave no credentials: run aws sso login --profile ${profile}, or check its keys (aws configure --profile ${profile})`
              : error.message;
          io.stderr.write(`cloudbell errors: ${message}\n`);
          return ExitCode.Failure;
        }
        throw error;
      }
    },
  };
}

/** The command wired to CloudWatch and CloudWatch Logs through the SDK. */
export const errorsCommand = createErrorsCommand({
  errorsPort: ({ region, profile }) => awsErrorsPort({ region, ...(profile ? { profile } : {}) }),
  now: () => new Date(),
});
