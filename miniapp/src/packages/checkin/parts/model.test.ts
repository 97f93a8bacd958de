import { describe, expect, it } from 'vitest';
import { cellLabel, newRequestId, requirementLine, textLength } from './model';

describe('check-in page helpers', () => {
  it('says what a campaign asks for in one line', () => {
    expect(requirementLine({ period: 'monthly', requiredCount: 3, minTextLength: 50, minPhotos: 1, makeupAllowance: 1 })).toBe('每月打卡 · 共需 3 次 · 至少 50 字、1 张照片 · 可补卡 1 次');
    expect(requirementLine({ period: 'daily', requiredCount: 21, minTextLength: 0, minPhotos: 0, makeupAllowance: 0 })).toBe('每天打卡 · 共需 21 次');
  });
  it('labels calendar cells briefly', () => {
    expect(cellLabel('daily', '2026-11-05', '2026-11-05')).toBe('5');
    expect(cellLabel('weekly', '2026-W48', '2026-11-23')).toBe('11/23');
    expect(cellLabel('monthly', '2027-01', '2027-01-01')).toBe('1月');
    expect(cellLabel('semester', '2026-2027-1', '2026-09-01')).toBe('2026–2027学年第一学期');
  });
  it('counts characters the way the server does and makes request ids the API accepts', () => {
    expect(textLength('  读书😀  ')).toBe(3);
    expect(newRequestId()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
