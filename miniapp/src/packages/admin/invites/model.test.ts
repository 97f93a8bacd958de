import { describe, expect, it } from 'vitest';
import type { FederationWithSchools, User } from '@lianyan/shared';
import { checkInvite, inviteState, rolesFor, scopeOptions } from './model';

const user = (roles: User['roles']): User => ({ id: 'u-1', name: '测试', roles, createdAt: '2026-01-01T00:00:00.000Z' });
const school = (id: string, name: string, isCore = false) => ({ id, name, federationId: 'fed-1', stage: 'primary', rural: false, isCore });
const federation = {
  federation: { id: 'fed-1', name: '城东教共体' },
  schools: [school('sch-b', '东湖小学'), school('sch-a', '实验小学', true)],
} as unknown as FederationWithSchools;

describe('scopeOptions', () => {
  it('gives a school admin their school, named', () => {
    const options = scopeOptions(user([{ role: 'schoolAdmin', scope: { schoolId: 'sch-b' } }]), [federation]);
    expect(options.map((o) => [o.key, o.label])).toEqual([['school:sch-b', '东湖小学']]);
  });

  it('gives a federation admin the federation, then its schools core first', () => {
    const options = scopeOptions(user([{ role: 'federationAdmin', scope: { federationId: 'fed-1' } }]), [federation]);
    expect(options.map((o) => o.label)).toEqual(['城东教共体', '实验小学', '东湖小学']);
  });

  it('gives a district admin the district too, and falls back to ids without names', () => {
    const options = scopeOptions(user([{ role: 'districtAdmin', scope: {} }, { role: 'schoolAdmin', scope: { schoolId: 'sch-x' } }]), []);
    expect(options.map((o) => o.label)).toEqual(['学校 sch-x', '全区']);
  });
});

describe('rolesFor', () => {
  it('lists the roles a scope kind accepts', () => {
    expect(rolesFor('school')).toEqual(['teacher', 'parent', 'schoolAdmin']);
    expect(rolesFor('federation')).toEqual(['organizer', 'federationAdmin']);
    expect(rolesFor('district')).toEqual(['districtAdmin']);
  });
});

describe('checkInvite', () => {
  const form = { role: 'teacher' as const, maxUses: '30', expiresInDays: '7', note: ' 新入职 ' };

  it('builds the request from the form', () => {
    expect(checkInvite(form, { schoolId: 'sch-a' })).toEqual({
      ok: true,
      value: { role: 'teacher', scope: { schoolId: 'sch-a' }, maxUses: 30, expiresInDays: 7, note: '新入职' },
    });
  });

  it('reports out-of-range and non-numeric fields', () => {
    expect(checkInvite({ ...form, maxUses: '0', expiresInDays: '1.5' }, { schoolId: 'sch-a' })).toEqual({
      ok: false,
      errors: { maxUses: '可使用次数应为 1 到 1000 之间的整数', expiresInDays: '请填写有效天数（整数）' },
    });
  });
});

describe('inviteState', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  it('is used up, expired or active', () => {
    expect(inviteState({ uses: 1, maxUses: 1, expiresAt: '2026-04-01T00:00:00Z' }, now)).toBe('used_up');
    expect(inviteState({ uses: 0, maxUses: 1, expiresAt: '2026-02-01T00:00:00Z' }, now)).toBe('expired');
    expect(inviteState({ uses: 0, maxUses: 2, expiresAt: '2026-04-01T00:00:00Z' }, now)).toBe('active');
  });
});
