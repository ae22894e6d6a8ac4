import { describe, expect, it } from 'vitest';
import { checkAccess } from '../../src/aws-errors/requester-access.js';

const who = { teamId: 'T0123', channelId: 'C0OPS', userId: 'U0ALICE' };

describe('checkAccess', () => {
  it('denies everyone when access.teams is empty, naming the setting and the team to add', () => {
    const decision = checkAccess({ teams: [], channels: [], users: [] }, who);
    expect(decision.allowed).toBe(false);
    expect(decision.allowed ? '' : decision.reason).toMatch(/access\.teams.*T0123/);
  });

  it('allows a listed team when channels and users are not restricted', () => {
    expect(checkAccess({ teams: ['T0123'], channels: [], users: [] }, who)).toEqual({ allowed: true });
  });

  it('refuses another workspace', () => {
    const decision = checkAccess({ teams: ['T9999'], channels: [], users: [] }, who);
    expect(decision.allowed ? '' : decision.reason).toContain('`access.teams`');
  });

  it('refuses a channel outside access.channels', () => {
    const decision = checkAccess({ teams: ['T0123'], channels: ['C0OTHER'], users: [] }, who);
    expect(decision.allowed ? '' : decision.reason).toContain('`access.channels`');
  });

  it('refuses a user outside access.users', () => {
    const decision = checkAccess({ teams: ['T0123'], channels: ['C0OPS'], users: ['U0BOB'] }, who);
    expect(decision.allowed ? '' : decision.reason).toContain('`access.users`');
  });

  it('allows a listed user in a listed channel', () => {
    expect(checkAccess({ teams: ['T0123'], channels: ['C0OPS'], users: ['U0ALICE'] }, who)).toEqual({
      allowed: true,
    });
  });
});
