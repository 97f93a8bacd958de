import { describe, expect, it } from 'vitest';
import type { ArchiveObservations, ReceivedFeedback } from '@lianyan/shared';
import { feedbackTitle, figureGroups } from './observation-figures';

const feedback: ReceivedFeedback = {
  id: 'o1',
  startedAt: '2026-10-12T01:00:00.000Z',
  semester: '2026-2027-1',
  observerName: '王校长',
  observerKind: 'school_leader',
  subject: '数学',
  grade: '三年级',
  className: '三年级(2)班',
  topic: '认识钟表',
  scaleName: '课堂观察量表（通用）',
  total: 75,
  strengths: '',
  suggestions: '',
};

describe('听评课 in the archive', () => {
  it('one group per semester and scale, with bars kept within 0–100', () => {
    const figures: ArchiveObservations = {
      userId: 'u1',
      count: 3,
      semesters: [
        { semester: '2026-2027-1', scaleId: 'default', scaleName: '通用', count: 2, total: 80, dimensions: [{ name: '教学目标', score: 87.5 }] },
        { semester: '2025-2026-2', scaleId: 's1', scaleName: '数学量表', count: 1, total: 60, dimensions: [{ name: '学生参与', score: 120 }] },
      ],
      feedback: [feedback],
    };
    expect(figureGroups(figures)).toEqual([
      { key: '2026-2027-1|default', title: '2026–2027 学年第一学期', hint: '通用 · 2 节 · 平均 80 分', bars: [{ name: '教学目标', score: 87.5 }] },
      { key: '2025-2026-2|s1', title: '2025–2026 学年第二学期', hint: '数学量表 · 1 节 · 平均 60 分', bars: [{ name: '学生参与', score: 100 }] },
    ]);
  });

  it('names the observer, their kind, the lesson and the total', () => {
    expect(feedbackTitle(feedback)).toBe('王校长（学校领导）· 数学 三年级(2)班《认识钟表》 · 75 分');
    const { topic: _topic, ...untitled } = feedback;
    expect(feedbackTitle(untitled)).toBe('王校长（学校领导）· 数学 三年级(2)班 · 75 分');
  });
});
