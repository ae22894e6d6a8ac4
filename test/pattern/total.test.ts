/**
 * The matcher runs on attacker-influenced events: for every catalogue pattern it must give
 * an answer for any JSON value, never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECURITY_RULES } from '../../src/families/security/catalogue.js';
import { compilePattern } from '../../src/pattern/index.js';

/** JSON events shaped like CloudTrail envelopes, with arbitrary values in every slot. */
const eventLike = fc.record({
  source: fc.oneof(fc.constantFrom('aws.ec2', 'aws.signin', 'aws.iam'), fc.jsonValue()),
  'detail-type': fc.oneof(
    fc.constantFrom('AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'),
    fc.jsonValue(),
  ),
  detail: fc.oneof(
    fc.jsonValue(),
    fc.record({
      eventName: fc.oneof(fc.constantFrom('ConsoleLogin', 'AuthorizeSecurityGroupIngress'), fc.jsonValue()),
      userIdentity: fc.jsonValue(),
      requestParameters: fc.jsonValue(),
      additionalEventData: fc.jsonValue(),
      errorCode: fc.jsonValue(),
    }),
  ),
});

describe('matcher totality', () => {
  it('answers true or false for any JSON event and every catalogue pattern', () => {
    const tests = SECURITY_RULES.map((r) => compilePattern(r.pattern));
    fc.assert(
      fc.property(fc.oneof(eventLike, fc.jsonValue()), (event) => {
        for (const test of tests) expect(typeof test(event)).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
