/**
 * One evidence job, start to end: read the alarm again from the event, claim the job (one per
 * state change and channel), stand back in a storm, draw the graph(s) within the daily cap and
 * upload them into the thread, then reply with the log lines behind the alarm. Every step's
 * failure is logged and counted and the next step still runs: nothing here throws, so nothing
 * is retried into the alert's path (the alert was posted before this job existed).
 */
import type { Config } from '../core/config.js';
import type { AlarmChange } from '../families/alarm/model.js';
import { readAlarm } from '../families/alarm/normalise.js';
import type { Envelope } from '../sources/envelope.js';
import { graphCaption, graphFilename } from './caption.js';
import { subjectOfDescribedAlarm } from './children.js';
import type { EvidenceJob } from './evidence-job.js';
import type { EvidenceLedger, EvidenceSlack, GraphPort } from './evidence-ports.js';
import { pacedSlack } from './pace.js';
import { childrenInAlarm, type GraphSubject, subjectOfChange } from './subject.js';
import { metricWidget } from './widget.js';

/** A composite alarm's graphs: its first few children in ALARM. */
export const MAX_CHILD_GRAPHS = 3;

export interface EvidenceLog {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

/** Counters of one job; the handler publishes them as metrics. */
export interface EvidenceStats {
  graphsPosted: number;
  graphsFailed: number;
  graphsCapped: number;
  logRepliesPosted: number;
  logRepliesFailed: number;
  /** Why the whole job was skipped, if it was. */
  skipped?: 'not-an-alarm' | 'duplicate' | 'storm' | 'other-account';
}

export const newEvidenceStats = (): EvidenceStats => ({
  graphsPosted: 0,
  graphsFailed: 0,
  graphsCapped: 0,
  logRepliesPosted: 0,
  logRepliesFailed: 0,
});

/** The log step (src/evidence/log-step.ts in the worker); gets the change and posts its own replies. */
export type LogStep = (
  change: AlarmChange,
  job: EvidenceJob,
  region: string,
  stats: EvidenceStats,
  /** The thread's Slack, paced with the channel's alerts. */
  slack: EvidenceSlack,
  /** Epoch ms by which the step must be done (the invocation's end, less a margin). */
  deadline: number,
) => Promise<void>;

export interface EvidenceDeps {
  readonly config: Pick<Config, 'graphs' | 'storm'>;
  readonly graphs: GraphPort;
  readonly slack: EvidenceSlack;
  readonly ledger: EvidenceLedger;
  readonly logStep?: LogStep;
  readonly clock: () => number;
  /** Waits for a post slot; tests pass a fake. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log: EvidenceLog;
  /** The account the worker runs in: metrics of other accounts cannot be drawn from here. */
  readonly account?: string;
  /** The worker's own region, for events that do not say theirs. */
  readonly region: string;
  /** Epoch ms when the invocation must be done (its timeout less a margin); no new step starts after. */
  readonly deadline?: number;
}

/** A graph is not started with less time than this left: draw, wait for a slot, upload. */
const GRAPH_MIN_MS = 12_000;

const message = (error: unknown) => (error as Error)?.name ?? String(error);

async function subjectsOf(change: AlarmChange, region: string, deps: EvidenceDeps): Promise<GraphSubject[]> {
  const own = subjectOfChange(change);
  if (own) return [own];
  const children = childrenInAlarm(change).slice(0, MAX_CHILD_GRAPHS);
  if (children.length === 0) return [];
  const described = await deps.graphs.describeAlarms(children, region);
  return described
    .map((a) => subjectOfDescribedAlarm(a, region))
    .filter((s): s is GraphSubject => s !== undefined)
    .slice(0, MAX_CHILD_GRAPHS);
}

async function postGraphs(
  change: AlarmChange,
  job: EvidenceJob,
  region: string,
  deps: EvidenceDeps,
  stats: EvidenceStats,
  slack: EvidenceSlack,
): Promise<void> {
  let subjects: GraphSubject[];
  try {
    subjects = await subjectsOf(change, region, deps);
  } catch (error) {
    stats.graphsFailed += 1;
    deps.log.error('evidence: could not read the child alarms', {
      alarm: change.name,
      error: message(error),
    });
    return;
  }
  if (subjects.length === 0) {
    deps.log.info('evidence: nothing to draw', { alarm: change.name, kind: change.kind });
    return;
  }
  for (const subject of subjects) {
    if (deps.deadline !== undefined && deps.clock() + GRAPH_MIN_MS > deps.deadline) {
      deps.log.warn('evidence: no time left for more graphs', { alarm: subject.name });
      return;
    }
    let allowed = true;
    try {
      allowed = await deps.ledger.takeGraph(deps.clock(), deps.config.graphs.maxPerDay);
    } catch (error) {
      deps.log.error('evidence: could not count the daily graphs; drawing anyway', { error: message(error) });
    }
    if (!allowed) {
      stats.graphsCapped += 1;
      deps.log.warn('evidence: daily graph cap reached', { maxPerDay: deps.config.graphs.maxPerDay });
      return;
    }
    try {
      const widget = metricWidget(subject, { now: deps.clock() });
      const bytes = await deps.graphs.widgetImage(widget, subject.region ?? region);
      const caption = graphCaption(change, subject);
      await slack.uploadImage({
        channelId: job.channelId,
        threadTs: job.threadTs,
        bytes,
        filename: graphFilename(subject),
        title: widget.title,
        altText: caption.altText,
        ...(caption.comment ? { comment: caption.comment } : {}),
      });
      stats.graphsPosted += 1;
    } catch (error) {
      stats.graphsFailed += 1;
      deps.log.error('evidence: could not draw or upload a graph', {
        alarm: subject.name,
        error: message(error),
        code: (error as { code?: string; data?: { error?: string } })?.data?.error,
      });
    }
  }
}

/**
 * Runs one job. Never throws.
 *
 * @example
 * ```ts
 * const stats = await runEvidence(job, { config, graphs, slack, ledger, clock: Date.now, log, region: 'eu-west-1' });
 * ```
 */
export async function runEvidence(job: EvidenceJob, deps: EvidenceDeps): Promise<EvidenceStats> {
  const stats = newEvidenceStats();
  const read = readAlarm(job.envelope as Envelope);
  if (read?.kind !== 'change') {
    stats.skipped = 'not-an-alarm';
    deps.log.warn('evidence: the job holds no alarm state change', { dedupeKey: job.dedupeKey });
    return stats;
  }
  const change = read.change;
  if (change.account && deps.account && change.account !== deps.account) {
    stats.skipped = 'other-account';
    deps.log.info('evidence: alarm of another account, its metrics and logs are not readable here', {
      alarm: change.name,
      account: change.account,
    });
    return stats;
  }
  const now = deps.clock();
  try {
    if (!(await deps.ledger.claim(job.dedupeKey, job.channel, now))) {
      stats.skipped = 'duplicate';
      deps.log.info('evidence: already posted for this state change', { dedupeKey: job.dedupeKey });
      return stats;
    }
  } catch (error) {
    deps.log.error('evidence: could not claim the job; going on without the dedupe guarantee', {
      error: message(error),
    });
  }
  try {
    const count = await deps.ledger.countInWindow(job.channel, now, deps.config.storm.windowSeconds);
    if (count > deps.config.storm.threshold) {
      stats.skipped = 'storm';
      deps.log.info('evidence: storm in the channel, no graphs or log lines', {
        channel: job.channel,
        inWindow: count,
      });
      return stats;
    }
  } catch (error) {
    deps.log.error('evidence: could not count the storm window', { error: message(error) });
  }
  const region = change.region ?? deps.region;
  const slack = pacedSlack(deps.slack, {
    ledger: deps.ledger,
    channel: job.channel,
    clock: deps.clock,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    log: deps.log,
    ...(deps.deadline !== undefined ? { deadline: deps.deadline } : {}),
  });
  if (job.graphs) await postGraphs(change, job, region, deps, stats, slack);
  if (job.logs && deps.logStep) {
    try {
      await deps.logStep(change, job, region, stats, slack, deps.deadline ?? Number.POSITIVE_INFINITY);
    } catch (error) {
      stats.logRepliesFailed += 1;
      deps.log.error('evidence: the log lines step failed', { alarm: change.name, error: message(error) });
    }
  }
  return stats;
}
