import { describe, expect, it } from 'vitest';
import type { Session } from '@lianyan/shared';
import { checkGeofence, creditedHours, distanceMeters, sharedDeviceUsers, statusAtSignIn, statusAtSignOut, summarize, windowOf } from './attendance-rules.ts';

const makeSession = (overrides: Partial<Session> = {}): Session => ({
  id: 'ses-1',
  federationId: 'fed-1',
  hostSchoolId: 'sch-1',
  organizerId: 'u-org',
  kind: 'joint_research',
  mode: 'offline',
  title: '联合教研',
  venue: { name: '报告厅', lat: 30.2741, lng: 120.1551, radiusM: 300 },
  startAt: '2026-11-23T02:00:00.000Z',
  endAt: '2026-11-23T04:00:00.000Z',
  signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
  signOutRequired: true,
  creditHours: 2,
  audience: { type: 'federation' },
  registrationRequired: false,
  status: 'published',
  createdAt: '2026-11-01T00:00:00.000Z',
  geofence: 'flag',
  creditRule: { mode: 'proportional', lateGraceMin: 10, earlyLeaveGraceMin: 10 },
  ...overrides,
});
const t = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00.000Z`);

describe('sign-in window and status', () => {
  it('opens before the start, turns late after the grace, closes after the end', () => {
    const w = windowOf(makeSession());
    expect(new Date(w.opensAt).toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(new Date(w.lateAt).toISOString()).toBe('2026-11-23T02:10:00.000Z');
    expect(new Date(w.closesAt).toISOString()).toBe('2026-11-23T04:30:00.000Z');
    expect(statusAtSignIn(makeSession(), t('02:10'))).toBe('on_time');
    expect(statusAtSignIn(makeSession(), t('02:11'))).toBe('late');
  });

  it('marks an on-time person who leaves before the end less grace as left early, and keeps late as late', () => {
    expect(statusAtSignOut(makeSession(), 'on_time', t('03:30'))).toBe('left_early');
    expect(statusAtSignOut(makeSession(), 'on_time', t('03:55'))).toBe('on_time');
    expect(statusAtSignOut(makeSession(), 'late', t('03:00'))).toBe('late');
  });
});

describe('credited hours', () => {
  it('credits all hours within the grace minutes', () => {
    expect(creditedHours(makeSession(), t('02:05'), t('03:55'))).toBe(2);
  });

  it('credits nothing before sign-out when sign-out is required, and the whole session when it is not', () => {
    expect(creditedHours(makeSession(), t('02:00'), undefined)).toBe(0);
    expect(creditedHours(makeSession({ signOutRequired: false }), t('02:00'), undefined)).toBe(2);
  });

  it('credits the share present under the proportional rule', () => {
    expect(creditedHours(makeSession(), t('02:30'), t('04:00'))).toBe(1.5);
    expect(creditedHours(makeSession(), t('02:00'), t('03:00'))).toBe(1);
    expect(creditedHours(makeSession(), t('01:40'), t('04:20'))).toBe(2);
    expect(creditedHours(makeSession(), t('02:05'), t('03:00'))).toBe(1);
  });

  it('credits nothing beyond the grace under the full-or-none rule', () => {
    const s = makeSession({ creditRule: { mode: 'full_or_none', lateGraceMin: 15, earlyLeaveGraceMin: 0 } });
    expect(creditedHours(s, t('02:15'), t('04:00'))).toBe(2);
    expect(creditedHours(s, t('02:16'), t('04:00'))).toBe(0);
  });
});

describe('geofence', () => {
  it('measures distance with haversine', () => {
    // One degree of latitude is about 111.2 km.
    expect(Math.round(distanceMeters({ lat: 30, lng: 120 }, { lat: 31, lng: 120 }) / 100)).toBe(1112);
  });

  it('passes inside the radius, flags or rejects outside, and notes a missing location', () => {
    const near = { lat: 30.2745, lng: 120.1555 };
    const far = { lat: 30.3, lng: 120.2 };
    expect(checkGeofence(makeSession(), near).outcome).toBe('ok');
    expect(checkGeofence(makeSession(), far)).toMatchObject({ outcome: 'flag', radiusM: 300 });
    expect(checkGeofence(makeSession({ geofence: 'reject' }), far).outcome).toBe('reject');
    expect(checkGeofence(makeSession(), undefined).outcome).toBe('no_location');
    expect(checkGeofence(makeSession({ geofence: 'off' }), far).outcome).toBe('ok');
    expect(checkGeofence(makeSession({ mode: 'online' }), far).outcome).toBe('ok');
  });
});

describe('roster signals and summary', () => {
  it('flags every account signed in from one device', () => {
    const users = sharedDeviceUsers([
      { userId: 'a', deviceId: 'd1' },
      { userId: 'b', deviceId: 'd1' },
      { userId: 'c', deviceId: 'd2' },
    ]);
    expect([...users].sort()).toEqual(['a', 'b']);
  });

  it('counts a summary that matches the roster', () => {
    const summary = summarize(
      [
        { status: 'on_time', flags: [], signedOutAt: '2026-11-23T04:00:00Z' },
        { status: 'late', flags: ['outside_geofence'] },
        { status: 'left_early', flags: [], signedOutAt: '2026-11-23T03:00:00Z' },
        { status: 'absent', flags: [] },
        { status: 'excused', flags: ['manual'] },
      ],
      6,
    );
    // 应到: the five records less the excused one, plus six audience members not recorded yet.
    expect(summary).toEqual({ expected: 10, signedIn: 3, late: 1, absent: 1, signedOut: 2, leftEarly: 1, excused: 1, flagged: 2 });
  });
});
