import { describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '@lianyan/shared';
import '@/setup/zod';
import { charCount, checkForm, emptyValues, firstErrors, KIND_FIELDS, valuesFromEntry } from './form';

describe('emptyValues', () => {
  it('starts every field of the kind blank, the date given and no stars', () => {
    expect(emptyValues('lesson_observation', '2026-11-23')).toEqual({
      date: '2026-11-23',
      note: '',
      observedTeacher: '',
      observedSchool: '',
      subject: '',
      grade: '',
      className: '',
      topic: '',
      rating: '0',
      comments: '',
    });
  });
});

describe('checkForm', () => {
  it('builds a training entry with hours as a number, leaving out blank optional fields', () => {
    const values = { ...emptyValues('training', '2026-11-20'), title: ' 新课标解读 ', provider: '区教师发展中心', hours: '3.5' };
    expect(checkForm('training', values, ['up-1'])).toEqual({
      ok: true,
      input: { kind: 'training', date: '2026-11-20', title: '新课标解读', provider: '区教师发展中心', hours: 3.5, evidence: ['up-1'] },
    });
  });

  it('says what to do about blank hours, a missing level and a missing rating', () => {
    expect(checkForm('training', { ...emptyValues('training', '2026-11-20'), title: '培训', provider: '机构' }, [])).toEqual({
      ok: false,
      errors: { hours: '请填写学时' },
    });
    const award = checkForm('award', { ...emptyValues('award', '2026-11-20'), title: '优质课一等奖', issuer: '区教育局' }, []);
    expect(award).toEqual({ ok: false, errors: { level: '请选择级别' } });
    const observation = checkForm('lesson_observation', emptyValues('lesson_observation', '2026-11-20'), []);
    expect(observation.ok).toBe(false);
    if (!observation.ok) {
      expect(observation.errors.rating).toBe('请点选星级');
      expect(observation.errors.observedTeacher).toBe('请填写授课教师');
      expect(observation.errors.comments).toBe('评课意见至少 30 个字');
    }
  });

  it('passes the shared schema’s own messages: too many hours, a short reflection, non-numbers', () => {
    const tooMany = checkForm('training', { ...emptyValues('training', '2026-11-20'), title: '培训', provider: '机构', hours: '300' }, []);
    expect(tooMany).toEqual({ ok: false, errors: { hours: '培训学时应在 0.1 到 200 之间，最多保留一位小数' } });
    const notNumber = checkForm('training', { ...emptyValues('training', '2026-11-20'), title: '培训', provider: '机构', hours: '三' }, []);
    expect(notNumber.ok === false && notNumber.errors.hours).toBe('学时应为数字');
    const reading = checkForm('reading', { ...emptyValues('reading', '2026-11-20'), book: '给教师的建议', reflection: '很有收获。'.repeat(5) }, []);
    expect(reading).toEqual({ ok: false, errors: { reflection: '读书心得至少 100 个字' } });
  });

  it('needs a date, and checks the evidence count', () => {
    const values = { ...emptyValues('other', ''), title: '校园开放日讲解' };
    expect(checkForm('other', values, [])).toEqual({ ok: false, errors: { date: '请选择日期' } });
    const tooMany = checkForm('other', { ...values, date: '2026-11-20' }, Array.from({ length: 10 }, (_, i) => `up-${i}`));
    expect(tooMany).toEqual({ ok: false, errors: { evidence: '证明材料最多 9 个' } });
  });

  it('lets an optional level be left out and unpicked again', () => {
    const values = { ...emptyValues('paper', '2026-11-20'), title: '作业设计的实践', publication: '小学教学研究' };
    expect(checkForm('paper', values, []).ok).toBe(true);
    expect(checkForm('paper', { ...values, level: 'city' }, [])).toMatchObject({ ok: true, input: { level: 'city' } });
  });
});

describe('valuesFromEntry', () => {
  it('fills the form of an entered entry, numbers as text', () => {
    const entry = {
      id: 'e1',
      userId: 'u-1',
      source: 'entered',
      status: 'rejected',
      kind: 'training',
      title: '新课标解读',
      provider: '区教师发展中心',
      hours: 3.5,
      date: '2026-11-20',
      note: '线上',
      evidence: [],
      evidenceFiles: [],
      createdAt: '2026-11-20T00:00:00.000Z',
      updatedAt: '2026-11-20T00:00:00.000Z',
    } as unknown as ArchiveEntry;
    expect(valuesFromEntry(entry)).toEqual({
      date: '2026-11-20',
      note: '线上',
      title: '新课标解读',
      provider: '区教师发展中心',
      hours: '3.5',
      certificateNo: '',
    });
  });
});

describe('form helpers', () => {
  it('counts characters as the schema does, after trimming', () => {
    expect(charCount('  听课很有收获  ')).toBe(6);
  });

  it('takes the first API message of each field', () => {
    expect(firstErrors({ hours: ['学时应大于 0', 'x'], title: [] })).toEqual({ hours: '学时应大于 0' });
  });

  it('labels every field of every kind and gives text fields the schema’s limit', () => {
    for (const fields of Object.values(KIND_FIELDS)) {
      for (const field of fields) {
        expect(field.label).not.toBe('');
        if (field.type === 'text' || field.type === 'textarea') expect(field.max).toBeGreaterThan(0);
      }
    }
  });
});
