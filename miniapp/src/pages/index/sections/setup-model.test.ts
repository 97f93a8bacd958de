import { describe, expect, it } from 'vitest';
import type { SetupSchoolStatus, SetupStatus } from '@lianyan/shared';
import { setupSummary } from './setup-model';

const school = (id: string, over: Partial<SetupSchoolStatus> = {}): SetupSchoolStatus => ({
  id,
  name: `${id}小学`,
  isCore: false,
  admins: 1,
  adminInvites: 0,
  teachers: { invited: 0, active: 10 },
  classes: 12,
  ...over,
});
const status = (federations: SetupStatus['federations']): SetupStatus => ({ schoolYear: '2026-2027', federations });
const fed = (id: string, schools: SetupSchoolStatus[], groups = 2) => ({
  federation: { id, name: `${id}集团`, kind: 'group' as const },
  ...(schools.some((s) => s.isCore) ? { coreSchoolId: schools.find((s) => s.isCore)!.id } : {}),
  schools,
  groups,
});

describe('the district admin’s setup card', () => {
  it('starts with the first federation to create', () => {
    expect(setupSummary(status([])).missing).toEqual([{ key: 'federations', text: '还没有校联体', url: '/packages/admin/organization/index', action: '新建校联体' }]);
  });

  it('adds up the district and says nothing is missing when all is set up', () => {
    const summary = setupSummary(status([fed('a', [school('a1', { isCore: true }), school('a2', { teachers: { invited: 3, active: 4 } })]), fed('b', [school('b1', { isCore: true })], 1)]));
    expect(summary).toEqual({ federations: 2, schools: 3, teachers: { invited: 3, active: 24 }, groups: 3, classes: 36, missing: [] });
  });

  it('names what is missing, in the order a district sets itself up, with where to fix it', () => {
    const schools = [
      school('a1'),
      school('a2', { admins: 0, adminInvites: 1 }),
      school('a3', { admins: 0, teachers: { invited: 0, active: 0 }, classes: 0 }),
    ];
    const summary = setupSummary(status([fed('a', schools, 0), fed('b', [])]));
    expect(summary.missing.map((m) => [m.key, m.url])).toEqual([
      ['a-core', '/packages/admin/organization/index'],
      ['a-admins', '/packages/admin/invites/index'],
      ['a-teachers', '/packages/admin/people/index?schoolId=a3'],
      ['a-groups', '/packages/admin/groups/index'],
      ['a-classes', '/packages/admin/classes/index'],
      ['b-schools', '/packages/admin/organization/index'],
    ]);
    expect(summary.missing.find((m) => m.key === 'a-admins')?.text).toBe('「a集团」的 a3小学 没有学校管理员或邀请');
    expect(summary.missing.find((m) => m.key === 'a-classes')?.text).toContain('2026–2027 学年的班级');
  });

  it('counts the rest when many schools lack the same thing', () => {
    const many = ['s1', 's2', 's3', 's4', 's5'].map((id, i) => school(id, { isCore: i === 0, admins: 0 }));
    expect(setupSummary(status([fed('a', many)])).missing[0]?.text).toBe('「a集团」的 s1小学、s2小学、s3小学 等 5 所 没有学校管理员或邀请');
  });
});
