import { describe, expect, it } from 'vitest';
import type { Attendance, Session } from '@lianyan/shared';
import { codePurpose } from './code';

const session = (overrides: Partial<Session> = {}) =>
  ({
    id: 'ses-1',
    mode: 'online',
    status: 'published',
    startAt: '2026-11-23T02:00:00.000Z',
    endAt: '2026-11-23T04:00:00.000Z',
    signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
    signOutRequired: true,
    ...overrides,
  }) as Session;
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00.000Z`);
const signedIn = { signedInAt: '2026-11-23T02:01:00.000Z' } as Attendance;

describe('which typed code an online session asks for', () => {
  it('asks for the sign-in code inside the window, then the sign-out code once it has started', () => {
    expect(codePurpose(session(), undefined, at('01:20'))).toBeNull();
    expect(codePurpose(session(), undefined, at('01:40'))).toBe('in');
    expect(codePurpose(session(), signedIn, at('03:00'))).toBe('out');
    expect(codePurpose(session(), { ...signedIn, signedOutAt: '2026-11-23T04:00:00.000Z' } as Attendance, at('04:05'))).toBeNull();
    expect(codePurpose(session(), undefined, at('04:31'))).toBeNull();
  });

  it('asks nothing of a venue session, a closed one, or a signed-in person when no sign-out is required', () => {
    expect(codePurpose(session({ mode: 'offline' }), undefined, at('02:00'))).toBeNull();
    expect(codePurpose(session({ status: 'closed' }), undefined, at('02:00'))).toBeNull();
    expect(codePurpose(session({ signOutRequired: false }), signedIn, at('03:00'))).toBeNull();
  });
});
