/**
 * The families, in the order they are tried. A new family is one new file and one line
 * here; the generic fallback stays last.
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
