import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricWidgetImageCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeMetricFiltersCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { awsGraphPort } from '../../src/aws/evidence-graphs.js';
import { awsLogsPort } from '../../src/aws/evidence-logs.js';
import { subjectOfChange } from '../../src/evidence/subject.js';
import { metricWidget } from '../../src/evidence/widget.js';
import { alarmChangeOf, fixtureJson } from '../helpers/alarm-change.js';
import { PNG } from '../helpers/evidence-standins.js';

const cw = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);

beforeEach(() => {
  cw.reset();
  logs.reset();
});
afterAll(() => {
  cw.restore();
  logs.restore();
});

describe('awsGraphPort', () => {
  it('asks GetMetricWidgetImage for a PNG of the widget JSON and returns its bytes', async () => {
    cw.on(GetMetricWidgetImageCommand).resolves({ MetricWidgetImage: PNG });
    const subject = subjectOfChange(alarmChangeOf('alarms/metric-alarm.json'));
    if (!subject) throw new Error('no subject');
    const widget = metricWidget(subject, { now: Date.parse(subject.changedAt) });
    const bytes = await awsGraphPort().widgetImage(widget, 'eu-west-1');
    expect([...bytes]).toEqual([...PNG]);
    const [call] = cw.commandCalls(GetMetricWidgetImageCommand);
    expect(call?.args[0].input.OutputFormat).toBe('png');
    expect(JSON.parse(call?.args[0].input.MetricWidget ?? '{}')).toEqual(JSON.parse(JSON.stringify(widget)));
    expect(await call?.thisValue.config.region()).toBe('eu-west-1');
  });

  it('refuses an empty image rather than uploading nothing', async () => {
    cw.on(GetMetricWidgetImageCommand).resolves({});
    const subject = subjectOfChange(alarmChangeOf('alarms/metric-alarm.json'));
    if (!subject) throw new Error('no subject');
    await expect(
      awsGraphPort().widgetImage(metricWidget(subject, { now: Date.now() }), 'eu-west-1'),
    ).rejects.toThrow(/no image/);
  });

  it("reads a composite alarm's children with DescribeAlarms, metric alarms only", async () => {
    cw.on(DescribeAlarmsCommand).resolves(
      fixtureJson('evidence/describe-alarms-children.json') as Record<string, unknown>,
    );
    const alarms = await awsGraphPort().describeAlarms(['checkout-api-errors'], 'eu-west-1');
    expect(alarms.map((a) => a.AlarmName)).toEqual(['checkout-api-errors']);
    expect(cw.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toEqual({
      AlarmNames: ['checkout-api-errors'],
      AlarmTypes: ['MetricAlarm'],
    });
  });
});

describe('awsLogsPort', () => {
  it('finds metric filters by metric name and namespace', async () => {
    logs
      .on(DescribeMetricFiltersCommand)
      .resolves(fixtureJson('evidence/describe-metric-filters.json') as Record<string, unknown>);
    const filters = await awsLogsPort().metricFilters('PaymentFailures', 'Checkout', 'eu-west-1');
    expect(filters).toEqual([
      {
        filterName: 'checkout-payment-failures',
        logGroupName: '/aws/lambda/checkout-api',
        filterPattern: '{ $.level = "ERROR" && $.event = "payment_failed" }',
      },
    ]);
    expect(logs.commandCalls(DescribeMetricFiltersCommand)[0]?.args[0].input).toEqual({
      metricName: 'PaymentFailures',
      metricNamespace: 'Checkout',
    });
  });

  it('reads one FilterLogEvents page with the filter pattern over the window, passing nextToken on', async () => {
    logs
      .on(FilterLogEventsCommand)
      .resolves(fixtureJson('evidence/filter-log-events.json') as Record<string, unknown>);
    const page = await awsLogsPort().filterLogEvents({
      region: 'eu-west-1',
      logGroupName: '/aws/lambda/checkout-api',
      filterPattern: '{ $.level = "ERROR" }',
      start: 1,
      end: 2,
      nextToken: 'abc',
    });
    expect(page.events).toHaveLength(3);
    expect(page.events[0]?.logStreamName).toContain('$LATEST');
    expect(logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input).toEqual({
      logGroupName: '/aws/lambda/checkout-api',
      filterPattern: '{ $.level = "ERROR" }',
      startTime: 1,
      endTime: 2,
      nextToken: 'abc',
    });
  });
});
