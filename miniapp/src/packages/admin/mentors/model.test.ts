import { describe, expect, it } from 'vitest';
import { checkPair, pairTitle, quotaLine, schoolYearChoices } from './model';

describe('师徒结对 admin model', () => {
  it('offers this school year and the one before', () => {
    expect(schoolYearChoices(new Date('2026-12-02T10:00:00Z'))).toEqual(['2026-2027', '2025-2026']);
    expect(schoolYearChoices(new Date('2027-03-01T10:00:00Z'))).toEqual(['2026-2027', '2025-2026']);
  });

  it('counts pairs against the rule', () => {
    expect(quotaLine(1, 2)).toEqual({ text: '已结对 1 对 / 每学期要求 2 对', met: false });
    expect(quotaLine(3, 2).met).toBe(true);
    expect(pairTitle({ mentor: { id: 'a', name: '王' }, mentee: { id: 'b', name: '李' } })).toBe('王 → 李');
  });

  it('checks a registration before sending', () => {
    const base = { mentorId: 'u1', menteeId: 'u2', subject: ' 数学 ', schoolYear: '2026-2027', goals: '' };
    expect(checkPair(base)).toEqual({ ok: true, value: { mentorId: 'u1', menteeId: 'u2', subject: '数学', schoolYear: '2026-2027' } });
    expect(checkPair({ ...base, mentorId: '' })).toEqual({ ok: false, error: '请选择师傅' });
    expect(checkPair({ ...base, menteeId: '' })).toEqual({ ok: false, error: '请选择徒弟' });
    expect(checkPair({ ...base, menteeId: 'u1' })).toEqual({ ok: false, error: '师傅和徒弟不能是同一个人' });
    expect(checkPair({ ...base, subject: ' ' })).toEqual({ ok: false, error: '请填写学科' });
  });
});
