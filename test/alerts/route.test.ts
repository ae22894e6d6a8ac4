import { describe, expect, it } from 'vitest';
import { ignoredBecause, routeAlert } from '../../src/alerts/route.js';
import { sampleAlert, testConfig } from '../helpers/alerts.js';

describe('routeAlert', () => {
  it('sends to the default channel when no route matches', () => {
    expect(routeAlert(sampleAlert(), testConfig())).toEqual([{ channel: '#aws-alerts', mentions: [] }]);
  });

  it('sends to every matching route, merging mentions per channel', () => {
    const config = testConfig({
      routes: [
        {
          match: { family: ['alarm'], severity: ['high', 'critical'] },
          channels: ['#oncall'],
          mentions: ['S0ONCALL'],
        },
        { match: { alarmPrefix: ['checkout-'] }, channels: ['#payments', '#oncall'], mentions: ['U0PAY'] },
        { match: { family: ['security'] }, channels: ['#security'] },
      ],
    });
    expect(routeAlert(sampleAlert(), config)).toEqual([
      { channel: '#oncall', mentions: ['S0ONCALL', 'U0PAY'] },
      { channel: '#payments', mentions: ['U0PAY'] },
    ]);
  });

  it('matches on account, region and catalogue id', () => {
    const config = testConfig({
      routes: [
        { match: { account: ['210987654321'], region: ['eu-west-1'] }, channels: ['#prod-eu'] },
        { match: { catalogueId: ['root-account-usage'] }, channels: ['#security'] },
      ],
    });
    expect(routeAlert(sampleAlert(), config).map((d) => d.channel)).toEqual(['#prod-eu']);
    expect(
      routeAlert(
        sampleAlert({ region: 'us-east-1', route: { catalogueId: 'root-account-usage' } }),
        config,
      ).map((d) => d.channel),
    ).toEqual(['#security']);
  });

  it('uses the default channel for a matching route that names no channel', () => {
    const config = testConfig({ routes: [{ match: { family: ['alarm'] }, mentions: ['@here'] }] });
    expect(routeAlert(sampleAlert(), config)).toEqual([{ channel: '#aws-alerts', mentions: ['@here'] }]);
  });

  it('does not match an alarm-prefix rule for alerts without an alarm name', () => {
    const config = testConfig({ routes: [{ match: { alarmPrefix: ['a'] }, channels: ['#x'] }] });
    expect(routeAlert(sampleAlert({ route: {} }), config)[0]?.channel).toBe('#aws-alerts');
  });
});

describe('ignoredBecause', () => {
  const config = testConfig({
    ignore: {
      principals: [
        'arn:aws:iam::210987654321:role/ci-deployer',
        'arn:aws:sts::210987654321:assumed-role/terraform/*',
      ],
      alarmPrefixes: ['test-'],
      catalogueIds: ['cloudtrail-change'],
    },
  });

  it('ignores listed principals, exactly or by prefix', () => {
    expect(
      ignoredBecause(
        sampleAlert({ route: { principalArn: 'arn:aws:iam::210987654321:role/ci-deployer' } }),
        config,
      ),
    ).toMatch(/ci-deployer is ignored/);
    expect(
      ignoredBecause(
        sampleAlert({ route: { principalArn: 'arn:aws:sts::210987654321:assumed-role/terraform/run-42' } }),
        config,
      ),
    ).toBeDefined();
    expect(
      ignoredBecause(
        sampleAlert({ route: { principalArn: 'arn:aws:iam::210987654321:role/ci-deployer2' } }),
        config,
      ),
    ).toBe(undefined);
  });

  it('ignores alarm-name prefixes and catalogue ids', () => {
    expect(ignoredBecause(sampleAlert({ route: { alarmName: 'test-latency' } }), config)).toMatch(
      /test-latency/,
    );
    expect(ignoredBecause(sampleAlert({ route: { catalogueId: 'cloudtrail-change' } }), config)).toMatch(
      /cloudtrail-change/,
    );
    expect(ignoredBecause(sampleAlert(), config)).toBeUndefined();
  });
});
