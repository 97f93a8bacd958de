import { describe, expect, it } from 'vitest';
import type { User } from '@lianyan/shared';
import { barWidth, countsText, defaultScope, exchangesMet, fileBase, leadersByUrgency, monthLabel, percent, quotaText, semesterOptions, shortSemester, signed } from './model';

const user = (roles: User['roles']): User => ({ id: 'u-1', name: '测试', roles, createdAt: '2026-01-01T00:00:00Z' }) as User;

describe('report page model', () => {
  it('formats rates, bars and changes', () => {
    expect(percent(0.8734)).toBe('87.3%');
    expect(percent(null)).toBe('—');
    expect(barWidth(45, 90)).toBe(50);
    expect(barWidth(120, 100)).toBe(100);
    expect(barWidth(null, 100)).toBe(0);
    expect(signed(3.5)).toBe('+3.5');
    expect(signed(-2)).toBe('-2');
    expect(signed(null)).toBe('—');
    expect(monthLabel('2027-01')).toBe('1月');
  });

  it('offers this semester and the ones before', () => {
    expect(semesterOptions(new Date('2026-11-23T04:00:00Z'))).toEqual(['2026-2027-1', '2025-2026-2', '2025-2026-1', '2024-2025-2']);
    expect(shortSemester('2025-2026-2')).toBe('2025–2026 第二学期');
    expect(fileBase('城东 教共体', '2026-2027-1')).toBe('城东-教共体-2026-2027-1学期-报表');
  });

  it('opens the report of the link, else the widest scope administered', () => {
    expect(defaultScope(null, { scope: 'school', id: 'sch-1' })).toEqual({ kind: 'school', id: 'sch-1' });
    expect(defaultScope(user([{ role: 'districtAdmin', scope: {} }]), {})).toEqual({ kind: 'district' });
    expect(defaultScope(user([{ role: 'schoolAdmin', scope: { schoolId: 'sch-2' } }, { role: 'federationAdmin', scope: { federationId: 'fed-1' } }]), {})).toEqual({
      kind: 'federation',
      id: 'fed-1',
    });
    expect(defaultScope(user([{ role: 'schoolAdmin', scope: { schoolId: 'sch-2' } }]), {})).toEqual({ kind: 'school', id: 'sch-2' });
    expect(defaultScope(user([{ role: 'teacher', scope: { schoolId: 'sch-2' } }]), {})).toBeNull();
  });

  it('words the 交流轮岗 quota: a line, both lines met, people by line', () => {
    expect(quotaText({ done: 1, target: 2 })).toBe('1/2 人');
    expect(exchangesMet({ cadres: { met: true }, backbone: { met: false } })).toBe(false);
    expect(exchangesMet({ cadres: { met: true }, backbone: { met: true } })).toBe(true);
    expect(countsText({ cadres: 1, backbone: 2, shadow: 0 })).toBe('挂职 1 · 支教走教 2 · 跟岗 0');
  });

  it('puts the leaders behind their plan first, then those below target, then those who met it', () => {
    const leader = (name: string, schoolName: string, onTrack: boolean, met: boolean) => ({ name, schoolName, onTrack, met });
    const sorted = leadersByUrgency([leader('甲', '东校', true, true), leader('乙', '西校', true, false), leader('丙', '西校', false, false), leader('丁', '东校', false, false)]);
    expect(sorted.map((l) => l.name)).toEqual(['丁', '丙', '乙', '甲']);
  });
});
