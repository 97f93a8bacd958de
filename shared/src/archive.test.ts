import { describe, expect, it } from 'vitest';
import { ArchiveEntryInput, cycleOf, elapsedShare, entryTitle, isOnTrack, schoolYearRange, semesterDays, targetsFor } from './archive.ts';
import { DEFAULT_RULES } from './federations.ts';
import { schoolYearOf, semesterOf } from './semester.ts';

describe('school years, semesters and the five-year cycle in Asia/Shanghai', () => {
  it('starts the school year on 1 September, Shanghai time', () => {
    expect(schoolYearOf('2026-08-31T15:59:59.999Z')).toBe('2025-2026'); // 23:59:59 on 31 Aug in Shanghai
    expect(schoolYearOf('2026-08-31T16:00:00.000Z')).toBe('2026-2027'); // 00:00 on 1 Sep in Shanghai
    expect(schoolYearRange('2026-2027')).toEqual({ from: '2026-09-01', to: '2027-08-31' });
  });

  it('splits the year into autumn (to 31 January) and spring semesters', () => {
    expect(semesterOf('2027-01-31T15:59:00Z')).toBe('2026-2027-1');
    expect(semesterOf('2027-01-31T16:00:00Z')).toBe('2026-2027-2');
    expect(semesterDays('2026-2027-1')).toEqual({ from: '2026-09-01', to: '2027-01-31' });
    expect(semesterDays('2026-2027-2')).toEqual({ from: '2027-02-01', to: '2027-08-31' });
  });

  it('finds the five-year cycle of a year from the cycle start', () => {
    expect(cycleOf('2026-2027', 2026)).toMatchObject({ from: '2026-09-01', to: '2031-08-31', label: '2026–2030 学年' });
    expect(cycleOf('2030-2031', 2026).years).toEqual(['2026-2027', '2027-2028', '2028-2029', '2029-2030', '2030-2031']);
    expect(cycleOf('2031-2032', 2026).from).toBe('2031-09-01');
    expect(cycleOf('2025-2026', 2026).from).toBe('2021-09-01');
  });
});

describe('targets and being on track', () => {
  it('sets observation targets by position, none for ordinary teachers', () => {
    expect(targetsFor('principal')).toEqual({ trainingHoursPerYear: 24, trainingHoursPerCycle: 360, lessonsObservedPerSemester: 30 });
    expect(targetsFor('dean').lessonsObservedPerSemester).toBe(40);
    expect(targetsFor('vice_principal').lessonsObservedPerSemester).toBe(40);
    expect(targetsFor('teacher').lessonsObservedPerSemester).toBeUndefined();
    expect(targetsFor('principal', { ...DEFAULT_RULES, trainingHoursPerYear: 30, lessonsObservedPerSemester: { principal: 20 } })).toMatchObject({
      trainingHoursPerYear: 30,
      lessonsObservedPerSemester: 20,
    });
  });

  it('expects the share of the target that the time gone by calls for', () => {
    const year = '2026-2027';
    const midYear = new Date('2027-03-02T04:00:00Z'); // about half of the school year
    expect(elapsedShare(schoolYearRange(year), midYear)).toBeCloseTo(0.5, 1);
    const teacher = targetsFor('teacher');
    expect(isOnTrack({ hours: 12, observations: 0, year, semester: '2026-2027-2' }, teacher, midYear)).toBe(true);
    expect(isOnTrack({ hours: 10, observations: 0, year, semester: '2026-2027-2' }, teacher, midYear)).toBe(false);
    // A principal a month into the spring semester owes 4 of 30 observations.
    const principal = targetsFor('principal');
    expect(isOnTrack({ hours: 12, observations: 4, year, semester: '2026-2027-2' }, principal, midYear)).toBe(true);
    expect(isOnTrack({ hours: 12, observations: 3, year, semester: '2026-2027-2' }, principal, midYear)).toBe(false);
    // Due hours are not rounded down to whole hours: about a quarter into the year, 6 h of 6.1 h due is behind.
    const quarter = new Date('2026-12-02T04:00:00Z');
    const due = 24 * elapsedShare(schoolYearRange(year), quarter);
    expect(due).toBeGreaterThan(6.05);
    expect(isOnTrack({ hours: 6, observations: 0, year, semester: '2026-2027-1' }, teacher, quarter)).toBe(false);
    expect(isOnTrack({ hours: 6.1, observations: 0, year, semester: '2026-2027-1' }, teacher, quarter)).toBe(true);
    // The first hour of a year owes less than the 0.1 h hours are credited in.

    expect(isOnTrack({ hours: 0, observations: 0, year, semester: '2026-2027-1' }, principal, new Date('2026-09-01T01:00:00Z'))).toBe(true);
  });
});

describe('entries', () => {
  it('accepts each kind with its own fields and refuses fields of another kind', () => {
    const ok = ArchiveEntryInput.safeParse({ kind: 'mentorship', role: 'mentor', partnerName: '李青', date: '2026-09-10' });
    expect(ok.success).toBe(true);
    expect(ok.data?.evidence).toEqual([]);
    const mixed = ArchiveEntryInput.safeParse({ kind: 'award', title: '优秀班主任', level: 'school', issuer: '实验小学', hours: 3, date: '2026-09-10' });
    expect(mixed.success).toBe(false);
    const badDate = ArchiveEntryInput.safeParse({ kind: 'award', title: '优秀班主任', level: 'school', issuer: '实验小学', date: '2026-13-01' });
    expect(badDate.error?.issues[0]?.message).toBe('日期应为真实存在的日期，格式 YYYY-MM-DD');
    const short = ArchiveEntryInput.safeParse({ kind: 'reading', book: '给教师的建议', reflection: '很有收获', date: '2026-10-01' });
    expect(short.error?.issues[0]?.message).toBe('读书心得至少 100 个字');
  });

  it('titles each kind for the timeline', () => {
    expect(entryTitle({ kind: 'reading', book: '《给教师的建议》', reflection: '', date: '2026-10-01', evidence: [] })).toBe('《给教师的建议》');
    expect(entryTitle({ kind: 'rotation', fromSchool: '实验小学', toSchool: '青山乡中心小学', date: '2026-09-01', evidence: [] })).toBe('交流轮岗：实验小学 → 青山乡中心小学');
    expect(
      entryTitle({ kind: 'lesson_observation', observedTeacher: '钱子涵', observedSchool: '城东二小', subject: '语文', grade: '四年级', topic: '爬山虎的脚', rating: 5, comments: '', date: '2026-10-01', evidence: [] }),
    ).toBe('听钱子涵语文课《爬山虎的脚》');
  });
});
