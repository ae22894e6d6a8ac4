/**
 * The declarative families, in the order they are tried (after the alarm, DLQ and CloudTrail
 * families, before the generic fallback). A new family is one folder and one line here.
 */
import type { EventFamily } from '../events/family.js';
import { asEventFamily } from './adapter.js';
import { configFamily } from './config/index.js';
import type { FamilyDefinition } from './definition.js';
import { guarddutyFamily } from './guardduty/index.js';
import { healthFamily } from './health/index.js';
import { securityhubFamily } from './securityhub/index.js';

export const FAMILY_DEFINITIONS: readonly FamilyDefinition[] = [
  guarddutyFamily,
  securityhubFamily,
  healthFamily,
  configFamily,
];

/** The declarative families as the pipeline's families. */
export const DECLARATIVE_FAMILIES: readonly EventFamily[] = FAMILY_DEFINITIONS.map(asEventFamily);
