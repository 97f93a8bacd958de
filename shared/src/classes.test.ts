import { describe, expect, it } from 'vitest';
import { ClassEntry, PutClassesRequest, classNameInGrade, currentSchoolYear, isNineYear, nextGrade, nextSchoolYear, previousSchoolYear } from './classes.ts';

describe('school years', () => {
  it('turns on 1 September in Shanghai (16:00 UTC the day before)', () => {
    expect(currentSchoolYear(new Date('2027-08-31T15:59:59Z'))).toBe('2026-2027');
    expect(currentSchoolYear(new Date('2027-08-31T16:00:00Z'))).toBe('2027-2028');
    expect(currentSchoolYear('2027-02-01T00:00:00Z')).toBe('2026-2027');
    expect([nextSchoolYear('2026-2027'), previousSchoolYear('2026-2027')]).toEqual(['2027-2028', '2025-2026']);
  });

  it('takes consecutive years only', () => {
    expect(PutClassesRequest.safeParse({ schoolYear: '2026-2027', classes: [] }).success).toBe(true);
    for (const bad of ['2026-2028', '2026', '2026/2027', ' 2026-2027x']) expect(PutClassesRequest.safeParse({ schoolYear: bad, classes: [] }).success).toBe(false);
  });
});

describe('grades at the rollover', () => {
  it('moves a class up a grade and graduates the top grade of the stage', () => {
    expect(nextGrade('一年级', 'primary')).toBe('二年级');
    expect(nextGrade('六年级', 'primary')).toBeUndefined();
    expect(nextGrade('六年级', 'primary', { nineYear: true })).toBe('七年级');
    expect(nextGrade('九年级', 'primary', { nineYear: true })).toBeUndefined();
    expect([nextGrade('初二', 'junior'), nextGrade('初三', 'junior'), nextGrade('八年级', 'junior'), nextGrade('九年级', 'junior')]).toEqual(['初三', undefined, '九年级', undefined]);
    expect([nextGrade('小班', 'kindergarten'), nextGrade('大班', 'kindergarten'), nextGrade('高三', 'senior')]).toEqual(['中班', undefined, undefined]);
    expect(isNineYear(['六年级', '七年级'])).toBe(true);
    expect(isNineYear(['一年级', '六年级'])).toBe(false);
  });

  it('renames a class into its new grade, whatever way the grade was written', () => {
    expect(classNameInGrade('一年级(1)班', '二年级')).toBe('二年级(1)班');
    expect(classNameInGrade('1年级(3)班', '二年级')).toBe('二年级(3)班');
    expect(classNameInGrade('初一3班', '初二')).toBe('初二3班');
    expect(classNameInGrade('小班(2)班', '中班')).toBe('中班(2)班');
  });

  it('checks a class: a known grade, a name that starts with it, written with ASCII brackets', () => {
    expect(ClassEntry.parse({ grade: '一年级', name: ' 一年级（2）班 ' })).toEqual({ grade: '一年级', name: '一年级(2)班' });
    expect(ClassEntry.safeParse({ grade: '二年级', name: '一年级(2)班' }).success).toBe(false);
    expect(ClassEntry.safeParse({ grade: '十年级', name: '十年级(2)班' }).success).toBe(false);
    expect(ClassEntry.safeParse({ grade: '一年级', name: '一年级#2班' }).success).toBe(false);
  });
});
