/**
 * The declarative families, in the order they are tried (after the alarm, DLQ and CloudTrail
 * families, before the generic fallback). A new family is one folder and one line here.
 */
import type { EventFamily } from '../events/family.js';
import { accessAnalyzerFamily } from './accessanalyzer/index.js';
import { asEventFamily } from './adapter.js';
import { backupFamily } from './backup/index.js';
import { configFamily } from './config/index.js';
import { costFamily } from './cost/index.js';
import type { FamilyDefinition } from './definition.js';
import { deploysFamily } from './deploys/index.js';
import { ec2Family } from './ec2/index.js';
import { ecsFamily } from './ecs/index.js';
import { guarddutyFamily } from './guardduty/index.js';
import { healthFamily } from './health/index.js';
import { inspectorFamily } from './inspector/index.js';
import { rdsFamily } from './rds/index.js';
import { securityhubFamily } from './securityhub/index.js';

export const FAMILY_DEFINITIONS: readonly FamilyDefinition[] = [
  guarddutyFamily,
  securityhubFamily,
  healthFamily,
  configFamily,
  inspectorFamily,
  accessAnalyzerFamily,
  deploysFamily,
  ecsFamily,
  backupFamily,
  costFamily,
  rdsFamily,
  ec2Family,
];

/** The declarative families as the pipeline's families. */
export const DECLARATIVE_FAMILIES: readonly EventFamily[] = FAMILY_DEFINITIONS.map(asEventFamily);
