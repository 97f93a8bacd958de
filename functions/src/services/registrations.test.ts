import { describe, expect, it } from 'vitest';
import type { Session } from '@lianyan/shared';
import { AppError } from '#lib/errors';
import type { RegistrationRecord, RegistrationRepository } from '#repositories/registrations';
import type { SessionRepository } from '#repositories/sessions';
import type { UserRepository } from '#repositories/users';
import { makeRegistrationService } from './registrations.ts';
import type { SessionService } from './sessions.ts';

const NOW = new Date('2026-11-20T02:00:00Z');
const session: Session = {
  id: 's1',
  federationId: 'f1',
  hostSchoolId: 'sch-1',
  organizerId: 'u0',
  kind: 'family_education',
  mode: 'offline',
  title: '讲座',
  startAt: '2026-11-23T02:00:00Z',
  endAt: '2026-11-23T03:00:00Z',
  signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
  signOutRequired: false,
  creditHours: 1,
  audience: { type: 'parents', schoolIds: ['sch-1'] },
  audienceSchoolIds: ['sch-1'],
  capacity: 1,
  registrationRequired: true,
  status: 'published',
  createdAt: '2026-11-01T00:00:00Z',
};
const auth = { userId: 'u1', name: '家长', roles: [{ role: 'parent' as const, scope: { schoolId: 'sch-1' } }] };

/** The service over a scripted repository: the outcomes each write returns, in order, and every call made. */
function setup(script: { takeSeat?: string[]; joinWaitlist?: string[]; existing?: RegistrationRecord }) {
  const calls: string[] = [];
  const records = new Map<string, RegistrationRecord>();
  if (script.existing) records.set(script.existing.userId, script.existing);
  let seq = 0;
  const registrations = {
    getRegistration: async (_s: string, userId: string) => records.get(userId),
    getSeats: async () => ({ taken: 1, waiting: 0 }),
    takeSeat: async (record: RegistrationRecord) => {
      calls.push('takeSeat');
      const outcome = script.takeSeat?.shift() ?? 'registered';
      if (outcome === 'registered') records.set(record.userId, { ...record, status: 'registered' });
      return outcome;
    },
    drawWaitlistNumber: async () => {
      calls.push('draw');
      return ++seq;
    },
    joinWaitlist: async (record: RegistrationRecord) => {
      calls.push(`join#${record.waitlistSeq}`);
      const outcome = script.joinWaitlist?.shift() ?? 'waitlisted';
      if (outcome === 'waitlisted') records.set(record.userId, record);
      return outcome;
    },
    waitlistPosition: async () => 4,
  } as unknown as RegistrationRepository;
  const service = makeRegistrationService({
    sessions: { getSession: async () => session } as unknown as SessionRepository,
    registrations,
    users: { listChildren: async () => [{ id: 'c1', name: '小雨', schoolId: 'sch-1', grade: '一年级', className: '一年级(1)班' }] } as unknown as UserRepository,
    sessionService: {} as SessionService,
    clock: { now: () => NOW },
    backoff: async () => undefined,
  });
  return { service, calls };
}

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as AppError);

describe('registering for a session with seats', () => {
  it('retries a seat transaction that lost to another one', async () => {
    const { service, calls } = setup({ takeSeat: ['conflict', 'conflict', 'registered'] });
    expect((await service.register(auth, 's1')).created).toBe(true);
    expect(calls).toEqual(['takeSeat', 'takeSeat', 'takeSeat']);
  });

  it('joins the waitlist under one number, kept across lost transactions, answered as a success with the place', async () => {
    const { service, calls } = setup({ takeSeat: ['full'], joinWaitlist: ['conflict', 'waitlisted'] });
    expect(await service.register(auth, 's1')).toMatchObject({ created: true, view: { registration: { status: 'waitlisted' }, waitlistPosition: 4 } });
    expect(calls).toEqual(['takeSeat', 'draw', 'join#1', 'join#1']);
  });

  it('takes a seat that opened while it was drawing a number, leaving the number unused', async () => {
    const { service, calls } = setup({ takeSeat: ['full', 'registered'], joinWaitlist: ['seat_free'] });
    expect((await service.register(auth, 's1')).created).toBe(true);
    expect(calls).toEqual(['takeSeat', 'draw', 'join#1', 'takeSeat']);
  });

  it('draws a new number when a higher one was counted first, so a place once told stays true', async () => {
    const { service, calls } = setup({ takeSeat: ['full'], joinWaitlist: ['stale', 'waitlisted'] });
    expect(await service.register(auth, 's1')).toMatchObject({ created: true, view: { waitlistPosition: 4 } });
    expect(calls).toEqual(['takeSeat', 'draw', 'join#1', 'draw', 'join#2']);
  });

  it('answers a repeat with the registration that is there, writing nothing', async () => {
    const existing: RegistrationRecord = { sessionId: 's1', userId: 'u1', name: '家长', status: 'registered', registeredAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
    const { service, calls } = setup({ existing });
    expect(await service.register(auth, 's1')).toMatchObject({ created: false, view: { alreadyRegistered: true, registration: { status: 'registered' } } });
    expect(calls).toEqual([]);
  });

  it('gives up with 503 (safe to repeat) when it keeps losing', async () => {
    const { service } = setup({ takeSeat: Array.from({ length: 30 }, () => 'conflict') });
    expect(await failure(service.register(auth, 's1'))).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
  });
});
