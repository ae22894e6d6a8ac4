/**
 * Every family, in the order the pipeline tries them: the DLQ family (before alarms: a DLQ's
 * depth alarm is an alarm too), alarms and CloudTrail security events, then the declarative
 * finding and service-event families, and the generic fallback last. A new family is one
 * folder under src/families/ and one line here.
 */
import { accessAnalyzerFamily } from './accessanalyzer/index.js';
import { asEventFamily } from './adapter.js';
import { alarmFamily } from './alarm/index.js';
import { backupFamily } from './backup/index.js';
import { configFamily } from './config/index.js';
import { costFamily } from './cost/index.js';
import type { FamilyDefinition } from './definition.js';
import { deploysFamily } from './deploys/index.js';
import { dlqFamily } from './dlq/index.js';
import { ec2Family } from './ec2/index.js';
import { ecsFamily } from './ecs/index.js';
import type { EventFamily } from './family.js';
import { genericFamily } from './generic/index.js';
import { guarddutyFamily } from './guardduty/index.js';
import { healthFamily } from './health/index.js';
import { inspectorFamily } from './inspector/index.js';
import { rdsFamily } from './rds/index.js';
import { securityFamily } from './security/index.js';
import { securityhubFamily } from './securityhub/index.js';

/** The declarative families (schema, patterns, to Alert), tried in this order. */
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

/** Every family, in the order they are tried; generic last. */
export const FAMILIES: readonly EventFamily[] = [
  dlqFamily,
  alarmFamily,
  securityFamily,
  ...FAMILY_DEFINITIONS.map(asEventFamily),
  genericFamily,
];
