/**
 * The evidence worker's log step (src/evidence/log-step.ts) inside a run: the /aws-errors engine
 * for Lambda alarms, metric-filter lines, console links, nothing for an OK.
 */
import { describe, expect, it } from 'vitest';
import type { LogLine, MetricFilter } from '../../src/evidence/evidence-ports.js';
import { runEvidence } from '../../src/evidence/run.js';
import { logFixture } from '../aws-errors/logs.js';
import { fixtureJson } from '../helpers/alarm-change.js';
import { jobFor, StandinLogs } from '../helpers/evidence-standins.js';
import { depsWithLogStep, errorsPortFrom } from './evidence-deps.js';

describe('evidence worker: log lines', () => {
  const changedAt = Date.parse('2026-11-26T14:02:10.123Z');

  it('a Lambda Errors alarm gets the function errors of its evaluation window from the /aws-errors engine', async () => {
    // The Node fixture's lines, moved into the alarm's window.
    const lines = logFixture('node-text').map((l, i) => ({
      timestamp: changedAt - 60_000 - i * 1000,
      message: l.message,
    }));
    const port = errorsPortFrom(lines);
    const { d, slack } = depsWithLogStep({ errors: port });
    const stats = await runEvidence(jobFor(fixtureJson('alarms/metric-alarm.json'), { graphs: false }), d);
    expect(stats.logRepliesPosted).toBe(1);
    expect(port.reads[0]?.logGroupName).toBe('/aws/lambda/checkout-api');
    expect(port.reads[0]?.end).toBe(changedAt);
    expect(changedAt - (port.reads[0]?.start ?? 0)).toBe(5 * 60_000);
    const reply = slack.replies[0];
    expect(reply).toMatchObject({ channelId: 'CAWSALERTS', threadTs: '1764165724.000100' });
    expect(reply?.text).toContain("Errors of checkout-api in the alarm's evaluation window");
    expect(JSON.stringify(reply?.blocks)).toContain('TypeError');
  });

  it('a log-metric-filter alarm gets the lines its filter matches, grouped, counted, redacted, newest in full', async () => {
    const filters = (
      fixtureJson('evidence/describe-metric-filters.json') as {
        metricFilters: Array<MetricFilter & { metricTransformations: unknown }>;
      }
    ).metricFilters.map(({ filterName, filterPattern, logGroupName }) => ({
      filterName,
      filterPattern,
      logGroupName,
    }));
    const events = (fixtureJson('evidence/filter-log-events.json') as { events: LogLine[] }).events;
    // Two pages, the first one empty with a nextToken, as FilterLogEvents does.
    const logs = new StandinLogs(filters, [[], events]);
    const { d, slack } = depsWithLogStep({ logs });
    const stats = await runEvidence(
      jobFor(fixtureJson('alarms/log-metric-filter.json'), { graphs: false }),
      d,
    );
    expect(stats.logRepliesPosted).toBe(1);
    expect(logs.calls).toHaveLength(2);
    expect(logs.calls[0]).toMatchObject({
      logGroupName: '/aws/lambda/checkout-api',
      filterPattern: '{ $.level = "ERROR" && $.event = "payment_failed" }',
      end: changedAt,
    });
    const body = JSON.stringify(slack.replies[0]?.blocks);
    expect(slack.replies[0]?.text).toContain('3 lines matched checkout-payment-failures');
    expect(body).toContain('*2×*');
    expect(body).not.toContain('sk_live_51Habc123def456ghi789');
    expect(body).not.toContain('jane.doe@example.com');
    expect(body).toContain('ord-88420');
    expect(body).toContain('REDACTED');
  });

  it('an alarm on a service whose logs are not read gets console links when no graph carries them', async () => {
    const { alarmEvent } = await import('../helpers/alarm-events.js');
    const event = alarmEvent({
      name: 'orders-table-throttles',
      state: 'ALARM',
      at: changedAt,
      metric: { namespace: 'AWS/DynamoDB', name: 'ThrottledRequests', dimensions: { TableName: 'orders' } },
    });
    const { d, slack } = depsWithLogStep();
    await runEvidence(jobFor(event, { graphs: false }), d);
    const body = JSON.stringify(slack.replies[0]?.blocks);
    expect(body).toContain('dynamodbv2/home?region=eu-west-1#table?name=orders&tab=monitoring');
    // With the graph on, the links ride on the image instead.
    const withGraph = depsWithLogStep();
    await runEvidence(jobFor(event), withGraph.d);
    expect(withGraph.slack.replies).toEqual([]);
    expect(withGraph.slack.uploads[0]?.comment).toContain('Table monitoring');
  });

  it('an OK gets no log lines', async () => {
    const port = errorsPortFrom([]);
    const { d, slack } = depsWithLogStep({ errors: port });
    await runEvidence(jobFor(fixtureJson('alarms/metric-ok.json'), { graphs: false }), d);
    expect(port.reads).toEqual([]);
    expect(slack.replies).toEqual([]);
  });
});
