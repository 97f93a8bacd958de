import { describe, expect, it } from 'vitest';
import type { FederationWithSchools, User } from '@lianyan/shared';
import { rate, reportSchools, semesterChoices } from './model';

const federation = {
  federation: { id: 'f1', name: '城东教共体', kind: 'alliance', coreSchoolId: 's-core', district: '明湖区' },
  schools: [
    { id: 's-b', name: '东湖小学', federationId: 'f1', stage: 'primary', rural: false, isCore: false },
    { id: 's-core', name: '实验小学', federationId: 'f1', stage: 'primary', rural: false, isCore: true },
  ],
  rules: {} as FederationWithSchools['rules'],
} as FederationWithSchools;
const user = (roles: User['roles']): User => ({ id: 'u1', name: '管理员', roles, createdAt: '2026-01-01T00:00:00Z' });

describe('parent-school report model', () => {
  it('offers a school admin their school, a federation admin every school of the federation, core school first', () => {
    expect(reportSchools(user([{ role: 'schoolAdmin', scope: { schoolId: 's-b' } }]), [federation])).toEqual([{ id: 's-b', name: '东湖小学' }]);
    expect(reportSchools(user([{ role: 'federationAdmin', scope: { federationId: 'f1' } }]), [federation]).map((s) => s.id)).toEqual(['s-core', 's-b']);
    expect(reportSchools(user([{ role: 'teacher', scope: { schoolId: 's-b' } }]), [federation])).toEqual([]);
  });

  it('lists this semester and the two before it in Chinese', () => {
    expect(semesterChoices(new Date('2026-11-20T00:00:00Z'))).toEqual([
      { value: '2026-2027-1', label: '2026–2027 学年第一学期' },
      { value: '2025-2026-2', label: '2025–2026 学年第二学期' },
      { value: '2025-2026-1', label: '2025–2026 学年第一学期' },
    ]);
    expect(semesterChoices(new Date('2027-03-01T00:00:00Z'))[0]?.value).toBe('2026-2027-2');
  });

  it('shows a rate with its counts', () => {
    expect(rate(3, 4)).toBe('3/4（75%）');
    expect(rate(0, 0)).toBe('—');
  });
});
