import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, type Session } from '@lianyan/shared';
import { asEdit, defaultForm, formFromSession, validateForm } from './form';
import { lessonScaleError, scaleOptions } from './lesson-scale';

const now = new Date('2026-11-23T01:10:00.000Z');
const lesson = () => ({
  ...defaultForm(now, 'sch-core'),
  kind: 'lesson_observation' as const,
  title: '听评课：分数的意义',
  venueName: '实验小学 三(2)班',
  lessonTeacherName: '周老师',
  lessonClassName: '三年级(2)班',
  lessonTopic: '分数的意义',
});

describe('评课方式 of a lesson session', () => {
  it('offers stars first, then the federation’s scales with their version', () => {
    expect(scaleOptions([DEFAULT_SCALE], '')).toEqual([
      { id: '', label: '星级评课（不用量表）' },
      { id: 'default', label: '课堂观察量表（通用）（第 1 版）' },
    ]);
    expect(scaleOptions([], 'scale-gone').at(-1)).toEqual({ id: 'scale-gone', label: '当前量表' });
  });

  it('sends the scale with a teacher picked from the roster, and asks for one before sending', () => {
    expect(lessonScaleError({ scaleId: 'default', lessonTeacherId: '', lessonTeacherName: '周老师' })).toBe('按量表评课时请从教师名单中选择授课教师');
    const refused = validateForm({ ...lesson(), scaleId: 'default' });
    expect(refused.ok ? undefined : refused.errors.scaleId).toBe('按量表评课时请从教师名单中选择授课教师');
    const sent = validateForm({ ...lesson(), scaleId: 'default', lessonTeacherId: 'u-core-teacher-2' });
    expect(sent.ok && sent.input).toMatchObject({ scaleId: 'default', lesson: { teacherId: 'u-core-teacher-2', teacherName: '周老师' } });
  });

  it('keeps the scale of a saved session, drops it for other kinds, and clears it in an edit set to stars', () => {
    const checked = validateForm({ ...lesson(), scaleId: 'default', lessonTeacherId: 'u-2' });
    if (!checked.ok) throw new Error('expected a valid form');
    const session = { ...checked.input, id: 'ses-1', federationId: 'fed-1', organizerId: 'u-1', status: 'draft', createdAt: now.toISOString() } as Session;
    expect(formFromSession(session).scaleId).toBe('default');
    const other = validateForm({ ...lesson(), kind: 'joint_research', scaleId: 'default' });
    expect(other.ok && other.input).not.toHaveProperty('scaleId');
    const stars = validateForm({ ...formFromSession(session), scaleId: '' });
    expect(stars.ok && asEdit(stars.input).scaleId).toBeNull();
  });
});
