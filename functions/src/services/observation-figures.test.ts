import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, scoreSummary, semesterOf, type Observation } from '@lianyan/shared';
import { archiveObservationsOf } from './observation-figures.ts';

const observed = (id: string, startedAt: string, score: number, overrides: Partial<Observation> = {}): Observation => {
  const scores = DEFAULT_SCALE.dimensions.flatMap((d) => d.items.map((i) => ({ item: i.id, score })));
  return {
    id, federationId: 'f1', schoolId: 's1', teacherId: 'u1', teacherName: '甲', observerId: 'u2', observerName: '乙', observerKind: 'peer',
    subject: '数学', grade: '三年级', className: '三年级(1)班', startedAt, semester: semesterOf(startedAt), scaleId: 'default', scaleVersion: 1,
    scaleName: DEFAULT_SCALE.name, scores, ...scoreSummary(DEFAULT_SCALE, scores), notes: [], strengths: '好', suggestions: '再好些', clientId: `c-${id}`,
    createdAt: startedAt, ...overrides,
  };
};

describe('听评课 in the archive', () => {
  it('groups by semester (latest first) with dimension means and the mean total; a period keeps its own lessons', () => {
    // Latest first, as the index returns them: two this autumn (4 and 2 of 1–5), one last spring (5).
    const list = [observed('a', '2026-10-20T02:00:00.000Z', 4), observed('b', '2026-09-10T02:00:00.000Z', 2), observed('c', '2026-04-01T02:00:00.000Z', 5)];
    const all = archiveObservationsOf('u1', list);
    expect(all.count).toBe(3);
    expect(all.semesters.map((s) => [s.semester, s.count, s.total, s.dimensions[0]?.score])).toEqual([
      ['2026-2027-1', 2, 50, 50],
      ['2025-2026-2', 1, 100, 100],
    ]);
    expect(all.feedback.map((f) => f.id)).toEqual(['a', 'b', 'c']);
    // 2026-08-31T16:30Z is 1 September in Shanghai.
    const autumn = archiveObservationsOf('u1', [...list, observed('d', '2026-08-31T16:30:00.000Z', 3)], { from: '2026-09-01', to: '2027-01-31' });
    expect(autumn.feedback.map((f) => f.id)).toEqual(['a', 'b', 'd']);
    expect(autumn.semesters).toHaveLength(1);
  });

  it('leaves observations recorded without dimension scores out of the means, not out of the feedback', () => {
    const old = observed('o', '2026-10-01T02:00:00.000Z', 1, { dimensions: DEFAULT_SCALE.dimensions.map((d) => ({ name: d.name, average: 1 }) as never) });
    const figures = archiveObservationsOf('u1', [observed('n', '2026-10-02T02:00:00.000Z', 5), old]);
    expect(figures.semesters[0]).toMatchObject({ count: 1, total: 100 });
    expect(figures.feedback).toHaveLength(2);
  });
});
