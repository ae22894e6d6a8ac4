import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familiesSection } from '../scripts/infra/families-doc.js';
import { FAMILY_DEFINITIONS } from '../src/families/registry.js';
import { SECURITY_RULES } from '../src/families/security/catalogue.js';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('lists every security catalogue rule with its severity', () => {
    for (const rule of SECURITY_RULES) {
      expect(readme).toContain(`| \`${rule.id}\` | ${rule.severity} |`);
    }
  });

  it('lists every family with what it catches, from its definition (regenerate with scripts/gen-families-doc.ts)', () => {
    for (const def of FAMILY_DEFINITIONS) expect(readme).toContain(`| \`${def.id}\` | ${def.name} |`);
    const start = readme.indexOf('<!-- families:start -->\n') + '<!-- families:start -->\n'.length;
    expect(readme.slice(start, readme.indexOf('<!-- families:end -->'))).toBe(familiesSection());
  });

  it('gives the install-and-run and the test commands', () => {
    expect(readme).toContain('npm ci && npx cloudbell demo');
    expect(readme).toContain('npm ci && npm run check');
  });

  it('shows the messages as committed pictures, each a PNG that exists', () => {
    const images = [...readme.matchAll(/!\[[^\]]+\]\((docs\/[^)]+\.png)\)/g)].map((m) => m[1] ?? '');
    expect(images.length).toBeGreaterThanOrEqual(4);
    for (const image of images) {
      expect(existsSync(image)).toBe(true);
      expect(readFileSync(image).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });
});
