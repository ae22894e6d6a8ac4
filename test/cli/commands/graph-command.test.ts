import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGraphCommand } from '../../../src/cli/commands/graph-command.js';
import type { DescribedMetricAlarm } from '../../../src/evidence/children.js';
import type { GraphPort } from '../../../src/evidence/ports.js';
import { fixtureJson } from '../../helpers/alarm-change.js';
import { cli } from '../../helpers/cli.js';
import { PNG, StandinGraphs } from '../../helpers/evidence-standins.js';
import { fixturePath } from '../../helpers/fixtures.js';

const fixture = (name: string) => fixturePath(`alarms/${name}`);

/** `cloudbell graph` drawing with `graphs` in place of CloudWatch. */
const graphWith = (graphs: (profile: string | undefined) => GraphPort) => ({
  graph: createGraphCommand({ graphs, now: Date.now }),
});

describe('cloudbell render --graph', () => {
  it('prints the MetricWidget the graph is drawn from, without AWS', async () => {
    const { code, stdout } = await cli(['render', '--graph', fixture('metric-alarm.json')]);
    expect(code).toBe(0);
    const [def] = JSON.parse(stdout);
    expect(def).toMatchObject({ alarm: 'checkout-api-errors', kind: 'metric' });
    expect(def.widget.metrics[0].slice(0, 4)).toEqual([
      'AWS/Lambda',
      'Errors',
      'FunctionName',
      'checkout-api',
    ]);
    expect(def.widget.timezone).toBe('+0000');
    expect(def.widget.annotations.horizontal[0].value).toBe(5);
  });

  it("names a composite alarm's children instead of a widget", async () => {
    const { stdout } = await cli(['render', '--graph', fixture('composite.json')]);
    expect(JSON.parse(stdout)).toEqual([
      { alarm: 'checkout-degraded', kind: 'composite', children: ['checkout-api-errors'] },
    ]);
  });

  it('plain render is unchanged', async () => {
    const { code, stdout } = await cli(['render', fixture('metric-alarm.json')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)[0].text).toContain('checkout-api-errors');
  });
});

describe('cloudbell graph', () => {
  it('draws the PNG with the profile given and writes it to --out', async () => {
    const graphs = new StandinGraphs();
    const profiles: Array<string | undefined> = [];
    const commands = graphWith((profile) => {
      profiles.push(profile);
      return graphs;
    });
    const out = join(mkdtempSync(join(tmpdir(), 'cloudbell-graph-')), 'alarm.png');
    const { code, stdout } = await cli(
      ['graph', fixture('anomaly.json'), '--profile', 'prod', '--out', out],
      {
        commands,
      },
    );
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(out);
    expect([...readFileSync(out)]).toEqual([...PNG]);
    expect(profiles).toEqual(['prod']);
    expect(graphs.widgets[0]?.metrics.some((m) => JSON.stringify(m).includes('ANOMALY_DETECTION_BAND'))).toBe(
      true,
    );
  });

  it("draws a composite alarm's children", async () => {
    const alarms = (
      fixtureJson('evidence/describe-alarms-children.json') as { MetricAlarms: DescribedMetricAlarm[] }
    ).MetricAlarms;
    const graphs = new StandinGraphs(alarms);
    const dir = mkdtempSync(join(tmpdir(), 'cloudbell-graph-'));
    const { code, stdout } = await cli(['graph', fixture('composite.json'), '--out', join(dir, 'x.png')], {
      commands: graphWith(() => graphs),
    });
    expect(code).toBe(0);
    expect(graphs.described).toEqual([['checkout-api-errors']]);
    expect(stdout.trim()).toBe(join(dir, 'x.png'));
  });

  it('refuses an event without an alarm, and a missing FILE', async () => {
    const commands = graphWith(() => new StandinGraphs());
    expect((await cli(['graph', '-'], { stdin: '{"hello":"world"}', commands })).code).toBe(2);
    expect((await cli(['graph', '--profile', 'p'], { commands })).code).toBe(2);
  });
});
