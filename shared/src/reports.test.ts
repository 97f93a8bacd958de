import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  ReportQuery,
  SCORE_WEIGHTS,
  Semester,
  bundledScores,
  currentSemester,
  ownScore,
  previousSemester,
  quotaCompletion,
  scoreChange,
  semesterLabel,
  semesterMonths,
  semesterDays,
  semesterYear,
} from './index.ts';

describe('semesters', () => {
  it('accepts 2026-2027-1 and refuses other shapes', () => {
    expect(Semester.safeParse('2026-2027-1').success).toBe(true);
    expect(Semester.safeParse('2026-2027-2').success).toBe(true);
    expect(Semester.safeParse('2026-2028-1').success).toBe(false);
    expect(Semester.safeParse('2026-2027-3').success).toBe(false);
    expect(Semester.safeParse('2026-1').success).toBe(false);
  });

  it('finds the semester of an instant at the Shanghai boundaries', () => {
    // 31 Aug 23:59 Shanghai is still the spring semester; 1 Sep 00:00 Shanghai (31 Aug 16:00 UTC) is autumn.
    expect(currentSemester(new Date('2026-08-31T15:59:59Z'))).toBe('2025-2026-2');
    expect(currentSemester(new Date('2026-08-31T16:00:00Z'))).toBe('2026-2027-1');
    // 31 Jan is autumn; 1 Feb Shanghai (31 Jan 16:00 UTC) is spring of the same school year.
    expect(currentSemester(new Date('2027-01-31T15:59:59Z'))).toBe('2026-2027-1');
    expect(currentSemester(new Date('2027-01-31T16:00:00Z'))).toBe('2026-2027-2');
  });

  it('steps back a semester across school years', () => {
    expect(previousSemester('2026-2027-2')).toBe('2026-2027-1');
    expect(previousSemester('2026-2027-1')).toBe('2025-2026-2');
  });

  it('lists the months of each semester and its school year', () => {
    expect(semesterMonths('2026-2027-1')).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
    expect(semesterMonths('2026-2027-2')).toEqual(['2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08']);
    expect(semesterDays('2026-2027-2')).toEqual({ from: '2027-02-01', to: '2027-08-31' });
    expect(semesterYear('2026-2027-2')).toBe('2026-2027');
    expect(semesterLabel('2026-2027-1')).toBe('2026–2027 学年第一学期');
  });

  it('reads the report query: semester, format and a threshold in percent', () => {
    expect(ReportQuery.parse({ semester: '2026-2027-1', format: 'xlsx', threshold: '75' })).toEqual({ semester: '2026-2027-1', format: 'xlsx', threshold: 75 });
    expect(ReportQuery.safeParse({ threshold: '120' }).success).toBe(false);
    expect(ReportQuery.safeParse({ format: 'pdf' }).success).toBe(false);
  });
});

describe('quota completion', () => {
  it('is the mean of the three parts, each capped at its target', () => {
    // 8/8 online, 2/4 offline, 1/2 pairs → (1 + 0.5 + 0.5) / 3
    const q = quotaCompletion({ online: 8, offline: 2, mentorPairs: 1 }, DEFAULT_RULES);
    expect(q.rate).toBeCloseTo(2 / 3, 10);
    expect(q.met).toBe(false);
    // Twenty online sessions do not make up for missing offline ones.
    expect(quotaCompletion({ online: 20, offline: 0, mentorPairs: 2 }, DEFAULT_RULES).rate).toBeCloseTo(2 / 3, 10);
    expect(quotaCompletion({ online: 8, offline: 4, mentorPairs: 2 }, DEFAULT_RULES)).toEqual({ rate: 1, met: true });
  });

  it("takes a federation's own targets; a target of 0 is met", () => {
    const rules = { onlineJointResearchPerSemester: 4, offlineJointResearchPerSemester: 2, mentorPairsPerSemester: 0 };
    expect(quotaCompletion({ online: 2, offline: 2, mentorPairs: 0 }, rules)).toEqual({ rate: (0.5 + 1 + 1) / 3, met: false });
  });
});

describe('own score', () => {
  it('weighs quota 40, attendance 30, contribution 15, execution 15', () => {
    expect(SCORE_WEIGHTS.quota + SCORE_WEIGHTS.attendance + SCORE_WEIGHTS.contribution + SCORE_WEIGHTS.execution).toBe(100);
    expect(ownScore({ quotaRate: 1, attendanceRate: 1, contributionShare: 1, executionRate: 1 }).total).toBe(100);
    // 40×0.75 + 30×0.9 + 15×0.5 + 15×(5/6) = 30 + 27 + 7.5 + 12.5
    expect(ownScore({ quotaRate: 0.75, attendanceRate: 0.9, contributionShare: 0.5, executionRate: 5 / 6 })).toEqual({
      quota: 30,
      attendance: 27,
      contribution: 7.5,
      execution: 12.5,
      total: 77,
    });
  });

  it('counts nothing expected and nothing due as 0, and rounds each part to 0.1', () => {
    expect(ownScore({ quotaRate: 0, attendanceRate: null, contributionShare: 0, executionRate: null }).total).toBe(0);
    expect(ownScore({ quotaRate: 1 / 3, attendanceRate: 0.8123, contributionShare: 0, executionRate: 1 })).toEqual({
      quota: 13.3,
      attendance: 24.4,
      contribution: 0,
      execution: 15,
      total: 52.7,
    });
  });
});

describe('bundled assessment', () => {
  it("gives the core school its own × 80 % + the members' average × 20 %; members keep their own", () => {
    const scores = [
      { schoolId: 'core', own: 90 },
      { schoolId: 'a', own: 70 },
      { schoolId: 'b', own: 60 },
      { schoolId: 'c', own: 80 },
    ];
    const { bundled, membersAverage } = bundledScores(scores, 'core');
    expect(membersAverage).toBe(70);
    expect(bundled.get('core')).toBe(86); // 90 × 0.8 + 70 × 0.2
    expect(bundled.get('a')).toBe(70);
    expect(bundled.get('c')).toBe(80);
  });

  it("takes the federation's weight, and leaves a core school without members its own", () => {
    expect(bundledScores([{ schoolId: 'core', own: 90 }, { schoolId: 'a', own: 40 }], 'core', 0.6).bundled.get('core')).toBe(70);
    // The members' average is weighted unrounded; the result rounds half up at the tenth (not 0.7499999… → 0.7).
    expect(bundledScores([{ schoolId: 'core', own: 0 }, { schoolId: 'a', own: 7.5 }, { schoolId: 'b', own: 0 }], 'core').bundled.get('core')).toBe(0.8);
    const alone = bundledScores([{ schoolId: 'core', own: 77.7 }], 'core');
    expect(alone).toEqual({ bundled: new Map([['core', 77.7]]), membersAverage: null });
  });

  it('reports the change from the previous semester, or none', () => {
    expect(scoreChange(86, 80.5)).toBe(5.5);
    expect(scoreChange(70, 72.3)).toBe(-2.3);
    expect(scoreChange(70, null)).toBeNull();
  });
});
