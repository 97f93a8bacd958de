import { describe, expect, it } from 'vitest';
import type { Observation } from '@lianyan/shared';
import { lessonLine, lessonTime, ordered, pendingCount } from './model';

const base = { id: 'o1', observerName: '王校长', observerKind: 'school_leader', teacherName: '李老师', className: '三年级(2)班', subject: '数学', topic: '分数', startedAt: '2026-11-20T02:00:00.000Z' } as Observation;

describe('我的听课', () => {
  it('shows the lesson in Shanghai time with who observed', () => {
    expect(lessonTime('2026-11-20T02:05:00.000Z')).toBe('11月20日 10:05');
    expect(lessonLine(base, 'received')).toBe('王校长（学校领导）听课 · 三年级(2)班数学《分数》 · 11月20日 10:00');
    expect(lessonLine({ ...base, topic: undefined } as Observation, 'given')).toBe('听 李老师 的课 · 三年级(2)班数学 · 11月20日 10:00');
  });

  it('puts feedback not yet acknowledged first and counts it', () => {
    const items = [{ ...base, id: 'a', acknowledgedAt: '2026-11-21T00:00:00.000Z' }, { ...base, id: 'b', startedAt: '2026-11-19T02:00:00.000Z' }] as Observation[];
    expect(ordered(items, 'received').map((o) => o.id)).toEqual(['b', 'a']);
    expect(ordered(items, 'given').map((o) => o.id)).toEqual(['a', 'b']);
    expect(pendingCount(items)).toBe(1);
  });
});
