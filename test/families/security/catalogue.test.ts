import { describe, expect, it } from 'vitest';
import { API_CALL, CONSOLE_SIGN_IN, SECURITY_RULES } from '../../../src/families/security/catalogue.js';
import { validatePattern } from '../../../src/pattern/index.js';

const CIS_CONTROLS = Array.from({ length: 15 }, (_, i) => `4.${i + 1}`);

describe('security catalogue', () => {
  it('gives every rule a unique kebab-case id, a title, a severity and a one-line rationale', () => {
    const ids = SECURITY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of SECURITY_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.title.length).toBeGreaterThan(5);
      expect(['critical', 'high', 'medium', 'low']).toContain(rule.severity);
      expect(rule.rationale).not.toMatch(/\n/);
      expect(rule.rationale.length).toBeLessThan(120);
    }
  });

  it('covers every CIS AWS Foundations monitoring control 4.1–4.15', () => {
    const covered = new Set(SECURITY_RULES.map((r) => r.cis).filter(Boolean));
    expect([...covered].sort()).toEqual([...CIS_CONTROLS].sort());
  });

  it.each(SECURITY_RULES.map((r) => [r.id, r] as const))(
    '%s has a valid EventBridge pattern on a CloudTrail detail-type',
    (_, rule) => {
      expect(() => validatePattern(rule.pattern)).not.toThrow();
      const detailTypes = rule.pattern['detail-type'] as unknown[];
      expect(detailTypes.length).toBeGreaterThan(0);
      for (const t of detailTypes) expect([API_CALL, CONSOLE_SIGN_IN]).toContain(t);
      // Deployed as EventPattern JSON: must survive a JSON round trip unchanged, under 4096 chars.
      const json = JSON.stringify(rule.pattern);
      expect(JSON.parse(json)).toEqual(rule.pattern);
      expect(json.length).toBeLessThanOrEqual(4096);
    },
  );

  it('ranks ingress from the whole internet above other security group changes', () => {
    const order = ['critical', 'high', 'medium', 'low'];
    const open = SECURITY_RULES.find((r) => r.id === 'security-group-open-to-world');
    const change = SECURITY_RULES.find((r) => r.id === 'security-group-change');
    expect(open && change && order.indexOf(open.severity) < order.indexOf(change.severity)).toBe(true);
  });
});
