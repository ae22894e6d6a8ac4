/**
 * Writes infra/forwarder.yml from the security catalogue: `npm run gen:forwarder`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FAMILY_DEFINITIONS } from '../src/families/registry.js';
import { SECURITY_RULES } from '../src/families/security/catalogue.js';
import { renderForwarder } from './infra/forwarder.js';

const path = fileURLToPath(new URL('../infra/forwarder.yml', import.meta.url));
writeFileSync(path, renderForwarder(SECURITY_RULES, FAMILY_DEFINITIONS));
console.log(`wrote ${path} (${SECURITY_RULES.length} security rules, the family rules and the alarm rule)`);
