import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type FederationWithSchools, type School, type User } from '@lianyan/shared';
import { addBulk, byGrade, gradesFor, isChanged, manageableSchools, remove, rename, requestOf, sortClasses, yearChoices } from './model';

const school = (id: string, over: Partial<School> = {}): School => ({ id, name: `学校${id}`, federationId: 'f1', stage: 'primary', rural: false, isCore: false, ...over });
const fed = (id: string, schools: School[]): FederationWithSchools => ({ federation: { id, name: `校联体${id}`, kind: 'group', district: '明湖区' }, schools, rules: DEFAULT_RULES });
const user = (roles: User['roles']): User => ({ id: 'u', name: '管理员', roles, createdAt: '2026-09-01T00:00:00Z' });
const feds = [fed('f1', [school('b'), school('a', { isCore: true })]), fed('f2', [school('c', { federationId: 'f2' })])];

describe('班级管理 page model', () => {
  it('offers the district every school, a federation admin its federation’s (core first), a school admin its own', () => {
    expect(manageableSchools(user([{ role: 'districtAdmin', scope: {} }]), feds).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(manageableSchools(user([{ role: 'federationAdmin', scope: { federationId: 'f1' } }]), feds).map((s) => s.id)).toEqual(['a', 'b']);
    expect(manageableSchools(user([{ role: 'schoolAdmin', scope: { schoolId: 'c' } }]), feds)).toEqual([{ id: 'c', name: '学校c', stage: 'primary', federationName: '校联体f2' }]);
    expect(manageableSchools(user([{ role: 'teacher', scope: { schoolId: 'a' } }]), feds)).toEqual([]);
  });

  it('offers this school year and the next, turning on 1 September in Shanghai', () => {
    expect(yearChoices(new Date('2026-08-31T15:59:00Z')).map((y) => y.value)).toEqual(['2025-2026', '2026-2027']);
    expect(yearChoices(new Date('2026-08-31T16:00:00Z')).map((y) => y.value)).toEqual(['2026-2027', '2027-2028']);
    expect(gradesFor('junior')).toContain('初一');
  });

  it('adds classes in bulk after the grade’s highest number, within bounds', () => {
    const first = addBulk([], '一年级', '3');
    expect(first).toEqual({ ok: true, names: ['一年级(1)班', '一年级(2)班', '一年级(3)班'] });
    const more = addBulk(['一年级(1)班', '一年级(9)班', '二年级(1)班'], '一年级', '2');
    expect(more.ok && more.names).toEqual(['一年级(1)班', '一年级(9)班', '一年级(10)班', '一年级(11)班', '二年级(1)班']);
    expect(addBulk([], '', '2')).toEqual({ ok: false, error: '请先选择年级' });
    for (const bad of ['0', '31', '1.5', '', 'abc']) expect(addBulk([], '一年级', bad).ok).toBe(false);
    expect(addBulk(Array.from({ length: 299 }, (_, i) => `一年级(${i + 1})班`), '二年级', '2')).toMatchObject({ ok: false, error: expect.stringMatching(/300/) });
  });

  it('renames onto a well-formed, unused name and removes', () => {
    expect(rename(['一年级(1)班', '一年级(2)班'], '一年级(2)班', ' 一年级（实验）班 ')).toEqual({ ok: true, names: ['一年级(1)班', '一年级(实验)班'] });
    expect(rename(['一年级(1)班', '一年级(2)班'], '一年级(2)班', '一年级(1)班')).toMatchObject({ ok: false, error: expect.stringMatching(/已有/) });
    expect(rename(['一年级(1)班'], '一年级(1)班', '火箭班')).toMatchObject({ ok: false, error: expect.stringMatching(/格式/) });
    expect(remove(['一年级(1)班', '一年级(2)班'], '一年级(1)班')).toEqual(['一年级(2)班']);
  });

  it('groups by grade in school order, tells a changed draft, and builds the request the API checks', () => {
    expect(sortClasses(['二年级(1)班', '一年级(10)班', '一年级(2)班'])).toEqual(['一年级(2)班', '一年级(10)班', '二年级(1)班']);
    expect(byGrade(['二年级(1)班', '一年级(2)班'])).toEqual([
      { grade: '一年级', classes: ['一年级(2)班'] },
      { grade: '二年级', classes: ['二年级(1)班'] },
    ]);
    expect(isChanged(['一年级(1)班', '一年级(2)班'], ['一年级(2)班', '一年级(1)班'])).toBe(false);
    expect(isChanged(['一年级(1)班'], ['一年级(1)班', '一年级(2)班'])).toBe(true);
    expect(requestOf('2026-2027', ['一年级(1)班'])).toEqual({ ok: true, request: { schoolYear: '2026-2027', classes: [{ grade: '一年级', name: '一年级(1)班' }] } });
    expect(requestOf('2026-2028', []).ok).toBe(false);
  });
});
