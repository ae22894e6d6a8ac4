import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/alerts/alert.js';
import { parseConfig } from '../../../src/core/config.js';
import { InputError } from '../../../src/core/errors.js';
import { securityFamily } from '../../../src/families/security/index.js';
import { processInput } from '../../../src/pipeline.js';
import { renderAlert } from '../../../src/slack/render.js';
import { messageProblems } from '../../../src/slack/validate.js';
import type { Envelope } from '../../../src/sources/envelope.js';
import { alertBy, readBy } from '../../helpers/family.js';
import { fixtureNames, fixture as loadFixture } from '../../helpers/fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that the tests edit in place.
type Event = { id: string; region: string; detail: Record<string, any> };

/** A fresh copy of a fixture event, so tests can change it. */
function fixture(rule: string, which: 'match' | 'nomatch' = 'match'): Event {
  return loadFixture<Record<typeof which, Event>>(`cloudtrail/${rule}.json`)[which];
}
function shape(name: string): Event {
  return loadFixture<Event>(`cloudtrail/shapes/${name}.json`);
}

const config = parseConfig(
  { slack: { defaultChannel: '#security' }, accounts: { '210987654321': 'prod' } },
  'test',
);
const now = new Date('2026-11-26T09:45:00Z');
const envelope = (event: unknown): Envelope => ({ shape: 'eventbridge', event });

function alertFor(event: unknown, cfg = config): Alert {
  const alert = alertBy(securityFamily, envelope(event), { config: cfg, now });
  if (!alert) throw new Error('expected an alert');
  return alert;
}
const fact = (alert: Alert, label: string) => alert.facts.find((f) => f.label === label)?.value;

describe('security family: matching', () => {
  it('claims API calls and console sign-ins via CloudTrail, nothing else', () => {
    expect(readBy(securityFamily, envelope(fixture('kms-key-disabled')), { config, now })).toBeDefined();
    expect(readBy(securityFamily, envelope(fixture('root-console-sign-in')), { config, now })).toBeDefined();
    const alarm = {
      ...fixture('kms-key-disabled'),
      'detail-type': 'CloudWatch Alarm State Change',
      source: 'aws.cloudwatch',
    };
    expect(readBy(securityFamily, envelope(alarm), { config, now })).toBeUndefined();
    expect(
      readBy(securityFamily, { shape: 'sns', event: fixture('kms-key-disabled') }, { config, now }),
    ).toBeUndefined();
  });

  it('refuses a detail that is not a CloudTrail record, so the pipeline posts it generically', () => {
    const broken = { ...fixture('kms-key-disabled'), detail: { hello: 'world' } };
    expect(() => alertFor(broken)).toThrow(InputError);
    const [outcome] = processInput(broken, { config, now });
    expect(outcome?.alert?.family).toBe('generic');
    expect(outcome?.alert?.summary).toMatch(/security family could not read it/);
  });
});

describe('security family: the message', () => {
  it('says a root console sign-in in one sentence, with who, where, result and the CIS context', () => {
    const event = fixture('root-console-sign-in');
    const alert = alertFor(event);
    expect(alert).toMatchObject({
      family: 'security',
      severity: 'critical',
      emoji: '🛡️',
      title: 'CRITICAL · Root account signed in to the console',
      summary: 'root signed in to the console from 203.0.113.7 with MFA.',
      fallback: 'CRITICAL Root account signed in to the console · prod (210987654321) · us-east-1',
      account: '210987654321',
      region: 'us-east-1',
      dedupeKey: `eb:${event.id}`,
      route: {
        catalogueId: 'root-console-sign-in',
        principalArn: 'arn:aws:iam::210987654321:root',
        source: 'aws.signin',
      },
    });
    expect(fact(alert, 'Who')).toBe('Root (210987654321)\narn:aws:iam::210987654321:root');
    expect(fact(alert, 'From')).toBe('203.0.113.7 · Chrome on macOS');
    expect(fact(alert, 'Account')).toBe('prod (210987654321)');
    expect(fact(alert, 'Event')).toBe('signin · ConsoleLogin');
    expect(fact(alert, 'Result')).toBe('Success');
    expect(alert.context[0]).toBe(
      'CIS 4.3 · the root user has unrestricted access and should not be used for everyday work',
    );
    expect(alert.context[1]).toBe('09:41 UTC (3 min ago)');
    expect(alert.context[2]).toBe('rule root-console-sign-in (also root-account-usage)');
    expect(alert.links[0]).toEqual({
      text: 'Open in CloudTrail',
      url: `https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/${event.detail.eventID}`,
    });
  });

  it('names an IAM user and says the sign-in had no MFA', () => {
    const alert = alertFor(fixture('console-sign-in-without-mfa'));
    expect(alert.title).toBe('HIGH · Console sign-in without MFA');
    expect(alert.summary).toBe('alice signed in to the console from 198.51.100.4 without MFA.');
    expect(fact(alert, 'Who')).toBe('IAM user alice\narn:aws:iam::210987654321:user/alice');
    expect(fact(alert, 'From')).toBe('198.51.100.4 · Firefox on Windows');
    expect(fact(alert, 'MFA')).toBe('No');
  });

  it.each([
    ['Yes', 'with MFA', undefined],
    ['YES', 'with MFA', undefined],
    ['yes', 'with MFA', undefined],
    ['No', 'without MFA', 'console-sign-in-without-mfa'],
    ['NO', 'without MFA', 'console-sign-in-without-mfa'],
  ])('reads MFAUsed %s as "%s"', (value, words, rule) => {
    const event = fixture('console-sign-in-without-mfa');
    event.detail.additionalEventData.MFAUsed = value;
    const alert = alertFor(event);
    expect(alert.summary).toBe(`alice signed in to the console from 198.51.100.4 ${words}.`);
    expect(alert.route.catalogueId).toBe(rule);
    expect(alert.severity).toBe(rule ? 'high' : 'info');
  });

  it('says a failed sign-in failed, with the reason, and no MFA verdict', () => {
    const alert = alertFor(fixture('console-sign-in-failure'));
    expect(alert.summary).toBe(
      'alice failed to sign in to the console from 192.0.2.200 (Failed authentication).',
    );
    expect(fact(alert, 'Result')).toBe('Failure · Failed authentication');
    expect(fact(alert, 'MFA')).toBeUndefined();
  });

  it('makes no MFA claim for a federated console sign-in, whose MFA happens at the identity provider', () => {
    const event = fixture('console-sign-in-without-mfa');
    event.detail.userIdentity = {
      type: 'AssumedRole',
      principalId: 'AROA3XFRBF535EXAMPLE:alice@example.com',
      arn: 'arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com',
      accountId: '210987654321',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          userName: 'AWSReservedSSO_Admin_0123456789abcdef',
          arn: 'arn:aws:iam::210987654321:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef',
        },
      },
    };
    const alert = alertFor(event);
    expect(alert.summary).toBe(
      'alice (role AWSReservedSSO_Admin_0123456789abcdef, session alice@example.com) signed in to the console from 198.51.100.4.',
    );
    expect(fact(alert, 'MFA')).toBeUndefined();
    expect(alert.severity).toBe('info');
  });

  it('says "an unknown user" when AWS hides the name typed in a failed sign-in', () => {
    const event = fixture('console-sign-in-failure');
    event.detail.userIdentity.userName = 'HIDDEN_DUE_TO_SECURITY_REASONS';
    expect(alertFor(event).summary).toBe(
      'an unknown user failed to sign in to the console from 192.0.2.200 (Failed authentication).',
    );
  });

  it('shows a role session with its role, session name and issuer, and the group, CIDR and port opened', () => {
    const event = fixture('security-group-open-to-world');
    const alert = alertFor(event);
    expect(alert.title).toBe('HIGH · Security group opened to the internet');
    expect(alert.summary).toBe(
      'alice (role Admin, session alice@example.com) opened security group sg-0a1b2c3d4e5f67890 to 0.0.0.0/0 on port 22.',
    );
    expect(fact(alert, 'Who')).toBe(
      'Role Admin · session alice@example.com\narn:aws:sts::210987654321:assumed-role/Admin/alice@example.com',
    );
    expect(fact(alert, 'Security group')).toBe('sg-0a1b2c3d4e5f67890');
    expect(fact(alert, 'Rules added')).toBe('0.0.0.0/0 → port 22');
    expect(fact(alert, 'Exposure')).toBe('the whole internet');
    expect(alert.route.principalArn).toBe('arn:aws:iam::210987654321:role/Admin');
    expect(alert.links.map((l) => l.url)).toContain(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-0a1b2c3d4e5f67890',
    );
  });

  it('shows ingress from ::/0 as internet-wide too', () => {
    const alert = alertFor(shape('assumed-role-sg-open-ipv6'));
    expect(alert.route.catalogueId).toBe('security-group-open-to-world');
    expect(alert.summary).toMatch(/opened security group sg-0a1b2c3d4e5f67890 to ::\/0 on port 3389\.$/);
  });

  it('reads the flat CidrIp / FromPort form of the request too', () => {
    const event = fixture('security-group-open-to-world');
    event.detail.requestParameters = {
      groupId: 'sg-0a1b2c3d4e5f67890',
      ipProtocol: 'tcp',
      fromPort: 3306,
      toPort: 3306,
      cidrIp: '0.0.0.0/0',
    };
    const alert = alertFor(event);
    expect(alert.route.catalogueId).toBe('security-group-open-to-world');
    expect(alert.summary).toMatch(
      /opened security group sg-0a1b2c3d4e5f67890 to 0\.0\.0\.0\/0 on port 3306\.$/,
    );
  });

  it('does not call a denied attempt to open a group an opening', () => {
    const event = fixture('security-group-open-to-world');
    event.detail.errorCode = 'Client.UnauthorizedOperation';
    event.detail.errorMessage = 'You are not authorized to perform this operation.';
    event.detail.responseElements = null;
    const alert = alertFor(event);
    expect(alert.title).toBe('MEDIUM · Unauthorized API call');
    expect(alert.context[2]).toBe('rule unauthorized-api-call (also security-group-change)');
    expect(alert.summary).toBe(
      'alice (role Admin, session alice@example.com) was denied ec2:AuthorizeSecurityGroupIngress.',
    );
    expect(fact(alert, 'Rules added')).toBe('0.0.0.0/0 → port 22');
  });

  it('says who assumed the role when the record carries a source identity', () => {
    const event = fixture('route-table-change');
    event.detail.userIdentity.sessionContext.sourceIdentity = 'alice';
    const alert = alertFor(event);
    expect(alert.summary).toMatch(/^alice \(role deploy, session GitHubActions\) called ec2:CreateRoute/);
    expect(fact(alert, 'Who')).toMatch(/^Role deploy · session GitHubActions · assumed by alice\n/);
  });

  it('names the web identity provider a CI role was assumed through', () => {
    const alert = alertFor(fixture('route-table-change'));
    expect(alert.summary).toMatch(/^GitHubActions \(role deploy\) called ec2:CreateRoute on rtb-/);
    expect(fact(alert, 'Who')).toMatch(/assumed via token\.actions\.githubusercontent\.com/);
    expect(fact(alert, 'From')).toBe('192.0.2.44 · Terraform 1.6');
  });

  it('shows a federated user with the IAM user who issued the session', () => {
    const alert = alertFor(shape('federated-user-policy'));
    expect(alert.summary).toBe('federated user bob put inline policy ReadAll on user reporting.');
    expect(fact(alert, 'Who')).toBe(
      'Federated user bob · issued by IAM user alice\narn:aws:sts::210987654321:federated-user/bob',
    );
    expect(alert.route.principalArn).toBe('arn:aws:iam::210987654321:user/alice');
  });

  it('says a denied call was denied and shows the error code and message', () => {
    const alert = alertFor(fixture('unauthorized-api-call'));
    expect(alert.title).toBe('MEDIUM · Unauthorized API call');
    expect(alert.summary).toBe('ci-bot was denied ec2:RunInstances.');
    expect(fact(alert, 'Result')).toMatch(/^Denied · Client\.UnauthorizedOperation\nYou are not authorized/);
    expect(alert.context[0]).toMatch(/^CIS 4\.1 · /);
  });

  it('titles a refused attempt at a more severe change as an attempt, keeping its severity', () => {
    const event = fixture('cloudtrail-logging-stopped');
    event.detail.errorCode = 'AccessDenied';
    event.detail.errorMessage =
      'User: arn:aws:sts::210987654321:assumed-role/Admin/alice@example.com is not authorized to perform: cloudtrail:StopLogging';
    const alert = alertFor(event);
    expect(alert.title).toBe('CRITICAL · CloudTrail logging stopped or trail deleted (attempt denied)');
    expect(alert.fallback).toBe(
      'CRITICAL CloudTrail logging stopped or trail deleted (attempt denied) · prod (210987654321) · us-east-1',
    );
    expect(alert.summary).toBe(
      'alice (role Admin, session alice@example.com) was denied cloudtrail:StopLogging.',
    );
    expect(fact(alert, 'Result')).toMatch(/^Denied · AccessDenied\nUser: /);
  });

  it('shows the policy attached and to whom, with a link to the role', () => {
    const alert = alertFor(fixture('iam-policy-change'));
    expect(alert.summary).toBe(
      'alice (role Admin, session alice@example.com) attached policy AdministratorAccess to role deploy.',
    );
    expect(fact(alert, 'Policy')).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(fact(alert, 'Role')).toBe('deploy');
    expect(alert.links[1]?.url).toBe(
      'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/roles/details/deploy',
    );
  });

  it('shows the key scheduled for deletion and the pending days', () => {
    const alert = alertFor(fixture('kms-key-deletion-scheduled'));
    expect(alert.summary).toMatch(
      /scheduled KMS key 1234abcd-12ab-34cd-56ef-1234567890ab for deletion in 7 days\.$/,
    );
    expect(fact(alert, 'Pending days')).toBe('7');
    expect(alert.links[1]?.url).toBe(
      'https://eu-west-1.console.aws.amazon.com/kms/home?region=eu-west-1#/kms/keys/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
  });

  it('shows the trail, the detector and the access key user for those changes', () => {
    expect(alertFor(fixture('cloudtrail-logging-stopped')).summary).toMatch(
      /stopped logging on CloudTrail trail org-trail\.$/,
    );
    expect(fact(alertFor(fixture('guardduty-detector-disabled')), 'Detector')).toBe(
      '12abc34d567e8fa901bc2d34e56789f0',
    );
    const key = alertFor(fixture('iam-access-key-created'));
    expect(fact(key, 'User')).toBe('ci-bot');
    expect(fact(key, 'Access key')).toBe('AKIAI44QH8DHBEXAMPLE');
    expect(alertFor(fixture('root-account-usage')).summary).toBe(
      'root created access key AKIAI44QH8DHBEXAMPLE for the root user.',
    );
  });

  it('says which Block Public Access setting was turned off, and handles the account-level removal', () => {
    expect(alertFor(fixture('s3-public-access-block-weakened')).summary).toMatch(
      /turned off BlockPublicPolicy in the S3 Block Public Access of bucket acme-customer-exports\.$/,
    );
    const account = alertFor(shape('s3control-account-pab-removed'));
    expect(account.route.catalogueId).toBe('s3-public-access-block-removed');
    expect(account.summary).toMatch(
      /removed the account-level S3 Block Public Access of account 210987654321\.$/,
    );
  });

  it('still posts a CloudTrail event no rule matches, as info with the request as detail', () => {
    const event = shape('unmatched-run-instances');
    const alert = alertFor(event);
    expect(alert.severity).toBe('info');
    expect(alert.title).toBe('AWS API call: RunInstances');
    expect(alert.route.catalogueId).toBeUndefined();
    expect(alert.detail).toEqual(event.detail.requestParameters);
    expect(alert.context).toEqual(['09:41 UTC (3 min ago)', `event ${event.detail.eventID}`]);
    expect(alert.fallback).toBe('AWS API call: RunInstances · prod (210987654321) · eu-west-1');
  });

  it('skips rules disabled in config when choosing the top rule', () => {
    const cfg = parseConfig(
      { slack: { defaultChannel: '#s' }, security: { disabled: ['root-console-sign-in'] } },
      'test',
    );
    const alert = alertFor(fixture('root-console-sign-in'), cfg);
    expect(alert.route.catalogueId).toBe('root-account-usage');
    expect(alert.title).toBe('CRITICAL · Root account used');
  });
});

describe('security family: partitions', () => {
  it.each([
    ['cn-north-1', 'https://cn-north-1.console.amazonaws.cn'],
    ['us-gov-west-1', 'https://us-gov-west-1.console.amazonaws-us-gov.com'],
    ['eu-central-1', 'https://eu-central-1.console.aws.amazon.com'],
  ])('links the event history and the security group in %s', (region, origin) => {
    const event = fixture('security-group-open-to-world');
    event.region = region;
    event.detail.awsRegion = region;
    const alert = alertFor(event);
    expect(alert.links[0]?.url).toBe(
      `${origin}/cloudtrailv2/home?region=${region}#/events/${event.detail.eventID}`,
    );
    expect(alert.links[1]?.url).toBe(
      `${origin}/ec2/home?region=${region}#SecurityGroup:groupId=sg-0a1b2c3d4e5f67890`,
    );
  });

  it('sends IAM links to the partition IAM console', () => {
    const event = fixture('iam-policy-change');
    event.detail.awsRegion = 'us-gov-west-1';
    expect(alertFor(event).links[1]?.url).toBe(
      'https://us-gov-west-1.console.amazonaws-us-gov.com/iam/home?region=us-gov-west-1#/roles/details/deploy',
    );
  });
});

describe('security family: every fixture', () => {
  const files = fixtureNames('cloudtrail');
  const events = files.flatMap((f) => [fixture(f.slice(0, -5), 'match'), fixture(f.slice(0, -5), 'nomatch')]);

  it('renders every fixture event within Slack limits, each with one sentence and a CloudTrail link', () => {
    for (const event of events) {
      const alert = alertFor(event);
      expect(messageProblems(renderAlert(alert, { channel: '#security' }))).toEqual([]);
      expect(alert.summary).toMatch(/^[^\n]+\.$/);
      expect(alert.links[0]?.text).toBe('Open in CloudTrail');
      expect(alert.facts.length).toBeLessThanOrEqual(10);
    }
  });

  it('renders a request far over every budget within Slack limits', () => {
    const event = fixture('vpc-change');
    event.detail.requestParameters = { vpcId: 'v'.repeat(5000), blob: 'x'.repeat(50_000) };
    event.detail.userAgent = 'u'.repeat(10_000);
    expect(messageProblems(renderAlert(alertFor(event), { channel: '#security' }))).toEqual([]);
  });
});

describe('security family: untrusted text', () => {
  it('escapes mentions and links planted in user agent, user name and request parameters', () => {
    const event = fixture('security-group-open-to-world');
    event.detail.userAgent = '<!channel> <https://evil.example|click>';
    event.detail.userIdentity.arn = 'arn:aws:sts::210987654321:assumed-role/Admin/<!here>';
    event.detail.userIdentity.sessionContext.sessionIssuer.userName = '<@U123ABC>';
    event.detail.requestParameters.groupId = 'sg-<!channel>';
    event.detail.requestParameters.ipPermissions.items[0].ipRanges.items[0].cidrIp = '0.0.0.0/0<!everyone>';
    const message = renderAlert(alertFor(event), { channel: '#security' });
    const json = JSON.stringify(message);
    for (const raw of [
      '<!channel>',
      '<!here>',
      '<@U123ABC>',
      '<https://evil.example|click>',
      '<!everyone>',
    ]) {
      expect(json).not.toContain(raw);
    }
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('&lt;@U123ABC&gt;');
  });

  it('escapes a user name planted in a console sign-in', () => {
    const event = fixture('console-sign-in-failure');
    event.detail.userIdentity.userName = '<!channel> alert';
    const message = renderAlert(alertFor(event), { channel: '#security' });
    expect(JSON.stringify(message)).not.toContain('<!channel>');
    expect(JSON.stringify(message.blocks)).toContain('&lt;!channel&gt; alert failed to sign in');
  });
});

describe('security family: in the pipeline', () => {
  it('turns an SQS batch of CloudTrail events into security messages for the default channel', () => {
    const body = (event: unknown) => ({
      messageId: crypto.randomUUID(),
      body: JSON.stringify(event),
      eventSource: 'aws:sqs',
    });
    const outcomes = processInput(
      { Records: [body(fixture('root-console-sign-in')), body(fixture('vpc-change'))] },
      { config, now },
    );
    expect(outcomes.map((o) => [o.alert?.family, o.alert?.severity])).toEqual([
      ['security', 'critical'],
      ['security', 'low'],
    ]);
    expect(outcomes[0]?.deliveries[0]?.destination.channel).toBe('#security');
    expect(outcomes[0]?.deliveries[0]?.message.text).toBe(
      '🛡️ CRITICAL Root account signed in to the console · prod (210987654321) · us-east-1',
    );
  });
});
