/**
 * Why an ECS task stopped, and whether a responder should care: an essential container that
 * crashed or ran out of memory, an image that could not be pulled, a failed health check is
 * unexpected; scaling in, a deployment replacing tasks, a user stopping one or a batch task
 * exiting 0 is expected.
 */
import { arr, at, num, obj, str } from '../common.js';

export interface ContainerStop {
  readonly name: string;
  readonly exitCode?: number;
  readonly reason?: string;
}

export interface StopVerdict {
  /** Short cause for the title: "out of memory", "image pull failed", "exit code 1"… */
  readonly cause: string;
  readonly unexpected: boolean;
  readonly containers: ContainerStop[];
}

const OOM = /OutOfMemory|OOMKilled/i;
const PULL = /CannotPullContainer|pull image|ImagePull|manifest .* not found|ResourceInitializationError/i;
const HEALTH = /health ?check|unhealthy/i;

/**
 * @example
 * ```ts
 * stopVerdict(detail); // { cause: 'out of memory', unexpected: true, containers: [...] }
 * ```
 */
export function stopVerdict(detail: unknown): StopVerdict {
  const stopCode = str(at(detail, 'stopCode'));
  const reason = str(at(detail, 'stoppedReason')) ?? '';
  const containers: ContainerStop[] = arr(at(detail, 'containers'))
    .map(obj)
    .filter((c) => c !== undefined)
    .map((c) => {
      const exitCode = num(c.exitCode);
      const why = str(c.reason);
      return {
        name: str(c.name) ?? '(container)',
        ...(exitCode === undefined ? {} : { exitCode }),
        ...(why ? { reason: why } : {}),
      };
    });
  const texts = [reason, ...containers.map((c) => c.reason ?? '')].join('\n');
  const crashed = containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0);
  if (OOM.test(texts)) return { cause: 'out of memory', unexpected: true, containers };
  if (PULL.test(texts)) return { cause: 'image pull failed', unexpected: true, containers };
  switch (stopCode) {
    case 'TaskFailedToStart':
      return { cause: 'failed to start', unexpected: true, containers };
    case 'EssentialContainerExited':
      if (crashed) return { cause: `exit code ${crashed.exitCode}`, unexpected: true, containers };
      // A clean exit only when every container is known to have exited 0.
      if (containers.length > 0 && containers.every((c) => c.exitCode === 0))
        return { cause: 'exited 0', unexpected: false, containers };
      return { cause: 'essential container exited', unexpected: true, containers };
    case 'ServiceSchedulerInitiated':
      return HEALTH.test(reason)
        ? { cause: 'health check failed', unexpected: true, containers }
        : { cause: 'stopped by the service scheduler', unexpected: false, containers };
    case 'UserInitiated':
      return { cause: 'stopped by a user', unexpected: false, containers };
    case 'SpotInterruption':
    case 'TerminationNotice':
      return { cause: 'Spot capacity reclaimed', unexpected: false, containers };
    default:
      if (crashed) return { cause: `exit code ${crashed.exitCode}`, unexpected: true, containers };
      return { cause: stopCode ?? 'stopped', unexpected: true, containers };
  }
}
