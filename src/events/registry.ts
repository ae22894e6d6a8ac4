/**
 * The families, in the order they are tried: alarms, DLQs and CloudTrail, then the
 * declarative finding and service-event families (src/families/registry.ts, where a new one is
 * added), and the generic fallback last.
 */

import { DECLARATIVE_FAMILIES } from '../families/registry.js';
import { cloudtrailFamily } from './cloudtrail.js';
import { alarmFamily } from './cloudwatch-alarm.js';
import { dlqFamily } from './dlq.js';
import type { EventFamily } from './family.js';
import { genericFamily } from './generic.js';

export const FAMILIES: readonly EventFamily[] = [
  dlqFamily,
  alarmFamily,
  cloudtrailFamily,
  ...DECLARATIVE_FAMILIES,
  genericFamily,
];
