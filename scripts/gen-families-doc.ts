/**
 * Writes the "Findings and service events" table and examples of README.md from the family
 * definitions (src/families/registry.ts) and their samples: `npx tsx scripts/gen-families-doc.ts`.
 * test/readme.test.ts fails while the section is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { familiesSection } from './infra/families-doc.js';

const path = fileURLToPath(new URL('../README.md', import.meta.url));
const readme = readFileSync(path, 'utf8');
const start = '<!-- families:start -->';
const end = '<!-- families:end -->';
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section`);
writeFileSync(path, `${readme.slice(0, from + start.length)}\n${familiesSection()}${readme.slice(to)}`);
console.log(`wrote the families section of ${path}`);
