import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/families/common.js';
import { parseBudgetNotice } from '../../src/families/cost/budget.js';
import { processInput } from '../../src/pipeline.js';
import { testConfig } from '../helpers/alerts.js';
import { familyFixture } from '../helpers/fixtures.js';

const now = new Date('2026-11-26T15:00:00Z');
const run = (event: unknown, extra: Record<string, unknown> = {}) =>
  processInput(event, { config: testConfig(extra), now });
const one = (family: string, name: string, extra: Record<string, unknown> = {}) =>
  run(familyFixture(family, name), extra)[0];
const facts = (outcome: ReturnType<typeof one>) =>
  Object.fromEntries(outcome?.alert?.facts.map((f) => [f.label, f.value]) ?? []);

describe('deploys', () => {
  it('posts a failed pipeline action with stage, action, provider, error and links to the execution and build', () => {
    const outcome = one('deploys', 'codepipeline-action-failed');
    expect(outcome?.alert).toMatchObject({
      family: 'deploys',
      severity: 'high',
      title: 'Pipeline sin-dev failed at build › Build',
      summary: 'JobFailed: Build terminated with state: FAILED',
    });
    expect(outcome?.alert?.links.map((l) => l.text)).toEqual(['Open execution', 'Open CodeBuild']);
  });

  it('threads the action failure and the pipeline failure of one execution together', () => {
    const action = one('deploys', 'codepipeline-action-failed')?.alert?.thread?.key;
    expect(action).toBe('deploy:codepipeline:sin-dev:1d247af2-7eb3-4569-aeda-41416e2a81c5');
    const pipeline = one('deploys', 'codepipeline-execution-failed');
    expect(facts(pipeline)['Started by']).toBe(
      'StartPipelineExecution · arn:aws:sts::123456789012:assumed-role/deployer/jane',
    );
    expect(pipeline?.alert?.thread?.key).toBe(
      'deploy:codepipeline:myPipeline:01234567-0123-0123-0123-012345678901',
    );
  });

  it('shows the failed build phase, its context, who started it and the build logs', () => {
    const outcome = one('deploys', 'codebuild-failed');
    expect(outcome?.alert?.summary).toContain('npm test');
    expect(facts(outcome)).toMatchObject({
      'Failed phase': 'BUILD · FAILED',
      'Started by': 'MyCodeBuildDemoUser',
    });
    expect(outcome?.alert?.links.map((l) => l.text)).toEqual(['Open build', 'Build logs']);
  });

  it('reads the same failure from a CodeStar notification delivered through SNS', () => {
    const outcome = one('deploys', 'codestar-notification-action-failed-sns');
    expect(outcome?.alert).toMatchObject({
      family: 'deploys',
      title: 'Pipeline sin-dev failed at build › Build',
      dedupeKey: 'id:7d1b5c1e-2a3f-5b6c-8d9e-0f1a2b3c4d5e',
      thread: { key: 'deploy:codepipeline:sin-dev:1d247af2-7eb3-4569-aeda-41416e2a81c5' },
    });
    // Nothing filtered it on the way: a state the rules would not select is not posted.
    const raw = JSON.stringify(familyFixture('deploys', 'codestar-notification-action-failed-sns'));
    const started = JSON.parse(raw.replace('\\"state\\":\\"FAILED\\"', '\\"state\\":\\"STARTED\\"'));
    expect(raw).toContain('\\"state\\":\\"FAILED\\"');
    expect(run(started)[0]?.alert).toBeNull();
  });

  it('keeps successes and in-progress states quiet unless successes are switched on', () => {
    for (const name of ['codebuild-succeeded', 'codedeploy-succeeded', 'codepipeline-execution-succeeded'])
      expect(one('deploys', name)?.deliveries, name).toEqual([]);
    expect(one('deploys', 'codepipeline-execution-started')?.deliveries).toEqual([]);
    const success = one('deploys', 'codedeploy-succeeded', { families: { deploys: { successes: true } } });
    expect(success?.alert).toMatchObject({
      state: 'OK',
      title: 'Deployment myApplication/myDeploymentGroup succeeded',
    });
    expect(success?.deliveries).toHaveLength(1);
    expect(one('deploys', 'codedeploy-failed')?.alert?.title).toBe(
      'Deployment myApplication/myDeploymentGroup failed',
    );
  });
});

describe('ECS task stopped', () => {
  it('says the task ran out of memory, with exit codes, service and task definition', () => {
    const outcome = one('ecs', 'task-stopped-oom');
    expect(outcome?.alert).toMatchObject({
      severity: 'high',
      title: 'ECS service checkout-api: task stopped (out of memory)',
    });
    expect(facts(outcome)).toMatchObject({
      'Task definition': 'checkout-api:42',
      Containers: 'checkout-api · exit 137 · OutOfMemoryError: Container killed due to memory usage',
    });
  });

  it('names image pull failures and failed health checks', () => {
    expect(one('ecs', 'edge-image-pull-failed')?.alert?.title).toContain('(image pull failed)');
    expect(one('ecs', 'edge-health-check-failed')?.alert?.title).toContain('(health check failed)');
  });

  it('treats an essential container exit without container details as unexpected', () => {
    const event = familyFixture('ecs', 'task-stopped-oom');
    const detail = {
      ...(event.detail as object),
      containers: [],
      stoppedReason: 'Essential container in task exited',
    };
    expect(run({ ...event, detail })[0]?.alert?.title).toBe(
      'ECS service checkout-api: task stopped (essential container exited)',
    );
  });

  it('posts expected stops (scale-in, deployments) only with allStops', () => {
    expect(one('ecs', 'edge-expected-scale-in')?.alert).toBeNull();
    const all = one('ecs', 'edge-expected-scale-in', { families: { ecs: { allStops: true } } });
    expect(all?.alert).toMatchObject({
      severity: 'low',
      title: expect.stringContaining('stopped by the service scheduler'),
    });
  });
});

describe('AWS Backup', () => {
  it('posts failed, aborted, expired and copy/restore failures with the status message unquoted', () => {
    const failed = one('backup', 'backup-job-failed');
    expect(failed?.alert).toMatchObject({ severity: 'high', title: 'Backup job failed: type resource-id' });
    expect(failed?.alert?.summary).toMatch(/^Backup job failed because backup vault .* does not exist\.$/);
    expect(one('backup', 'backup-job-aborted')?.alert?.severity).toBe('medium');
    expect(facts(one('backup', 'backup-job-expired')).Plan).toBe(
      'aws/efs/414a5bd4-f880-47ad-95f3-f085108a4c3b',
    );
    expect(one('backup', 'copy-job-failed')?.alert?.title).toBe('Copy job failed: EC2 i-0515aee7de03f58e1');
    expect(one('backup', 'restore-job-failed')?.alert?.title).toBe(
      'Restore job failed: EC2 ami-12b3456dfb7f8cf90',
    );
  });

  it('does not post a completed job', () => {
    expect(one('backup', 'backup-job-completed')?.alert).toBeNull();
  });
});

describe('Inspector and Access Analyzer', () => {
  it('shows the CVE, the packages with the fixed version, and links the CVE', () => {
    const outcome = one('inspector', 'ecr-package-vulnerability');
    expect(facts(outcome).Packages).toBe(
      'libssl3t64 3.0.13 → fixed in 0:3.0.13-0ubuntu3.4\nopenssl 3.0.13 → fixed in 0:3.0.13-0ubuntu3.4',
    );
    expect(outcome?.alert?.links.at(-1)?.url).toBe('https://nvd.nist.gov/vuln/detail/CVE-2024-6119');
    expect(outcome?.alert?.time).toBe('2024-09-04T16:55:38.411Z');
  });

  it('shows the network path to an open port, and does not post a closed finding', () => {
    expect(facts(one('inspector', 'ec2-network-reachability'))['Network path']).toMatch(
      /^TCP port 22\nigw-261bab4d → /,
    );
    expect(one('inspector', 'edge-closed')?.alert).toBeNull();
  });

  it('shows the external principal and the access granted; public access is high', () => {
    const external = one('accessanalyzer', 's3-bucket-external-access');
    expect(external?.alert).toMatchObject({
      severity: 'medium',
      title: 'External access to AWS::S3::Bucket my-bucket from AWS 999988887777',
    });
    expect(facts(external)['Access granted']).toBe('s3:GetObject');
    const pub = one('accessanalyzer', 'edge-public-kms-key-many-actions');
    expect(pub?.alert?.severity).toBe('high');
    expect(facts(pub)['Access granted']).toMatch(/… and 2 more$/);
    expect(one('accessanalyzer', 'edge-deleted')?.alert).toBeNull();
    expect(one('accessanalyzer', 'error-finding')?.alert?.title).toBe(
      'Access Analyzer could not analyse AWS::S3::Bucket my-bucket (ACCESS_DENIED)',
    );
  });
});

describe('RDS and EC2', () => {
  it('posts failover, failure and low storage, not routine notifications', () => {
    expect(one('rds', 'instance-failover')?.alert).toMatchObject({
      severity: 'medium',
      title: 'RDS instance testdb: A Multi-AZ failover has completed.',
    });
    expect(one('rds', 'instance-low-storage')?.alert?.severity).toBe('high');
    expect(one('rds', 'cluster-failover')?.alert?.title).toMatch(/^RDS cluster cluster-name:/);
    expect(one('rds', 'instance-stopped-notification')?.alert).toBeNull();
    expect(one('rds', 'cluster-configuration-change')?.alert).toBeNull();
  });

  it('says how much time a Spot instance has left', () => {
    const warned = { ...familyFixture('ec2', 'spot-interruption-terminate'), time: '2026-11-26T14:59:30Z' };
    expect(run(warned)[0]?.alert?.facts.find((f) => f.label === 'Time left')?.value).toBe(
      '1 min 30 s (until 15:01 UTC)',
    );
    // The documentation's sample carries a placeholder time: still posted, without a deadline.
    expect(facts(one('ec2', 'spot-interruption-docs-placeholder'))['Time left']).toBe(
      'about 2 minutes from the warning',
    );
  });

  it('posts instance stops only when instanceState is switched on', () => {
    expect(one('ec2', 'instance-state-stopped')?.alert).toBeNull();
    expect(
      one('ec2', 'instance-state-stopped', { families: { ec2: { instanceState: true } } })?.deliveries,
    ).toHaveLength(1);
    expect(
      one('ec2', 'instance-state-pending', { families: { ec2: { instanceState: true } } })?.alert,
    ).toBeNull();
  });
});

describe('cost', () => {
  it('reads an AWS Budgets notification from SNS', () => {
    const outcome = one('cost', 'budget-actual-sns');
    expect(outcome?.alert).toMatchObject({
      family: 'cost',
      severity: 'high',
      title: 'Budget killswitch: actual $1.70 over alert threshold $0.75',
      account: '265627204426',
      dedupeKey: 'id:0afa48ef-db9f-5b07-9359-149237adeae5',
    });
  });

  it('reads a Cost Anomaly Detection message from SNS and from EventBridge', () => {
    const sns = one('cost', 'anomaly-sns');
    expect(sns?.alert?.title).toBe('Cost anomaly in AWS CloudTrail: $11.82 above expected');
    expect(facts(sns)['Root causes']).toBe(
      'AWS CloudTrail · eu-west-1 · opg-account 1234567890 · EU-InsightsEvents',
    );
    const eb = one('cost', 'anomaly-eventbridge-docs');
    expect(eb?.alert).toMatchObject({
      severity: 'high',
      thread: { key: 'cost:anomaly:12345678-abcd-ef12-3456-987654321a12', onRepeat: 'update' },
    });
  });

  it('parses every line of a budget notice and tolerates missing ones', () => {
    expect(parseBudgetNotice('Budget Name: b\nAlert Type: FORECASTED\nFORECASTED Amount: $9.00')).toEqual({
      name: 'b',
      alertType: 'FORECASTED',
      amount: '$9.00',
    });
  });
});

describe('times as AWS services write them', () => {
  it('reads Inspector, CodeBuild and Health formats as UTC', () => {
    expect(isoTime('Wed Sep 04 17:00:36.951 UTC 2024')).toBe('2024-09-04T17:00:36.951Z');
    expect(isoTime('Mar 20, 2023, 6:08:05 PM')).toBe('2023-03-20T18:08:05.000Z');
    expect(isoTime('Sat, 05 Jun 2016 15:10:09 GMT')).toBe('2016-06-05T15:10:09.000Z');
    expect(isoTime('yyyy-mm-ddThh:mm:ssZ')).toBeUndefined();
  });
});

describe('partition-aware links', () => {
  it('opens the budget in the partition its notification topic lives in', () => {
    const event = familyFixture('cost', 'budget-actual-sns') as {
      Records: Array<{ Sns: Record<string, unknown> }>;
    };
    const record = event.Records[0];
    if (!record) throw new Error('fixture has no record');
    const china = {
      Records: [
        { ...record, Sns: { ...record.Sns, TopicArn: 'arn:aws-cn:sns:cn-north-1:265627204426:killswitch' } },
      ],
    };
    expect(run(china)[0]?.alert?.links[0]?.url).toMatch(
      /^https:\/\/cn-north-1\.console\.amazonaws\.cn\/billing\/home/,
    );
    expect(run(event)[0]?.alert?.links[0]?.url).toMatch(
      /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/billing\/home/,
    );
  });

  it('builds GovCloud and China console links from the event region', () => {
    const gd = familyFixture('guardduty', 'recon-iam-user-permissions');
    const gov = {
      ...gd,
      region: 'us-gov-west-1',
      detail: { ...(gd.detail as object), region: 'us-gov-west-1' },
    };
    expect(run(gov)[0]?.alert?.links[0]?.url).toMatch(
      /^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\/guardduty\//,
    );
    const health = familyFixture('health', 'lifecycle-1-open');
    const cn = {
      ...health,
      region: 'cn-northwest-1',
      detail: { ...(health.detail as object), eventRegion: 'cn-northwest-1' },
    };
    expect(run(cn)[0]?.alert?.links[0]?.url).toMatch(
      /^https:\/\/cn-northwest-1\.console\.amazonaws\.cn\/health\//,
    );
  });
});
