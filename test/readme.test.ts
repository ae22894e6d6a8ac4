import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECURITY_RULES } from '../src/security/catalogue.js';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('lists every security catalogue rule with its severity', () => {
    for (const rule of SECURITY_RULES) {
      expect(readme).toContain(`| \`${rule.id}\` | ${rule.severity} |`);
    }
  });

  it('gives the install-and-run and the test commands', () => {
    expect(readme).toContain('npm ci && npx cloudbell demo');
    expect(readme).toContain('npm ci && npm run check');
  });
});
