import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '@lianyan/shared';
import { scoreChoices, scoreOf, scoredCount } from '@/components/ScaleForm/scores';
import { addNote, minuteOf, newClientId, newDraft, setScore, submitProblems, teacherLine } from './model';

const teacher = { id: 'u-1', name: '王老师', subjects: ['数学'], grades: ['三年级'], observedThisSemester: 0 };
const now = new Date('2026-11-20T02:00:00.000Z');
const fresh = () => newDraft({ schoolId: 'sch-1', teacher, scale: DEFAULT_SCALE, now, clientId: 'obs-1' });

describe('听课 draft', () => {
  it('starts with the teacher’s subject and grade, the scale version and no scores', () => {
    expect(fresh()).toMatchObject({ teacherId: 'u-1', subject: '数学', grade: '三年级', scaleId: 'default', scaleVersion: 1, scores: [], startedAt: now.toISOString() });
    expect(newClientId(now, 0.5)).toMatch(/^obs-[a-z0-9]+-[a-z0-9]{6}$/);
  });

  it('scores an item once (a second tap replaces), with one choice per point of the range', () => {
    expect(scoreChoices({ min: 1, max: 5 })).toEqual([1, 2, 3, 4, 5]);
    const d = setScore(setScore(fresh(), '1.1', 3), '1.1', 5);
    expect(d.scores).toEqual([{ item: '1.1', score: 5 }]);
    expect(scoreOf(d.scores, '1.1')).toBe(5);
    expect(scoredCount(d.scores, DEFAULT_SCALE)).toEqual({ done: 1, all: 11 });
  });

  it('time-stamps notes and skips blank ones', () => {
    const d = addNote(addNote(fresh(), '  ', now), ' 情境导入 ', new Date(now.getTime() + 12 * 60_000 + 5_000));
    expect(d.notes).toEqual([{ at: '2026-11-20T02:12:05.000Z', text: '情境导入' }]);
    expect(minuteOf(d.startedAt, d.notes[0]!.at)).toBe('第 13 分钟');
  });

  it('names what stops the submit: the class and every unscored item', () => {
    const problems = submitProblems(fresh(), DEFAULT_SCALE);
    expect(problems[0]).toBe('请填写班级');
    expect(problems).toHaveLength(12);
    const all = DEFAULT_SCALE.dimensions.flatMap((dim) => dim.items).reduce((d, i) => setScore(d, i.id, 4), { ...fresh(), className: '三年级(2)班' });
    expect(submitProblems(all, DEFAULT_SCALE)).toEqual([]);
  });

  it('describes a teacher to pick', () => {
    expect(teacherLine(teacher)).toBe('数学 · 三年级 · 本学期未被听课');
    expect(teacherLine({ ...teacher, grades: [], observedThisSemester: 2 })).toBe('数学 · 本学期被听 2 次');
  });
});
