import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type FederationWithSchools, type Person, type School, type User } from '@lianyan/shared';
import {
  appendPage,
  checkNewPerson,
  checkPersonChange,
  emptyPersonForm,
  importPageUrl,
  initialSchoolId,
  managedSchools,
  personDetails,
  personFormOf,
  replacePerson,
  STATUS_BADGES,
  toggle,
} from './model';

const school = (id: string, federationId: string, over: Partial<School> = {}): School => ({ id, name: `${id}小学`, federationId, stage: 'primary', rural: false, isCore: false, ...over });
const fed = (id: string, schools: School[]): FederationWithSchools => ({ federation: { id, name: `${id}集团`, kind: 'group', district: '明湖区' }, schools, rules: DEFAULT_RULES });
const user = (roles: User['roles']): User => ({ id: 'u', name: '管理员', roles, createdAt: '2026-09-01T00:00:00Z' });
const person = (over: Partial<Person> = {}): Person => ({
  id: 'p1',
  name: '王晓燕',
  phoneMasked: '138****5678',
  position: 'teacher',
  subjects: ['语文'],
  grades: ['四年级'],
  titles: [],
  status: 'invited',
  schoolIds: ['a1'],
  admin: false,
  ...over,
});
const federations = [fed('fa', [school('a2', 'fa'), school('a1', 'fa', { isCore: true })]), fed('fb', [school('b1', 'fb')])];

describe('教师名册 page model', () => {
  it('offers the schools each admin keeps, core school first', () => {
    expect(managedSchools(user([{ role: 'districtAdmin', scope: {} }]), federations).map((s) => s.id)).toEqual(['a1', 'a2', 'b1']);
    expect(managedSchools(user([{ role: 'federationAdmin', scope: { federationId: 'fb' } }]), federations).map((s) => s.id)).toEqual(['b1']);
    const own = managedSchools(user([{ role: 'schoolAdmin', scope: { schoolId: 'a2' } }, { role: 'teacher', scope: { schoolId: 'a1' } }]), federations);
    expect(own).toEqual([{ id: 'a2', name: 'a2小学', federationName: 'fa集团' }]);
  });

  it('opens the school from the link only when the admin keeps it', () => {
    const schools = managedSchools(user([{ role: 'districtAdmin', scope: {} }]), federations);
    expect(initialSchoolId('b1', schools)).toBe('b1');
    expect(initialSchoolId('elsewhere', schools)).toBe('a1');
    expect(initialSchoolId(undefined, [])).toBeUndefined();
    expect(importPageUrl('sch 1')).toBe('/packages/admin/import/index?schoolId=sch%201');
  });

  it('appends pages without showing anyone twice and replaces a changed row', () => {
    const first = [person(), person({ id: 'p2', name: '李建华' })];
    expect(appendPage(first, [person({ id: 'p2' }), person({ id: 'p3' })]).map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(replacePerson(first, person({ id: 'p2', status: 'left' })).map((p) => p.status)).toEqual(['invited', 'left']);
  });

  it('shows status, position, subjects, grades and titles in Chinese', () => {
    expect([STATUS_BADGES.invited.label, STATUS_BADGES.active.label, STATUS_BADGES.left.label]).toEqual(['待登录', '已登录', '已离校']);
    expect(personDetails(person({ position: 'dean', subjects: ['语文', '数学'], titles: ['backbone'] }))).toEqual(['教导主任', '语文、数学', '四年级', '骨干教师']);
    expect(personDetails(person({ position: undefined, subjects: [], grades: [] }))).toEqual([]);
    expect(toggle(['语文'], '数学')).toEqual(['语文', '数学']);
    expect(toggle(['语文', '数学'], '语文')).toEqual(['数学']);
  });

  it('checks a new teacher with the API schema, phone spaces dropped', () => {
    expect(checkNewPerson({ ...emptyPersonForm(), name: '王晓燕', phone: '12345' })).toEqual({ ok: false, errors: { phone: '请填写 11 位手机号' } });
    expect(checkNewPerson({ ...emptyPersonForm(), name: '', phone: '13800001111' })).toMatchObject({ ok: false, errors: { name: expect.any(String) } });
    expect(checkNewPerson({ ...emptyPersonForm(), name: ' 王晓燕 ', phone: '138 0000 1111', subjects: ['语文'], titles: ['famous'] })).toEqual({
      ok: true,
      request: { name: '王晓燕', phone: '13800001111', position: 'teacher', subjects: ['语文'], grades: [], titles: ['famous'] },
    });
  });

  it('sends only what changed; a blank phone keeps the number on file', () => {
    const current = person();
    expect(checkPersonChange(current, personFormOf(current))).toEqual({ ok: true, request: {} });
    const form = { ...personFormOf(current), position: 'group_leader' as const, grades: ['四年级', '五年级'], phone: '139-0000-2222' };
    expect(checkPersonChange(current, form)).toEqual({ ok: true, request: { position: 'group_leader', grades: ['四年级', '五年级'], phone: '13900002222' } });
    expect(checkPersonChange(current, { ...personFormOf(current), phone: '1' })).toMatchObject({ ok: false, errors: { phone: expect.any(String) } });
  });
});
