import { describe, expect, it } from 'vitest';
import type { FamilySessionItem, Session } from '@lianyan/shared';
import { familyRowState } from './family-model';

const NOW = Date.parse('2026-11-20T02:00:00Z');
const session = (overrides: Partial<Session> = {}): Session => ({
  id: 's1',
  federationId: 'f1',
  hostSchoolId: 'sch-1',
  organizerId: 'u1',
  kind: 'family_education',
  mode: 'offline',
  title: '幼小衔接讲座',
  startAt: '2026-11-23T02:00:00Z',
  endAt: '2026-11-23T03:30:00Z',
  signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
  signOutRequired: false,
  creditHours: 1.5,
  audience: { type: 'parents', schoolIds: ['sch-1'] },
  capacity: 100,
  registrationRequired: true,
  status: 'published',
  createdAt: '2026-11-01T00:00:00Z',
  ...overrides,
});
const item = (overrides: Partial<FamilySessionItem> = {}, s: Partial<Session> = {}): FamilySessionItem => ({ session: session(s), childNames: ['小雨'], seatsLeft: 12, ...overrides });
const reg = (status: 'registered' | 'waitlisted' | 'cancelled') => ({ sessionId: 's1', userId: 'u2', status, registeredAt: '2026-11-19T00:00:00Z', updatedAt: '2026-11-19T00:00:00Z' });

describe('familyRowState', () => {
  it('offers 报名 with the seats left, 候补报名 when full, nothing when the session keeps no waitlist', () => {
    expect(familyRowState(item(), NOW)).toMatchObject({ action: 'register', actionLabel: '报名', note: '剩余 12 个名额' });
    expect(familyRowState(item({ seatsLeft: 0 }), NOW)).toMatchObject({ action: 'register', actionLabel: '候补报名', badge: { label: '名额已满' } });
    expect(familyRowState(item({ seatsLeft: 0 }, { waitlist: false }), NOW)).toMatchObject({ action: 'none', note: '本活动不设候补' });
  });

  it('offers 取消报名 until the cancel deadline and 取消候补 with the place', () => {
    expect(familyRowState(item({ registration: reg('registered') }), NOW)).toMatchObject({ action: 'cancel', actionLabel: '取消报名', badge: { label: '已报名' } });
    expect(familyRowState(item({ registration: reg('registered') }, { cancelDeadline: '2026-11-19T00:00:00Z' }), NOW)).toMatchObject({ action: 'none', badge: { label: '已报名' } });
    expect(familyRowState(item({ registration: reg('waitlisted'), waitlistPosition: 3 }), NOW)).toMatchObject({ action: 'cancel', actionLabel: '取消候补', badge: { label: '候补第 3 位', tone: 'warn' } });
    expect(familyRowState(item({ registration: reg('cancelled') }), NOW)).toMatchObject({ action: 'register' });
  });

  it('closes registration at the deadline and says why nothing can be done', () => {
    expect(familyRowState(item({}, { registrationDeadline: '2026-11-19T00:00:00Z' }), NOW)).toMatchObject({ action: 'none', badge: { label: '报名已截止' } });
    expect(familyRowState(item({}, { registrationRequired: false }), NOW)).toMatchObject({ action: 'none', badge: { label: '无需报名' }, note: '到场扫码签到即可' });
    expect(familyRowState(item({}, { status: 'cancelled', cancelReason: '天气原因' }), NOW)).toMatchObject({ action: 'none', badge: { label: '已取消' }, note: '天气原因' });
    expect(familyRowState(item({}, { endAt: '2026-11-19T00:00:00Z' }), NOW)).toMatchObject({ action: 'none', badge: { label: '已结束' } });
  });
});
