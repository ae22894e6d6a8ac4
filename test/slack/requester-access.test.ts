import { describe, expect, it } from 'vitest';
import {
  adminOnly,
  checkAccess,
  isAdmin,
  PRESS_BUTTONS,
  RUN_AWS_ERRORS,
} from '../../src/slack/requester-access.js';

const who = { teamId: 'T0123', channelId: 'C0OPS', userId: 'U0ALICE' };

describe('checkAccess for /aws-errors', () => {
  it('denies everyone when access.teams is empty, naming the setting and the team to add', () => {
    const decision = checkAccess({ teams: [], channels: [], users: [] }, who, RUN_AWS_ERRORS);
    expect(decision.allowed).toBe(false);
    expect(decision.allowed ? '' : decision.reason).toMatch(/access\.teams.*T0123/);
  });

  it('allows a listed team when channels and users are not restricted', () => {
    expect(checkAccess({ teams: ['T0123'], channels: [], users: [] }, who, RUN_AWS_ERRORS)).toEqual({
      allowed: true,
    });
  });

  it('refuses another workspace', () => {
    const decision = checkAccess({ teams: ['T9999'], channels: [], users: [] }, who, RUN_AWS_ERRORS);
    expect(decision.allowed ? '' : decision.reason).toContain('`access.teams`');
  });

  it('refuses a channel outside access.channels', () => {
    const decision = checkAccess({ teams: ['T0123'], channels: ['C0OTHER'], users: [] }, who, RUN_AWS_ERRORS);
    expect(decision.allowed ? '' : decision.reason).toContain('`access.channels`');
  });

  it('refuses a user outside access.users', () => {
    const decision = checkAccess(
      { teams: ['T0123'], channels: ['C0OPS'], users: ['U0BOB'] },
      who,
      RUN_AWS_ERRORS,
    );
    expect(decision.allowed ? '' : decision.reason).toContain('`access.users`');
  });

  it('allows a listed user in a listed channel', () => {
    expect(
      checkAccess({ teams: ['T0123'], channels: ['C0OPS'], users: ['U0ALICE'] }, who, RUN_AWS_ERRORS),
    ).toEqual({
      allowed: true,
    });
  });
});

const reasonOf = (decision: ReturnType<typeof checkAccess>): string =>
  decision.allowed ? '' : decision.reason;
const open = { teams: ['T0123'], channels: [], users: [], admins: [] };

describe('the refusals, worded for what was asked', () => {
  it.each([
    [
      'no team configured',
      { ...open, teams: [] },
      "/aws-errors is turned off: `access.teams` in cloudbell.config.yml is empty. Add this workspace's team ID (T0123) to turn it on.",
      "cloudbell's buttons are turned off: `access.teams` in cloudbell.config.yml is empty. Add this workspace's team ID (T0123) to turn them on.",
    ],
    [
      'another workspace',
      { ...open, teams: ['T9999'] },
      'This workspace (T0123) may not run /aws-errors: add it to `access.teams` in cloudbell.config.yml.',
      'This workspace (T0123) may not act on alerts: add it to `access.teams` in cloudbell.config.yml.',
    ],
    [
      'a channel outside access.channels',
      { ...open, channels: ['C0OTHER'] },
      '/aws-errors is not allowed in this channel (C0OPS): use an allowed channel or add it to `access.channels` in cloudbell.config.yml.',
      'Actions are not allowed in this channel (C0OPS): add it to `access.channels` in cloudbell.config.yml.',
    ],
    [
      'a user outside access.users',
      { ...open, users: ['U0BOB'] },
      'You (U0ALICE) may not run /aws-errors: ask an admin to add your user ID to `access.users` in cloudbell.config.yml.',
      'You (U0ALICE) may not act on alerts: ask an admin to add your user ID to `access.users` in cloudbell.config.yml.',
    ],
  ])('%s: each its exact sentence', (_, access, awsErrors, buttons) => {
    expect(checkAccess(access, who, RUN_AWS_ERRORS)).toEqual({ allowed: false, reason: awsErrors });
    expect(checkAccess(access, who, PRESS_BUTTONS)).toEqual({ allowed: false, reason: buttons });
  });
});

describe('admins and the users list', () => {
  it('does not let an admin outside access.users run /aws-errors', () => {
    expect(checkAccess({ ...open, users: ['U0BOB'], admins: ['U0ALICE'] }, who, RUN_AWS_ERRORS).allowed).toBe(
      false,
    );
  });

  it('lets an admin outside access.users press them, in an allowed team and channel only', () => {
    const access = { ...open, users: ['U0BOB'], admins: ['U0ALICE'] };
    expect(checkAccess(access, who, PRESS_BUTTONS)).toEqual({ allowed: true });
    expect(reasonOf(checkAccess({ ...access, channels: ['C0OTHER'] }, who, PRESS_BUTTONS))).toContain(
      '`access.channels`',
    );
    expect(reasonOf(checkAccess({ ...access, teams: ['T9999'] }, who, PRESS_BUTTONS))).toContain(
      '`access.teams`',
    );
  });
});

describe('admin-only actions', () => {
  it('knows admins by access.admins alone', () => {
    expect(isAdmin({ admins: ['U0ALICE'] }, 'U0ALICE')).toBe(true);
    expect(isAdmin({ admins: ['U0BOB'] }, 'U0ALICE')).toBe(false);
  });

  it('refuses with the exact sentence naming access.admins and the user', () => {
    expect(adminOnly('redrive a dead-letter queue', 'U0ALICE')).toEqual({
      allowed: false,
      reason:
        'Only admins may redrive a dead-letter queue: ask one, or add your user ID (U0ALICE) to `access.admins` in cloudbell.config.yml.',
    });
  });
});
