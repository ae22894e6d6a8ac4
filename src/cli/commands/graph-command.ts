/**
 * `cloudbell graph FILE --profile P [--out alarm.png]`: draws the graph the evidence worker
 * would post for an alarm event, with the caller's AWS credentials, into a PNG file.
 */
import { writeFileSync } from 'node:fs';
import { awsGraphPort } from '../../aws/evidence-graphs.js';
import { InputError } from '../../core/errors.js';
import { graphFilename } from '../../evidence/caption.js';
import { subjectOfDescribedAlarm } from '../../evidence/children.js';
import type { GraphPort } from '../../evidence/ports.js';
import { childrenInAlarm, type GraphSubject, subjectOfChange } from '../../evidence/subject.js';
import { metricWidget } from '../../evidence/widget.js';
import { alarmChanges } from '../alarm-graphs.js';
import { takeOption } from '../args.js';
import { readEventFile } from '../io.js';
import { type CliCommand, ExitCode } from '../subcommand.js';

const HELP = `Usage: cloudbell graph FILE|- [--profile P] [--region R] [--out alarm.png]

Draws the graph cloudbell posts in an alarm's thread, with CloudWatch GetMetricWidgetImage and
your AWS credentials (AWS_PROFILE or --profile; region from the event, --region or AWS_REGION):
the alarm's metric or expression around its state change, the threshold (or anomaly band), the
evaluated datapoints and the change marked, in UTC. A composite alarm draws its children in
ALARM (read with DescribeAlarms). Writes PNG files and prints their paths.
Needs cloudwatch:GetMetricWidgetImage (and cloudwatch:DescribeAlarms for composites).
\`cloudbell render --graph FILE\` prints the widget definition instead, without AWS.
Exit codes: 0 ok, 1 AWS failed, 2 bad usage or input.`;

export interface GraphCommandDeps {
  /** CloudWatch (DescribeAlarms, GetMetricWidgetImage) with the caller's profile. */
  readonly graphs: (profile: string | undefined) => GraphPort;
  readonly now: () => number;
}

/**
 * @example
 * ```ts
 * const graph = createGraphCommand({ graphs: () => standIn, now: () => T0 });
 * await graph.run(['alarm.json', '--out', 'a.png'], io);
 * ```
 */
export function createGraphCommand(deps: GraphCommandDeps): CliCommand {
  return {
    help: HELP,
    async run(args, io) {
      const profile = takeOption(args, '--profile');
      const region = takeOption(profile.rest, '--region');
      const out = takeOption(region.rest, '--out');
      const problem = profile.error ?? region.error ?? out.error;
      const [file, ...extra] = out.rest;
      if (problem || !file || extra.length > 0) {
        io.stderr.write(
          `cloudbell graph: ${problem ?? 'expected exactly one FILE or -'} (see cloudbell graph --help)\n`,
        );
        return ExitCode.Usage;
      }
      const changes = alarmChanges(await readEventFile(file, io));
      if (changes.length === 0) throw new InputError(`${file}: no alarm state change in it`);
      const port = deps.graphs(profile.value ?? io.env.AWS_PROFILE);
      const now = deps.now();
      const written: string[] = [];
      for (const change of changes) {
        const where = change.region ?? region.value ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
        if (!where) throw new InputError('no region in the event: pass --region or set AWS_REGION');
        let subjects: GraphSubject[];
        const own = subjectOfChange(change);
        if (own) subjects = [own];
        else {
          const described = await port.describeAlarms(childrenInAlarm(change), where);
          subjects = described.flatMap((a) => subjectOfDescribedAlarm(a, where) ?? []);
          if (subjects.length === 0)
            io.stderr.write(`note: ${change.name} has no metric alarm in ALARM to draw\n`);
        }
        for (const subject of subjects) {
          const png = await port.widgetImage(metricWidget(subject, { now }), where);
          const path =
            out.value && changes.length === 1 && subjects.length === 1 ? out.value : graphFilename(subject);
          writeFileSync(path, png);
          written.push(path);
          io.stdout.write(`${path}\n`);
        }
      }
      return written.length > 0 ? ExitCode.Ok : ExitCode.Failure;
    },
  };
}

/** The command with CloudWatch through the SDK. */
export const graphCommand = createGraphCommand({
  graphs: (profile) => awsGraphPort(profile ? { profile } : {}),
  now: Date.now,
});
