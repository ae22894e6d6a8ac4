/**
 * `cloudbell graph FILE --profile P [--out alarm.png]`: draws the graph the evidence worker
 * would post for an alarm event, with the caller's AWS credentials, into a PNG file; and the
 * widget definitions `cloudbell render --graph` prints without calling AWS.
 */
import { writeFileSync } from 'node:fs';
import { awsGraphPort } from '../aws/evidence-graphs.js';
import { InputError } from '../core/errors.js';
import { graphFilename } from '../evidence/caption.js';
import { subjectOfDescribedAlarm } from '../evidence/children.js';
import type { GraphPort } from '../evidence/evidence-ports.js';
import { childrenInAlarm, type GraphSubject, subjectOfChange } from '../evidence/subject.js';
import { type MetricWidget, metricWidget } from '../evidence/widget.js';
import type { AlarmChange } from '../families/alarm/model.js';
import { readAlarm } from '../families/alarm/normalise.js';
import { unwrap } from '../sources/unwrap.js';
import { takeOption } from './errors.js';
import { readEventFile } from './io.js';
import { type CliCommand, ExitCode } from './subcommand.js';

/** Tests swap CloudWatch for a stand-in. */
export type GraphPortFactory = (profile: string | undefined) => GraphPort;
let portFor: GraphPortFactory = (profile) => awsGraphPort(profile ? { profile } : {});
export function setGraphPortFactory(factory: GraphPortFactory | undefined): void {
  portFor = factory ?? ((profile) => awsGraphPort(profile ? { profile } : {}));
}

/** The alarm state changes in an input (one event, an SQS batch, an SNS event). */
export function alarmChanges(input: unknown): AlarmChange[] {
  return unwrap(input).flatMap((envelope) => {
    const read = readAlarm(envelope);
    return read?.kind === 'change' ? [read.change] : [];
  });
}

export interface GraphDefinition {
  readonly alarm: string;
  readonly kind: AlarmChange['kind'];
  /** The widget `GetMetricWidgetImage` is asked for (not for a composite: its children are read from AWS). */
  readonly widget?: MetricWidget;
  /** A composite's children in ALARM, whose graphs `cloudbell graph` draws. */
  readonly children?: readonly string[];
}

/**
 * What `render --graph` prints: one widget per metric, math or anomaly alarm change.
 *
 * @example
 * ```ts
 * graphDefinitions(event, Date.now())[0].widget.annotations.horizontal; // [{ value: 5, label: 'threshold > 5', … }]
 * ```
 */
export function graphDefinitions(input: unknown, now: number): GraphDefinition[] {
  return alarmChanges(input).map((change) => {
    const subject = subjectOfChange(change);
    if (subject) return { alarm: change.name, kind: change.kind, widget: metricWidget(subject, { now }) };
    return { alarm: change.name, kind: change.kind, children: childrenInAlarm(change) };
  });
}

const HELP = `Usage: cloudbell graph FILE|- [--profile P] [--region R] [--out alarm.png]

Draws the graph cloudbell posts in an alarm's thread, with CloudWatch GetMetricWidgetImage and
your AWS credentials (AWS_PROFILE or --profile; region from the event, --region or AWS_REGION):
the alarm's metric or expression around its state change, the threshold (or anomaly band), the
evaluated datapoints and the change marked, in UTC. A composite alarm draws its children in
ALARM (read with DescribeAlarms). Writes PNG files and prints their paths.
Needs cloudwatch:GetMetricWidgetImage (and cloudwatch:DescribeAlarms for composites).
\`cloudbell render --graph FILE\` prints the widget definition instead, without AWS.
Exit codes: 0 ok, 1 AWS failed, 2 bad usage or input.`;

export const graphCommand: CliCommand = {
  name: 'graph',
  summary: 'draw the alarm graph for one alarm event into a PNG (GetMetricWidgetImage)',
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
    const port = portFor(profile.value ?? io.env.AWS_PROFILE);
    const now = Date.now();
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
