import { describe, expect, it } from 'vitest';
import { readableEventType } from '../../src/families/health/index.js';
import { processInput } from '../../src/pipeline.js';
import { testConfig } from '../helpers/alerts.js';
import { familyFixture } from '../helpers/fixtures.js';

const now = new Date('2016-09-28T00:00:00Z');
const run = (event: unknown, extra: Record<string, unknown> = {}) =>
  processInput(event, { config: testConfig(extra), now });
const facts = (event: unknown) =>
  Object.fromEntries(run(event)[0]?.alert?.facts.map((f) => [f.label, f.value]) ?? []);

describe('AWS Health events', () => {
  it('says what kind of event, which service, status, start and the affected entities', () => {
    const [outcome] = run(familyFixture('health', 'ec2-instance-store-degraded'));
    expect(outcome?.alert).toMatchObject({
      family: 'health',
      severity: 'high',
      title: 'Issue: EC2 · Instance store drive performance degraded',
      summary: 'A description of the event will be provided here',
    });
    expect(facts(familyFixture('health', 'ec2-instance-store-degraded'))).toMatchObject({
      Kind: 'Issue',
      Status: 'open',
      Service: 'EC2',
      Affected: 'i-abcd1111',
      Region: 'us-west-2',
    });
  });

  it('keys every update of one event to one thread, closed as OK', () => {
    const keys = ['lifecycle-1-open', 'lifecycle-2-update', 'lifecycle-3-closed'].map(
      (name) => run(familyFixture('health', name))[0]?.alert?.thread,
    );
    expect(new Set(keys.map((k) => k?.key)).size).toBe(1);
    expect(keys.map((k) => k?.state)).toEqual(['ALARM', 'ALARM', 'OK']);
  });

  it('shows the affected account of an organizational event and counts entities past ten', () => {
    const [outcome] = run(familyFixture('health', 'edge-organizational-view-many-entities'));
    expect(outcome?.alert?.account).toBe('123456789012');
    expect(outcome?.alert?.facts.find((f) => f.label === 'Affected')?.value).toMatch(/… and 4 more$/);
    expect(outcome?.alert?.context[0]).toContain('page 1 of 2');
  });

  it('treats an event without a status whose end has passed as closed', () => {
    const [outcome] = run(familyFixture('health', 'edge-unknown-category-ended'));
    expect(outcome?.alert).toMatchObject({ state: 'OK', thread: { state: 'OK' } });
    expect(outcome?.deliveries).toHaveLength(1);
  });

  it('turns event type codes into words', () => {
    expect(readableEventType('AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED', 'EC2')).toBe(
      'Instance store drive performance degraded',
    );
    expect(readableEventType('AWS_EC2_HEALTH_TEST_EVENT', 'AWS_EC2')).toBe('Health test event');
  });
});

describe('AWS Config compliance changes', () => {
  it('posts NON_COMPLIANT with the rule, resource type and id, opening a thread', () => {
    const [outcome] = run(familyFixture('config', 'cloudtrail-enabled-non-compliant'));
    expect(outcome?.alert).toMatchObject({
      family: 'config',
      state: 'ALARM',
      title: 'NON_COMPLIANT: cloudtrail-enabled · 123456789012',
      summary: 'No CloudTrail trail is logging in this account.',
      thread: { state: 'ALARM', previousState: 'OK' },
    });
    expect(facts(familyFixture('config', 'cloudtrail-enabled-non-compliant'))).toMatchObject({
      Rule: 'cloudtrail-enabled',
      'Resource type': 'AWS::::Account',
      Compliance: 'COMPLIANT → NON_COMPLIANT',
    });
  });

  it('posts COMPLIANT only when it ends a NON_COMPLIANT', () => {
    const [back] = run(familyFixture('config', 'cloudtrail-enabled-compliant'));
    expect(back?.alert).toMatchObject({ state: 'OK', thread: { state: 'OK', previousState: 'ALARM' } });
    expect(back?.alert?.thread?.key).toBe(
      run(familyFixture('config', 'cloudtrail-enabled-non-compliant'))[0]?.alert?.thread?.key,
    );
    expect(run(familyFixture('config', 'edge-first-evaluation-compliant'))[0]?.alert).toBeNull();
    expect(run(familyFixture('config', 'edge-not-applicable'))[0]?.alert).toBeNull();
  });

  it('holds back a COMPLIANT exactly when its NON_COMPLIANT is held back, so no thread closes unopened', () => {
    for (const minSeverity of ['medium', 'high']) {
      const extra = { families: { config: { minSeverity } } };
      const opened = run(familyFixture('config', 'cloudtrail-enabled-non-compliant'), extra)[0]?.deliveries
        .length;
      const closed = run(familyFixture('config', 'cloudtrail-enabled-compliant'), extra)[0]?.deliveries
        .length;
      expect(closed).toBe(opened);
    }
    expect(
      run(familyFixture('config', 'cloudtrail-enabled-compliant'), {
        families: { config: { minSeverity: 'high' } },
      })[0]?.ignored,
    ).toBe('config severity medium is below minSeverity high');
  });
});
