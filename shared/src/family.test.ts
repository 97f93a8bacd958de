import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { BindChildRequest, compareClasses, compareGrades, gradeOfClass, maskPhone, schoolYearOf, semesterRange, SessionInput } from './index.ts';

describe('gradeOfClass', () => {
  it('reads the grade of class names as schools write them', () => {
    expect(gradeOfClass('一年级(2)班')).toBe('一年级');
    expect(gradeOfClass('3年级1班')).toBe('三年级');
    expect(gradeOfClass('初二（3）班')).toBe('初二');
    expect(gradeOfClass('高三1班')).toBe('高三');
    expect(gradeOfClass('大班')).toBe('大班');
    expect(gradeOfClass('火箭班')).toBeUndefined();
  });

  it('orders grades and classes the school way', () => {
    expect(['一年级', '大班', '初一', '三年级', '小班'].sort(compareGrades)).toEqual(['小班', '大班', '一年级', '三年级', '初一']);
    const classes = ['一年级(10)班', '一年级(2)班'].map((className) => ({ grade: '一年级', className }));
    expect(classes.sort(compareClasses).map((c) => c.className)).toEqual(['一年级(2)班', '一年级(10)班']);
  });
});

describe('BindChildRequest', () => {
  it('normalises the invite code and accepts an optional name and phone', () => {
    expect(BindChildRequest.parse({ inviteCode: ' jzxx2026 ', childName: ' 小雨 ', className: '一年级(2)班', phone: '13812345678', guardianConsent: true })).toEqual({
      inviteCode: 'JZXX2026',
      childName: '小雨',
      className: '一年级(2)班',
      phone: '13812345678',
      guardianConsent: true,
    });
  });

  it('says in Chinese what is wrong with each field', () => {
    const result = BindChildRequest.safeParse({ inviteCode: 'AB', childName: '', className: '火箭班', phone: '12345' });
    expect(z.flattenError(result.error!).fieldErrors).toEqual({
      inviteCode: ['邀请码为 8 位字母或数字'],
      childName: ['请填写孩子姓名'],
      className: ['请按「一年级(2)班」「初二(3)班」「大班」的格式填写班级'],
      phone: ['请填写 11 位手机号'],
      guardianConsent: ['请确认你是孩子的监护人，并同意按《隐私政策》保存孩子的姓名和班级'],
    });
    expect(BindChildRequest.safeParse({ inviteCode: 'JZXX2026', childName: '小雨', className: '一年级(2)班', guardianConsent: false }).success).toBe(false);
  });

  it('takes a child\'s name in letters, with a middle dot, and refuses emoji and symbols', () => {
    const bind = (childName: string) => BindChildRequest.safeParse({ inviteCode: 'JZXX2026', childName, className: '一年级(2)班', guardianConsent: true });
    for (const name of ['王小雨', '阿依古丽·买买提', 'Anna Li', '𠮷祥']) expect(bind(name).success, name).toBe(true);
    for (const name of ['😀', '小雨😀', '★', '123']) {
      expect(bind(name).error?.issues[0]?.message, name).toBe('孩子姓名请填写汉字或字母（少数民族姓名可用间隔号「·」），不能含表情或符号');
    }
  });
});

describe('phones and school years', () => {
  it('masks a phone number to its first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('123')).toBe('****');
  });

  it('starts the school year on 1 Sep in Shanghai', () => {
    expect(schoolYearOf('2026-08-31T15:59:59Z')).toBe('2025-2026');
    expect(schoolYearOf('2026-08-31T16:00:00Z')).toBe('2026-2027');
    expect(schoolYearOf('2027-03-01T00:00:00Z')).toBe('2026-2027');
  });

  it('gives a semester’s range in UTC', () => {
    expect(semesterRange('2026-2027-1')).toEqual({ from: '2026-08-31T16:00:00.000Z', to: '2027-01-31T15:59:59.999Z' });
    expect(semesterRange('2026-2027-2')).toEqual({ from: '2027-01-31T16:00:00.000Z', to: '2027-08-31T15:59:59.999Z' });
    expect(() => semesterRange('2026')).toThrow();
  });
});

describe('family fields on a session', () => {
  it('accepts a speaker, a topic, an online link and materials, and refuses a link that is not http(s)', () => {
    const base = { kind: 'family_education', mode: 'online', title: '线上讲座', hostSchoolId: 's1', startAt: '2026-11-23T02:00:00Z', endAt: '2026-11-23T03:00:00Z', creditHours: 1, audience: { type: 'parents', schoolIds: ['s1'] } };
    const ok = SessionInput.safeParse({ ...base, speaker: '周老师', topic: 'primary_junior', onlineUrl: 'https://live.example.cn/1', materials: [{ title: '课件', url: 'https://f.example.cn/a.pdf', kind: 'slides' }], waitlist: false });
    expect(ok.success).toBe(true);
    const bad = SessionInput.safeParse({ ...base, onlineUrl: 'javascript:alert(1)' });
    expect(z.flattenError(bad.error!).fieldErrors.onlineUrl).toEqual(['请填写以 http 或 https 开头的直播链接']);
  });
});
