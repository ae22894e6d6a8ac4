/**
 * EC2 Spot interruption warnings (two minutes' notice: how much is left), and, opt-in with
 * `families.ec2.instanceState: true`, instances that stopped or terminated.
 */

import type { Alert, Fact } from '../../alerts/alert.js';
import { consoleUrl } from '../../alerts/console.js';
import { formatTime } from '../../alerts/time.js';
import { encodeUriPart } from '../../alerts/well-formed.js';
import { at, detailOf, fallbackLine, isoTime, join, placeOf, str, whereOf } from '../common.js';
import type { FamilyDefinition } from '../definition.js';

const SPOT = 'EC2 Spot Instance Interruption Warning';
const STATE = 'EC2 Instance State-change Notification';
/** Spot gives two minutes' notice. */
const SPOT_NOTICE_MS = 120_000;

function timeLeft(warnedAt: string | undefined, now: Date): string {
  if (!warnedAt) return 'about 2 minutes from the warning';
  const deadline = Date.parse(warnedAt) + SPOT_NOTICE_MS;
  const at_ = `${new Date(deadline).toISOString().slice(11, 16)} UTC`;
  const left = Math.floor((deadline - now.getTime()) / 1000);
  if (left <= 0) return `none: the instance was reclaimed at ${at_}`;
  // Seconds matter with two minutes' notice.
  const words =
    left >= 60 ? `${Math.floor(left / 60)} min${left % 60 ? ` ${left % 60} s` : ''}` : `${left} s`;
  return `${words} (until ${at_})`;
}

export const ec2Family: FamilyDefinition = {
  id: 'ec2',
  name: 'EC2',
  catches:
    'EC2 Spot interruption warnings with the time left; instances stopped or terminated with `instanceState: true`',
  defaultMinSeverity: 'low',
  patterns: [
    {
      key: 'spot-interruption',
      description: 'EC2 Spot Instance interruption warnings',
      pattern: { source: ['aws.ec2'], 'detail-type': [SPOT] },
    },
    {
      key: 'instance-state',
      description: 'EC2 instances that stopped or terminated',
      pattern: { source: ['aws.ec2'], 'detail-type': [STATE], detail: { state: ['stopped', 'terminated'] } },
      optIn: 'instanceState',
    },
  ],
  toAlert(raw, { config, now }) {
    const read = detailOf(raw);
    if (!read) return null;
    const { event, detail: d } = read;
    const instance = str(at(d, 'instance-id')) ?? '(unknown instance)';
    const where = whereOf(config, undefined, undefined, event);
    const time = isoTime(event.time);
    const spot = event['detail-type'] === SPOT;
    const action = str(at(d, 'instance-action'));
    const state = str(at(d, 'state'));
    const title = spot
      ? `Spot instance ${instance} will be interrupted${action ? ` (${action})` : ''}`
      : `EC2 instance ${instance} ${state ?? 'changed state'}`;
    const facts: Fact[] = [
      { label: 'Instance', value: instance },
      ...(spot
        ? [
            { label: 'Action', value: action ?? '' },
            { label: 'Time left', value: timeLeft(time, now) },
          ]
        : [{ label: 'State', value: state ?? '' }]),
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
    ];
    return {
      family: 'ec2',
      severity: spot ? 'medium' : 'low',
      emoji: '🖥️',
      title,
      facts,
      context: [join([formatTime(time, now), 'Amazon EC2']), `event ${event.id}`],
      links: where.region
        ? [
            {
              text: 'Open instance',
              url: consoleUrl(
                where.region,
                'ec2/home',
                `InstanceDetails:instanceId=${encodeUriPart(instance)}`,
              ),
            },
          ]
        : [],
      ...placeOf(where, time),
      fallback: fallbackLine(title, where),
      dedupeKey: `eb:${event.id}`,
      route: {
        source: event.source,
        findingType: spot ? `spot:${action ?? 'interruption'}` : `state:${state ?? ''}`,
        resources: [instance],
      },
    } satisfies Alert;
  },
};
