import { describe, expect, it } from 'vitest';
import { describePrincipal } from '../../../src/families/security/principal.js';
import { shortUserAgent } from '../../../src/families/security/user-agent.js';

describe('shortUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome on macOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      'Firefox on Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      'Safari on iOS',
    ],
    [
      'aws-cli/2.15.10 Python/3.11.6 Darwin/23.2.0 exe/x86_64 prompt/off command/ec2.authorize-security-group-ingress',
      'AWS CLI 2.15',
    ],
    ['[aws-cli/2.15.10 Python/3.11.6 Darwin/23.2.0 exe/x86_64 prompt/off command/s3api]', 'AWS CLI 2.15'],
    ['Boto3/1.34.2 md/Botocore#1.34.2 ua/2.0 os/linux#5.10 lang/python#3.12.0 Botocore/1.34.2', 'Boto3 1.34'],
    [
      'aws-sdk-js/3.470.0 ua/2.0 os/linux#5.10.201 lang/js md/nodejs#20.10.0 api/ec2#3.470.0',
      'AWS SDK for JavaScript 3.470',
    ],
    [
      'APN/1.0 HashiCorp/1.0 Terraform/1.6.5 (+https://www.terraform.io) terraform-provider-aws/5.31.0 aws-sdk-go-v2/1.24.0',
      'Terraform 1.6',
    ],
    ['console.amazonaws.com', 'console'],
    ['console.ec2.amazonaws.com', 'console'],
    ['signin.amazonaws.com', 'console'],
    ['AWS Internal', 'AWS internal'],
    ['cloudformation.amazonaws.com', 'cloudformation.amazonaws.com'],
    ['my-tool/0.1 (custom)', 'my-tool/0.1'],
  ])('%s → %s', (ua, short) => {
    expect(shortUserAgent(ua)).toBe(short);
  });

  it('returns nothing for a missing or blank user agent and cuts very long unknown ones', () => {
    expect(shortUserAgent(undefined)).toBeUndefined();
    expect(shortUserAgent('  ')).toBeUndefined();
    expect(shortUserAgent('x'.repeat(500))?.length).toBe(60);
  });
});

describe('describePrincipal', () => {
  it('uses the person part of an e-mail session name and keeps the session', () => {
    const p = describePrincipal({
      type: 'AssumedRole',
      arn: 'arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com',
      sessionContext: {
        sessionIssuer: {
          userName: 'AWSReservedSSO_Admin_0123456789abcdef',
          arn: 'arn:aws:iam::210987654321:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef',
        },
      },
    });
    expect(p.subject).toBe('alice (role AWSReservedSSO_Admin_0123456789abcdef, session alice@example.com)');
    expect(p.routeArn).toBe(
      'arn:aws:iam::210987654321:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef',
    );
  });

  it('falls back to the ARN when the session issuer is missing', () => {
    const p = describePrincipal({
      type: 'AssumedRole',
      arn: 'arn:aws:sts::210987654321:assumed-role/ops/build-42',
    });
    expect(p.subject).toBe('build-42 (role ops)');
    expect(p.routeArn).toBe('arn:aws:sts::210987654321:assumed-role/ops/build-42');
  });

  it('notes a caller from another account and a service acting for it', () => {
    const p = describePrincipal(
      {
        type: 'IAMUser',
        userName: 'auditor',
        accountId: '111122223333',
        arn: 'arn:aws:iam::111122223333:user/auditor',
      },
      '210987654321',
    );
    expect(p.who).toBe(
      'IAM user auditor · from account 111122223333\narn:aws:iam::111122223333:user/auditor',
    );
    const service = describePrincipal({ type: 'AWSService', invokedBy: 'config.amazonaws.com' });
    expect(service.subject).toBe('config.amazonaws.com');
  });

  it('still says something for an unknown or missing identity', () => {
    expect(describePrincipal(undefined).subject).toBe('an unknown principal');
    expect(describePrincipal({ type: 'WebIdentityUser', userName: 'x@y' }).who).toBe('WebIdentityUser x@y');
  });
});
