import { describe, expect, it } from 'vitest';
import { targetsFor, type Session } from '@lianyan/shared';
import type { AttendanceCredit } from '#repositories/attendance';
import type { YearTotals } from '#repositories/archive';
import { derivedLines, figures, localDate, utcRange } from './archive-figures.ts';

const credit = (overrides: Partial<AttendanceCredit>): AttendanceCredit => ({
  sessionId: 'ses-1',
  userId: 'u-1',
  kind: 'joint_research',
  startAt: '2026-10-10T01:00:00.000Z',
  status: 'on_time',
  creditedHours: 2,
  ...overrides,
});

const session = (overrides: Partial<Session>): Session =>
  ({
    id: 'ses-1',
    federationId: 'fed-1',
    hostSchoolId: 'sch-1',
    organizerId: 'u-org',
    kind: 'lesson_observation',
    mode: 'offline',
    title: '听评课',
    subject: '数学',
    startAt: '2026-10-10T01:00:00.000Z',
    endAt: '2026-10-10T02:00:00.000Z',
    status: 'closed',
    lesson: { teacherId: 'u-2', teacherName: '邹红梅', className: '五年级(1)班', topic: '《热的传递》' },
    ...overrides,
  }) as Session;

const now = new Date('2026-11-23T04:00:00Z');

describe('days in Asia/Shanghai', () => {
  it('turns instants into Shanghai dates and dates into UTC bounds', () => {
    expect(localDate('2026-08-31T16:30:00Z')).toBe('2026-09-01');
    expect(utcRange({ from: '2026-09-01', to: '2027-08-31' })).toEqual({ from: '2026-08-31T16:00:00.000Z', to: '2027-08-31T15:59:59.999Z' });
  });
});

describe('derived lines', () => {
  it('credits hours, counts an attended observation, and gives the teaching teacher an open class', () => {
    const sessions = new Map([['ses-1', session({})]]);
    const lines = derivedLines('u-1', [credit({ kind: 'lesson_observation', creditedHours: 1 })], sessions, [], now);
    expect(lines.map((l) => [l.id, l.kind, l.hours])).toEqual([
      ['att-ses-1', 'research_attendance', 1],
      ['obs-ses-1', 'lesson_observation', 0],
    ]);
    expect(lines[1]?.title).toBe('听邹红梅数学课《热的传递》');
    const taught = derivedLines('u-2', [], new Map(), [session({}), session({ id: 'ses-2', status: 'cancelled' }), session({ id: 'ses-3', startAt: '2026-12-01T01:00:00Z' })], now);
    expect(taught.map((l) => l.id)).toEqual(['taught-ses-1']);
  });

  it('leaves out absences and leave', () => {
    const lines = derivedLines('u-1', [credit({ status: 'absent', creditedHours: 0, kind: 'demo_lesson' }), credit({ sessionId: 'ses-2', creditedHours: 0, status: 'excused' })], new Map(), [], now);
    expect(lines).toEqual([]);
  });

  it('keeps an attendance that earned 0 学时 as a line, with the reason', () => {
    const strict = new Map([['ses-1', session({ creditRule: { mode: 'full_or_none', lateGraceMin: 5, earlyLeaveGraceMin: 10 } })]]);
    const [late] = derivedLines('u-1', [credit({ status: 'late', creditedHours: 0 })], strict, [], now);
    expect(late).toMatchObject({ id: 'att-ses-1', kind: 'research_attendance', hours: 0, attendanceStatus: 'late', detail: '迟到超过 5 分钟，按本活动的学时规则记 0 学时' });
    const proportional = session({ creditRule: { mode: 'proportional', lateGraceMin: 10, earlyLeaveGraceMin: 10 } });
    const [brief] = derivedLines('u-1', [credit({ status: 'late', creditedHours: 0 })], new Map([['ses-1', proportional]]), [], now);
    expect(brief).toMatchObject({ hours: 0, detail: expect.stringContaining('在场时长') });
    const [credited] = derivedLines('u-1', [credit({ creditedHours: 2 })], new Map(), [], now);
    expect(credited).not.toHaveProperty('detail');
  });
});

describe('figures for a year', () => {
  const totals = new Map<string, YearTotals>([
    ['2026-2027', { year: '2026-2027', hours: 10, counts: { training: 2, award: 1 }, observationsBySemester: { '2026-2027-1': 3 } }],
    ['2025-2026', { year: '2025-2026', hours: 30, counts: { training: 5 }, observationsBySemester: {} }],
  ]);

  it('adds approved totals and attendance, keeping each within its year, semester and cycle', () => {
    const f = figures({
      year: '2026-2027',
      semester: '2026-2027-1',
      cycleStartYear: 2026,
      totals,
      credits: [
        credit({ creditedHours: 2 }),
        credit({ sessionId: 'ses-2', kind: 'demo_lesson', creditedHours: 1.5 }),
        credit({ sessionId: 'ses-3', startAt: '2026-08-31T15:00:00.000Z', creditedHours: 4 }), // 23:00 on 31 Aug: the year before
      ],
      taught: [session({ id: 'ses-9', lesson: { teacherId: 'u-1', teacherName: '我', className: '一班', topic: '课题' } })],
      targets: targetsFor('dean'),
      now,
    });
    expect(f.hours).toBe(13.5);
    // The cycle 2026–2030 starts on 1 September 2026: last year's 30 h and the 31 August session are not in it.
    expect(f.cycleHours).toBe(13.5);
    expect(f.observations).toBe(4);
    expect(f.counts).toMatchObject({ training: 2, award: 1, research_attendance: 2, lesson_observation: 1, open_class: 1 });
    expect(f.sessionsByKind).toEqual({ joint_research: 1, demo_lesson: 1 });
    // A fifth of the year gone: 5 of 24 h are due (13.5 is enough); over half the semester gone: 21 of 40 observations are due.
    expect(f.onTrack).toBe(false);
  });

  it('counts a lesson evaluated by a scale once: on the totals (its observation), not again from the attendance', () => {
    const attendedOnly = { year: '2026-2027', hours: 0, counts: {}, observationsBySemester: {} };
    const evaluated = { ...attendedOnly, counts: { lesson_observation: 1 }, observationsBySemester: { '2026-2027-1': 1 } };
    const input = { year: '2026-2027', semester: '2026-2027-1', cycleStartYear: 2026, taught: [], targets: targetsFor('principal'), now };
    const before = figures({ ...input, totals: new Map([['2026-2027', attendedOnly]]), credits: [credit({ kind: 'lesson_observation' })] });
    const after = figures({ ...input, totals: new Map([['2026-2027', evaluated]]), credits: [credit({ kind: 'lesson_observation', observationId: 'obs-1' })] });
    expect(before.observations).toBe(1);
    expect(after.observations).toBe(1);
    expect(after.counts.lesson_observation).toBe(before.counts.lesson_observation);
    expect(after.sessionsByKind).toEqual(before.sessionsByKind);
  });

  it('adds check-ins of campaigns with an archive kind: a line of that kind each, their hours as 学时 within the year', () => {
    const reading = { campaignId: 'cmp-1', campaignTitle: '每学期精读一本教育经典', archiveKind: 'reading' as const, hours: 4, makeup: false };
    const checkIns = [
      { ...reading, period: '2026-2027-1', date: '2026-11-02', createdAt: '2026-11-02T12:00:00Z' },
      { ...reading, period: '2025-2026-2', date: '2026-08-31', createdAt: '2026-08-31T12:00:00Z', makeup: true },
    ];
    const f = figures({ year: '2026-2027', semester: '2026-2027-1', cycleStartYear: 2026, totals: new Map(), credits: [], taught: [], targets: targetsFor('teacher'), now, checkIns });
    expect(f.hours).toBe(4);
    expect(f.counts.reading).toBe(1);
    const lines = derivedLines('u-1', [], new Map(), [], now, checkIns);
    expect(lines).toEqual([
      expect.objectContaining({ id: 'chk-cmp-1-2026-2027-1', source: 'derived', kind: 'reading', title: '每学期精读一本教育经典', hours: 4, date: '2026-11-02', campaignId: 'cmp-1' }),
      expect.objectContaining({ kind: 'reading', detail: '打卡 · 2025–2026学年第二学期（补卡）' }),
    ]);
  });

  it('counts the previous cycle from its own years', () => {
    const f = figures({ year: '2025-2026', semester: '2025-2026-2', cycleStartYear: 2026, totals, credits: [], taught: [], targets: targetsFor('teacher'), now });
    expect(f.hours).toBe(30);
    expect(f.cycleHours).toBe(30);
    expect(f.onTrack).toBe(true); // a past year is judged at its end: 30 ≥ 24 h
  });
});
