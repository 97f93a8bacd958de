import { describe, expect, it } from 'vitest';
import type { BindClasses } from '@lianyan/shared';
import { bindRequestOf, classChoice, classesOf, codeToLookUp, emptyForm, gradesOf } from './model';

const found = (over: Partial<BindClasses> = {}): BindClasses => ({
  school: { id: 'sch-core', name: '明湖区实验小学' },
  schoolYear: '2026-2027',
  classes: [
    { grade: '一年级', name: '一年级(1)班' },
    { grade: '一年级', name: '一年级(2)班' },
    { grade: '三年级', name: '三年级(1)班' },
  ],
  ...over,
});

describe('bind page model', () => {
  it('looks up classes only for a whole code and leaves empty optional fields out of the request', () => {
    expect(codeToLookUp('JZXX20')).toBeUndefined();
    expect(codeToLookUp('JZXX2026')).toBe('JZXX2026');
    expect(bindRequestOf({ ...emptyForm(), inviteCode: 'JZXX2026', childName: '小雨', className: '一年级(1)班', name: ' ' })).toEqual({
      inviteCode: 'JZXX2026',
      childName: '小雨',
      className: '一年级(1)班',
    });
  });

  it('offers grade then class from the list, a fixed class for a class invite, and a message when the school has none', () => {
    expect(gradesOf(found().classes)).toEqual(['一年级', '三年级']);
    expect(classesOf(found().classes, '一年级')).toEqual(['一年级(1)班', '一年级(2)班']);
    expect(classChoice(found())).toEqual({ kind: 'pick', grades: ['一年级', '三年级'] });
    expect(classChoice(found({ className: '三年级(1)班' }))).toEqual({ kind: 'fixed', grade: '三年级', className: '三年级(1)班' });
    expect(classChoice(found({ classes: [] }))).toMatchObject({ kind: 'none', message: expect.stringMatching(/明湖区实验小学还没有设置本学年的班级/) });
  });
});
