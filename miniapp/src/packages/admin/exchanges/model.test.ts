import { describe, expect, it } from 'vitest';
import type { ExchangeQuota, ExchangeRow, User } from '@lianyan/shared';
import { canAssess, canKeep, checkExchangeEdit, checkExchangeForm, editFormOf, emptyExchangeForm, quotaLines, rowSummary, semesterChoices, statusBadge, visibleFederations } from './model';

const user = (roles: User['roles']): Pick<User, 'roles'> => ({ roles });
const fedAdmin = user([{ role: 'federationAdmin', scope: { federationId: 'f1' } }]);
const hostAdmin = user([{ role: 'schoolAdmin', scope: { schoolId: 'host' } }]);
const row = (over: Partial<ExchangeRow> = {}): ExchangeRow => ({
  id: 'e1', federationId: 'f1', userId: 'u1', fromSchoolId: 'home', toSchoolId: 'host', kind: 'cadre', startDate: '2026-09-01', endDate: '2026-12-31',
  createdBy: 'a', createdAt: '', updatedAt: '', name: '张老师', fromSchoolName: '城区小学', toSchoolName: '乡村小学', subjects: [], titles: [], status: 'awaiting', ...over,
});

describe('交流轮岗 page model', () => {
  it('offers the semester now and the two before it', () => {
    expect(semesterChoices(new Date('2026-12-02T04:00:00Z'))).toEqual([
      { value: '2026-2027-1', label: '2026–2027 学年第一学期' },
      { value: '2025-2026-2', label: '2025–2026 学年第二学期' },
      { value: '2025-2026-1', label: '2025–2026 学年第一学期' },
    ]);
  });

  it('lets federation keepers register and the host school admin assess an ended exchange', () => {
    expect(canKeep(fedAdmin, 'f1')).toBe(true);
    expect(canKeep(fedAdmin, 'f2')).toBe(false);
    expect(canKeep(user([{ role: 'districtAdmin', scope: {} }]), 'f2')).toBe(true);
    expect(canKeep(hostAdmin, 'f1')).toBe(false);
    expect(canAssess(hostAdmin, row())).toBe(true);
    expect(canAssess(hostAdmin, row({ status: 'running' }))).toBe(false);
    expect(canAssess(user([{ role: 'schoolAdmin', scope: { schoolId: 'home' } }]), row())).toBe(false);
    const feds = [
      { federation: { id: 'f1', name: 'A', kind: 'group', district: '' }, schools: [], rules: {} },
      { federation: { id: 'f2', name: 'B', kind: 'group', district: '' }, schools: [{ id: 'host' }], rules: {} },
    ] as never;
    expect(visibleFederations(fedAdmin, feds).map((f) => f.federation.id)).toEqual(['f1']);
    expect(visibleFederations(hostAdmin, feds).map((f) => f.federation.id)).toEqual(['f2']);
  });

  it('shows the quota, the status and a one-line summary', () => {
    const quota: ExchangeQuota = { semester: '2026-2027-1', cadres: { done: 2, target: 2, met: true }, backbone: { done: 1, target: 3, met: false }, shadow: 1, awaitingAssessment: 1 };
    expect(quotaLines(quota).map((l) => [l.label, l.value, l.met])).toEqual([
      ['校干挂职交流', '2 / 2 人', true],
      ['骨干教师支教、走教', '1 / 3 人', false],
      ['跟岗学习', '1 人', undefined],
      ['待考核', '1 人次', undefined],
    ]);
    expect(statusBadge('awaiting')).toEqual({ label: '待考核', tone: 'warn' });
    expect(rowSummary(row())).toBe('城区小学 → 乡村小学 · 挂职 · 2026-09-01 至 2026-12-31');
  });

  it('checks the form before sending, with the API schema messages', () => {
    expect(emptyExchangeForm('2026-12-02')).toMatchObject({ startDate: '2026-12-02', endDate: '2027-04-01' });
    const empty = checkExchangeForm({ ...emptyExchangeForm('2026-12-02'), endDate: '' });
    expect(empty).toMatchObject({ ok: false, errors: { fromSchoolId: '请选择派出学校', userId: '请选择交流教师', toSchoolId: '请选择接收学校', kind: '请选择交流类型', endDate: '请选择结束日期' } });
    const base = { fromSchoolId: 'home', userId: 'u1', toSchoolId: 'host', kind: 'backbone' as const, startDate: '2026-12-02', duties: '' };
    expect(checkExchangeForm({ ...base, endDate: '2026-12-01' })).toEqual({ ok: false, errors: { endDate: '结束日期不能早于开始日期' } });
    expect(checkExchangeForm({ ...base, endDate: '2027-01-20', duties: ' 音乐走教 ' })).toEqual({
      ok: true,
      request: { fromSchoolId: 'home', userId: 'u1', toSchoolId: 'host', kind: 'backbone', startDate: '2026-12-02', endDate: '2027-01-20', duties: '音乐走教' },
    });
  });

  it('sends only what 修改交流 changed, checks the period as a whole and says when nothing changed', () => {
    const r = row({ duties: '分管教学' });
    expect(checkExchangeEdit(editFormOf(r), r)).toEqual({ ok: false, errors: {}, message: '没有修改任何内容' });
    expect(checkExchangeEdit({ ...editFormOf(r), endDate: '2027-01-15', duties: ' 分管教学 ' }, r)).toEqual({ ok: true, request: { endDate: '2027-01-15' } });
    expect(checkExchangeEdit({ ...editFormOf(r), kind: 'itinerant', duties: '' }, r)).toEqual({ ok: true, request: { kind: 'itinerant', duties: '' } });
    expect(checkExchangeEdit({ ...editFormOf(r), startDate: '2027-02-01' }, r)).toEqual({ ok: false, errors: { endDate: '结束日期不能早于开始日期' } });
    const long = checkExchangeEdit({ ...editFormOf(r), duties: '长'.repeat(501) }, r);
    expect(long.ok).toBe(false);
    expect(!long.ok && long.errors.duties).toContain('工作内容');
  });
});
