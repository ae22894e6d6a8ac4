import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { type EvidenceJob, evidenceJobSchema } from '../../src/evidence/evidence-job.js';
import { alarmEvent, sqsEvent, sqsRecord } from '../helpers/alarm-events.js';
import { type LocalTable, startLocalTable } from '../helpers/dynalite.js';
import { localNotify } from '../helpers/local-notify.js';
import { SimClock } from '../helpers/sim-clock.js';
import { channelId, type SlackStandin, startStandin } from '../helpers/slack-standin.js';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function harness(config: Record<string, unknown> = {}, handOff?: (job: EvidenceJob) => Promise<void>) {
  const clock = new SimClock();
  const slack: SlackStandin = await startStandin({ clock });
  const table: LocalTable = await startLocalTable();
  open.push(slack, table);
  const jobs: EvidenceJob[] = [];
  const metrics = new Metrics({ namespace: 'cloudbell', serviceName: 'notify' });
  const invoke = localNotify({
    config: parseConfig({ slack: { defaultChannel: '#aws-alerts' }, ...config }, 'test'),
    clock,
    slackUrl: slack.url,
    table,
    metrics,
    handOff:
      handOff ??
      (async (job) => {
        jobs.push(job);
      }),
  });
  return { clock, slack, jobs, metrics, invoke };
}

describe('notify → evidence hand-off (the one seam after a post)', () => {
  it('hands one job per posted ALARM, carrying the alarm event, the channel id and the thread ts', async () => {
    const h = await harness();
    const event = alarmEvent({ name: 'checkout-api-errors', state: 'ALARM', at: h.clock.now() });
    const response = await h.invoke(sqsEvent([sqsRecord(event)]));
    expect(response.batchItemFailures).toEqual([]);
    const [parent] = h.slack.channelMessages('#aws-alerts');
    expect(h.jobs).toHaveLength(1);
    const job = h.jobs[0] as EvidenceJob;
    expect(evidenceJobSchema.safeParse(JSON.parse(JSON.stringify(job))).success).toBe(true);
    expect(job).toMatchObject({
      kind: 'evidence',
      channel: '#aws-alerts',
      channelId: channelId('#aws-alerts'),
      threadTs: parent?.ts,
      graphs: true,
      logs: true,
    });
    expect(job.envelope.event).toEqual(event);
  });

  it('the OK reply is handed off with the ALARM thread as its thread, unless evidence.onOk is off', async () => {
    const h = await harness();
    const at = h.clock.now();
    await h.invoke(sqsEvent([sqsRecord(alarmEvent({ name: 'a', state: 'ALARM', at }))]));
    h.clock.advanceTo(h.clock.now() + 120_000);
    await h.invoke(sqsEvent([sqsRecord(alarmEvent({ name: 'a', state: 'OK', at: at + 60_000 }))]));
    const [parent] = h.slack.channelMessages('#aws-alerts');
    expect(h.jobs.map((j) => j.threadTs)).toEqual([parent?.ts, parent?.ts]);

    const quiet = await harness({ evidence: { onOk: false } });
    const t = quiet.clock.now();
    await quiet.invoke(sqsEvent([sqsRecord(alarmEvent({ name: 'b', state: 'ALARM', at: t }))]));
    quiet.clock.advanceTo(quiet.clock.now() + 120_000);
    await quiet.invoke(sqsEvent([sqsRecord(alarmEvent({ name: 'b', state: 'OK', at: t + 60_000 }))]));
    expect(quiet.jobs).toHaveLength(1);
  });

  it('a route can turn evidence off for its channel', async () => {
    const h = await harness({
      routes: [
        {
          match: { alarmPrefix: ['noisy-'] },
          channels: ['#noisy'],
          evidence: { graphs: false, logs: false },
        },
      ],
    });
    await h.invoke(
      sqsEvent([
        sqsRecord(alarmEvent({ name: 'noisy-disk', state: 'ALARM', at: h.clock.now() })),
        sqsRecord(alarmEvent({ name: 'checkout-errors', state: 'ALARM', at: h.clock.now() })),
      ]),
    );
    expect(h.slack.channelMessages('#noisy')).toHaveLength(1);
    expect(h.jobs.map((j) => j.channel)).toEqual(['#aws-alerts']);
  });

  it('a failed hand-off is logged and counted: the alert is posted and nothing returns to the queue', async () => {
    const h = await harness({}, async () => {
      throw new Error('Lambda said no');
    });
    const addMetric = vi.spyOn(h.metrics, 'addMetric');
    const response = await h.invoke(
      sqsEvent([sqsRecord(alarmEvent({ name: 'handoff-fails', state: 'ALARM', at: h.clock.now() }))]),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(h.slack.channelMessages('#aws-alerts')).toHaveLength(1);
    expect(addMetric).toHaveBeenCalledWith('EvidenceHandOffFailures', 'Count', 1);
  });

  it('alerts in a storm digest get no evidence', async () => {
    const h = await harness({ storm: { threshold: 2 } });
    const records = Array.from({ length: 6 }, (_, i) =>
      sqsRecord(alarmEvent({ name: `storm-${i}`, state: 'ALARM', at: h.clock.now() })),
    );
    const response = await h.invoke(sqsEvent(records));
    expect(response.batchItemFailures).toEqual([]);
    expect(h.slack.channelMessages('#aws-alerts')).toHaveLength(1);
    expect(h.jobs).toEqual([]);
  });

  it('nothing is handed off when evidence is off everywhere', async () => {
    const h = await harness({ evidence: { graphs: false, logs: false } });
    await h.invoke(sqsEvent([sqsRecord(alarmEvent({ name: 'x', state: 'ALARM', at: h.clock.now() }))]));
    expect(h.jobs).toEqual([]);
  });
});
