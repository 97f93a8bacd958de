import { describe, expect, it } from 'vitest';
import type { FederationWithSchools, School, User } from '@lianyan/shared';
import { DEFAULT_RULES } from '@lianyan/shared';
import { checkNewFederation, checkNewSchool, checkRules, checkSchoolChange, emptySchoolForm, pendingMoveText, permissions, rulesFormOf, schoolFormOf, setupGaps } from './model';

const school = (over: Partial<School> = {}): School => ({ id: 's1', name: '城西小学', federationId: 'f1', stage: 'primary', rural: false, isCore: true, ...over });
const fed = (schools: School[]): FederationWithSchools => ({ federation: { id: 'f1', name: '城西教育集团', kind: 'group', district: '明湖区' }, schools, rules: DEFAULT_RULES });
const user = (roles: User['roles']): User => ({ id: 'u', name: '管理员', roles, createdAt: '2026-09-01T00:00:00Z' });

describe('organisation page model', () => {
  it('gives federations to the district, schools to their federation, places to the school admin too', () => {
    const district = permissions(user([{ role: 'districtAdmin', scope: {} }]));
    expect(district.createFederation).toBe(true);
    expect(district.runsFederation('any')).toBe(true);
    const fedAdmin = permissions(user([{ role: 'federationAdmin', scope: { federationId: 'f1' } }]));
    expect([fedAdmin.createFederation, fedAdmin.runsFederation('f1'), fedAdmin.runsFederation('f2')]).toEqual([false, true, false]);
    const schoolAdmin = permissions(user([{ role: 'schoolAdmin', scope: { schoolId: 's1' } }]));
    expect([schoolAdmin.runsFederation('f1'), schoolAdmin.placesSchool(school()), schoolAdmin.placesSchool(school({ id: 's2' }))]).toEqual([false, true, false]);
  });

  it('names a pending move by the school year it takes effect from and the federation it goes to; only the district cancels it', () => {
    const move = { federationId: 'f1', fromSchoolYear: '2027-2028', requestedBy: 'u', requestedAt: '2026-12-01T00:00:00Z' };
    expect(pendingMoveText(move, [fed([])])).toBe('将于 2027学年 转入「城西教育集团」');
    expect(pendingMoveText({ ...move, federationId: 'f9' }, [fed([])])).toBe('将于 2027学年 转入另一个校联体');
    expect(permissions(user([{ role: 'districtAdmin', scope: {} }])).movesSchools).toBe(true);
    expect(permissions(user([{ role: 'federationAdmin', scope: { federationId: 'f1' } }])).movesSchools).toBe(false);
  });

  it('lists what is missing until nothing is', () => {
    expect(setupGaps([]).map((g) => g.key)).toEqual(['no-federation']);
    expect(setupGaps([fed([])])[0]?.text).toMatch(/还没有学校/);
    expect(setupGaps([fed([school({ isCore: false })])]).map((g) => g.text)).toEqual([expect.stringMatching(/核心校/), expect.stringMatching(/1 所学校未设置位置/)]);
    expect(setupGaps([fed([school({ location: { lat: 30, lng: 120 } })])])).toEqual([]);
  });

  it('checks a new school with the API schema and Chinese messages', () => {
    expect(checkNewSchool({ ...emptySchoolForm(), name: '一' })).toEqual({ ok: false, errors: { name: expect.stringMatching(/至少 2 个字/) } });
    expect(checkNewSchool({ ...emptySchoolForm(), name: '城西小学', lat: '30' })).toEqual({ ok: false, errors: { location: '纬度和经度要一起填写' } });
    const bad = checkNewSchool({ ...emptySchoolForm(), name: '城西小学', lat: '99', lng: '120' });
    expect(bad.ok).toBe(false);
    const good = checkNewSchool({ ...emptySchoolForm(), name: ' 城西小学 ', rural: true, lat: '30.5', lng: '120.1', address: '城西路 1 号' });
    expect(good).toEqual({ ok: true, request: { name: '城西小学', stage: 'primary', rural: true, isCore: false, address: '城西路 1 号', location: { lat: 30.5, lng: 120.1 } } });
  });

  it('sends only what changed, null for what was cleared, and structural fields only when allowed', () => {
    const current = school({ address: '旧地址', location: { lat: 30, lng: 120 }, isCore: false });
    const form = { ...schoolFormOf(current), name: '新名字小学', address: '', lat: '', lng: '', isCore: true };
    expect(checkSchoolChange(current, form, true)).toEqual({ ok: true, request: { name: '新名字小学', isCore: true, address: null, location: null } });
    expect(checkSchoolChange(current, form, false)).toEqual({ ok: true, request: { address: null, location: null } });
    expect(checkSchoolChange(current, schoolFormOf(current), true)).toEqual({ ok: true, request: {} });
  });

  it('checks a new federation', () => {
    expect(checkNewFederation('城西教育集团', 'group')).toEqual({ ok: true, request: { name: '城西教育集团', kind: 'group' } });
    expect(checkNewFederation('城', 'group')).toMatchObject({ ok: false, error: expect.stringMatching(/至少 2 个字/) });
  });

  it('学期指标: shows the two 交流轮岗 targets, sends only what changed, and keeps the API bounds', () => {
    const form = rulesFormOf(DEFAULT_RULES);
    expect(form).toMatchObject({ exchangeCadresPerSemester: '2', exchangeBackbonePerSemester: '3', mentorPairsPerSemester: '2' });
    expect(checkRules(form, DEFAULT_RULES)).toEqual({ ok: false, errors: {}, message: '没有修改任何指标' });
    expect(checkRules({ ...form, exchangeCadresPerSemester: '4', exchangeBackbonePerSemester: ' 5 ' }, DEFAULT_RULES)).toEqual({
      ok: true,
      request: { exchangeCadresPerSemester: 4, exchangeBackbonePerSemester: 5 },
    });
    const bad = checkRules({ ...form, exchangeCadresPerSemester: '101', exchangeBackbonePerSemester: '1.5', mentorPairsPerSemester: '' }, DEFAULT_RULES);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.mentorPairsPerSemester).toBe('请填写师徒结对的数量');
    const numbers = checkRules({ ...form, exchangeCadresPerSemester: '101', exchangeBackbonePerSemester: '1.5' }, DEFAULT_RULES);
    expect(numbers.ok || numbers.errors).toEqual({
      exchangeCadresPerSemester: '每学期校干挂职交流人数应为 0 到 100 之间的整数',
      exchangeBackbonePerSemester: '每学期骨干教师支教走教人数应为 0 到 100 之间的整数',
    });
  });
});
