import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type FederationWithSchools, type User } from '@lianyan/shared';
import { hostSchoolsFor, sessionHostSchools } from './scope';

const school = (id: string) => ({ id, name: id, federationId: 'f', stage: 'primary' as const, rural: false, isCore: id === 'a' });
const federation: FederationWithSchools = { federation: { id: 'f', name: '城东', kind: 'alliance', district: '明湖区' }, schools: [school('a'), school('b'), school('c')], rules: DEFAULT_RULES };
const user = (roles: User['roles']): User => ({ id: 'u', name: '王老师', roles, createdAt: '2026-09-01T00:00:00.000Z' });

describe('host schools of the session form', () => {
  it('offers every school to federation-wide roles and a school admin their own', () => {
    expect(sessionHostSchools(user([{ role: 'organizer', scope: { federationId: 'f' } }]), federation).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(sessionHostSchools(user([{ role: 'schoolAdmin', scope: { schoolId: 'b' } }, { role: 'teacher', scope: { schoolId: 'c' } }]), federation).map((s) => s.id)).toEqual(['b']);
  });

  it('offers a group leader (a teacher) the schools they teach at, where the plain rule offers none', () => {
    const leader = user([{ role: 'teacher', scope: { schoolId: 'c' } }]);
    expect(hostSchoolsFor(leader, federation)).toEqual([]);
    expect(sessionHostSchools(leader, federation).map((s) => s.id)).toEqual(['c']);
  });
});
