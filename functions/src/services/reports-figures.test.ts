import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, semesterMonths, type School, type Session } from '@lianyan/shared';
import type { YearTotals } from '#repositories/archive';
import type { AttendanceCredit } from '#repositories/attendance';
import { attendanceFigure, countByKind, expectedRecords, federationFigures, monthlyTrend, sessionState, withChanges, type SchoolInput } from './reports-figures.ts';

const now = new Date('2026-11-23T04:00:00Z');

const session = (id: string, overrides: Partial<Session>): Session =>
  ({
    id,
    federationId: 'fed-1',
    hostSchoolId: 'core',
    organizerId: 'u-org',
    kind: 'joint_research',
    mode: 'offline',
    title: id,
    startAt: '2026-10-10T01:00:00.000Z',
    endAt: '2026-10-10T03:00:00.000Z',
    status: 'closed',
    audience: { type: 'federation' },
    audienceSchoolIds: ['core', 'rural'],
    ...overrides,
  }) as Session;

const record = (sessionId: string, userId: string, status: AttendanceCredit['status'], startAt = '2026-10-10T01:00:00.000Z'): AttendanceCredit => ({
  sessionId,
  userId,
  kind: 'joint_research',
  startAt,
  status,
  creditedHours: status === 'absent' ? 0 : 2,
});

const school = (id: string, isCore = false): School => ({ id, name: `${id} 学校`, federationId: 'fed-1', stage: 'primary', rural: id === 'rural', isCore });
const totals = (userId: string, counts: Record<string, number>): [string, YearTotals] => [userId, { year: '2026-2027', hours: 0, counts, observationsBySemester: {} }];

describe('session states', () => {
  it('holds closed and started published sessions; cancelled, upcoming and drafts are apart', () => {
    expect(sessionState({ status: 'closed', startAt: '2026-12-01T00:00:00Z' }, now)).toBe('held');
    expect(sessionState({ status: 'published', startAt: '2026-11-23T03:00:00Z' }, now)).toBe('held');
    expect(sessionState({ status: 'published', startAt: '2026-11-23T05:00:00Z' }, now)).toBe('upcoming');
    expect(sessionState({ status: 'cancelled', startAt: '2026-10-01T00:00:00Z' }, now)).toBe('cancelled');
    expect(sessionState({ status: 'draft', startAt: '2026-10-01T00:00:00Z' }, now)).toBe('draft');
  });
});

describe('attendance figures', () => {
  it('counts late and left early as attended, absent against, excused not at all', () => {
    const f = attendanceFigure([{ status: 'on_time' }, { status: 'late' }, { status: 'left_early' }, { status: 'absent' }, { status: 'excused' }]);
    expect(f).toEqual({ expected: 4, attended: 3, late: 1, absent: 1, excused: 1, rate: 0.75 });
    expect(attendanceFigure([{ status: 'excused' }]).rate).toBeNull();
  });

  it('files each record under the Shanghai month its session started', () => {
    // 31 Oct 17:00 UTC is 1 Nov in Shanghai.
    const trend = monthlyTrend([record('a', 'u', 'on_time', '2026-10-31T17:00:00Z'), record('b', 'u', 'absent', '2026-10-30T02:00:00Z')], semesterMonths('2026-2027-1'));
    expect(trend.map((p) => [p.month, p.expected, p.attended])).toEqual([
      ['2026-09', 0, 0],
      ['2026-10', 1, 0],
      ['2026-11', 1, 1],
      ['2026-12', 0, 0],
      ['2027-01', 0, 0],
    ]);
  });

  it('counts sessions by kind and mode', () => {
    const byKind = countByKind([session('a', { mode: 'online' }), session('b', {}), session('c', { kind: 'parent_school' })]);
    expect(byKind).toEqual([
      { kind: 'joint_research', online: 1, offline: 1, total: 2 },
      { kind: 'parent_school', online: 0, offline: 1, total: 1 },
    ]);
  });
});

describe('federation figures', () => {
  // core hosts s1 (offline, held), s2 (online, held), s3 (cancelled), s4 (upcoming); rural hosts s5 (online, held).
  const sessions = [
    session('s1', {}),
    session('s2', { mode: 'online' }),
    session('s3', { status: 'cancelled' }),
    session('s4', { status: 'published', startAt: '2026-12-10T01:00:00Z', endAt: '2026-12-10T03:00:00Z' }),
    session('s5', { hostSchoolId: 'rural', mode: 'online' }),
    session('s6', { hostSchoolId: 'rural', kind: 'parent_school', status: 'draft' }),
  ];
  const schools: SchoolInput[] = [
    {
      school: school('core', true),
      teacherIds: new Set(['c1', 'c2']),
      subjects: new Map(),
      credits: [record('s1', 'c1', 'on_time'), record('s2', 'c1', 'late'), record('s1', 'c2', 'absent'), record('s5', 'c2', 'on_time'), record('s1', 'parent-1', 'on_time')],
      // Self-filed 师徒结对 entries (5) no longer count: the register's 2 pairs do.
      totals: new Map([totals('c1', { mentorship: 5, rotation: 1 })]),
      mentorPairs: 2,
    },
    {
      school: school('rural'),
      teacherIds: new Set(['r1', 'r2']),
      subjects: new Map(),
      // r1 and r2 visit s1 (core's); r1 was at the cancelled s3 (not counted).
      credits: [record('s1', 'r1', 'on_time'), record('s1', 'r2', 'on_time'), record('s3', 'r1', 'on_time'), record('s5', 'r2', 'absent')],
      totals: new Map(),
      mentorPairs: 0,
    },
  ];
  const result = federationFigures({ coreSchoolId: 'core', rules: DEFAULT_RULES, sessions, schools, months: semesterMonths('2026-2027-1'), threshold: 0.8, now });
  const [core, rural] = result.rows;

  it('counts joint research the school hosted or attended, by mode, and mentor pairs from the register', () => {
    expect(core?.jointResearch).toMatchObject({ online: 2, offline: 1 }); // s2 and s5 online, s1 offline
    expect(rural?.jointResearch).toMatchObject({ online: 1, offline: 1 }); // hosted s5, attended s1
    expect(core?.mentorPairs).toBe(2);
    expect(core?.quota.rate).toBeCloseTo((2 / 8 + 1 / 4 + 1) / 3, 10);
  });

  it("leaves out parents, cancelled sessions and drafts from its teachers' attendance", () => {
    expect(core?.attendance).toMatchObject({ expected: 4, attended: 3, rate: 0.75 });
    expect(rural?.attendance).toMatchObject({ expected: 3, attended: 2 });
    expect(core?.belowThreshold).toBe(1); // c2: 1 of 2
  });

  it('credits contribution to the host for visitors from other schools, and execution for due sessions held', () => {
    expect(core?.contribution).toEqual({ hosted: 2, visitors: 2, share: 1 });
    expect(rural?.contribution).toEqual({ hosted: 1, visitors: 1, share: 0.5 });
    expect(core?.execution).toEqual({ due: 3, held: 2, cancelled: 1, rate: 2 / 3 });
    expect(rural?.execution).toEqual({ due: 1, held: 1, cancelled: 0, rate: 1 });
  });

  it('scores each school and bundles the core with the members', () => {
    // core: quota 40×0.5 = 20, attendance 30×0.75 = 22.5, contribution 15, execution 15×2/3 = 10 → 67.5
    expect(core?.score).toEqual({ quota: 20, attendance: 22.5, contribution: 15, execution: 10, total: 67.5 });
    // rural: quota 40×(1/8+1/4+0)/3 = 5, attendance 30×2/3 = 20, contribution 7.5, execution 15 → 47.5
    expect(rural?.score).toEqual({ quota: 5, attendance: 20, contribution: 7.5, execution: 15, total: 47.5 });
    expect(core?.bundled).toBe(63.5); // 67.5 × 0.8 + 47.5 × 0.2
    expect(rural?.bundled).toBe(47.5);
    expect(result.summary).toMatchObject({ sessionsHeld: 3, jointResearchOnline: 2, jointResearchOffline: 1, bundledScore: 63.5, membersAverage: 47.5, schools: 2 });
    expect(result.summary.attendance).toMatchObject({ expected: 7, attended: 5 });
  });

  it('compares with the previous semester', () => {
    const previous = federationFigures({ coreSchoolId: 'core', rules: DEFAULT_RULES, sessions: [], schools: schools.map((s) => ({ ...s, credits: [], totals: new Map(), mentorPairs: 0 })), months: semesterMonths('2025-2026-2'), threshold: 0.8, now });
    const { rows, summary } = withChanges(result, previous);
    expect(rows[0]).toMatchObject({ bundled: 63.5, previousBundled: 0, change: 63.5 });
    expect(summary).toMatchObject({ bundledScore: 63.5, previousBundledScore: 0, change: 63.5 });
    expect(withChanges(result, undefined).summary).toMatchObject({ previousBundledScore: null, change: null });
  });
});

describe('until a session is closed', () => {
  const teachers = { id: 'core', teacherIds: new Set(['c1', 'c2', 'c3']), subjects: new Map([['c1', '语文'], ['c2', '数学'], ['c3', '语文']]) };

  it('counts its audience teachers without a record as absent, and nobody once it is closed', () => {
    const open = session('o', { status: 'published', audience: { type: 'federation' }, audienceSchoolIds: ['core'] });
    const credits = [record('o', 'c1', 'on_time')];
    const counted = expectedRecords(credits, teachers, [open], now);
    expect(attendanceFigure(counted)).toMatchObject({ expected: 3, attended: 1, absent: 2 });
    expect(expectedRecords(credits, teachers, [{ ...open, status: 'closed' }], now)).toHaveLength(1);
    // Still going on: only those who came so far.
    expect(expectedRecords(credits, teachers, [{ ...open, startAt: '2026-11-23T03:00:00Z', endAt: '2026-11-23T05:00:00Z' }], now)).toHaveLength(1);
  });

  it('imputes no absence to an erased account (注销), whose own records still count', () => {
    const open = session('o', { status: 'published', audience: { type: 'federation' }, audienceSchoolIds: ['core'] });
    const erased = { ...teachers, erased: new Set(['c2', 'c3']) };
    const counted = expectedRecords([record('o', 'c3', 'late')], erased, [open], now);
    expect(counted.map((r) => [r.userId, r.status])).toEqual([
      ['c3', 'late'],
      ['c1', 'absent'],
    ]);
  });

  it("limits a subject group's audience to its subject and leaves other schools' sessions out", () => {
    const group = session('g', { status: 'published', audience: { type: 'group', subject: '语文', grade: '四年级' }, audienceSchoolIds: ['core'] });
    expect(expectedRecords([], teachers, [group], now).map((r) => r.userId).sort()).toEqual(['c1', 'c3']);
    const elsewhere = session('e', { status: 'published', audience: { type: 'schools', schoolIds: ['rural'] }, audienceSchoolIds: ['rural'] });
    expect(expectedRecords([], teachers, [elsewhere], now)).toHaveLength(0);
  });

  it("counts a research group's members at publish time, at the school they were counted at, whatever their subject", () => {
    const group = session('r', {
      status: 'published',
      audience: { type: 'group', groupId: 'grp-1', name: '四年级语文中心教研组' },
      audienceSchoolIds: ['core', 'rural'],
      audienceMembers: [
        { userId: 'c2', schoolId: 'core' },
        { userId: 'c3', schoolId: 'rural' },
      ],
    });
    expect(expectedRecords([], teachers, [group], now).map((r) => r.userId)).toEqual(['c2']);
    const counted = expectedRecords([record('r', 'c2', 'late')], teachers, [group], now);
    expect(attendanceFigure(counted)).toMatchObject({ expected: 1, attended: 1, late: 1, absent: 0 });
  });

  it('does not count a cancelled session that has not started as due', () => {
    const future = session('f', { status: 'cancelled', startAt: '2026-12-10T01:00:00Z' });
    const past = session('p', { status: 'cancelled' });
    const input = { school: school('core', true), teacherIds: new Set<string>(), subjects: new Map(), credits: [], totals: new Map() };
    const figures = federationFigures({ coreSchoolId: 'core', rules: DEFAULT_RULES, sessions: [future, past], schools: [input], months: semesterMonths('2026-2027-1'), threshold: 0.8, now });
    expect(figures.rows[0]?.execution).toEqual({ due: 1, held: 0, cancelled: 1, rate: 0 });
  });
});
