import {
  DEFAULT_RULES,
  SESSION_KINDS,
  bundledScores,
  isGroupById,
  ownScore,
  quotaCompletion,
  scoreChange,
  type AttendanceFigure,
  type FederationRules,
  type FederationSummary,
  type KindCount,
  type MonthPoint,
  type School,
  type SchoolScoreRow,
  type Session,
  type SessionKind,
} from '@lianyan/shared';
import type { YearTotals } from '#repositories/archive';
import type { AttendanceCredit } from '#repositories/attendance';
import { attended, localDate } from './archive-figures.ts';

// The reports' arithmetic, free of I/O: what a semester's sessions and attendance records add up to.

export type SessionState = 'held' | 'cancelled' | 'upcoming' | 'draft';

/** Held: closed, or published and started. Cancelled: cancelled after publishing. Upcoming: published, not started. */
export function sessionState(session: Pick<Session, 'status' | 'startAt'>, now: Date): SessionState {
  if (session.status === 'closed') return 'held';
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'published') return Date.parse(session.startAt) <= now.getTime() ? 'held' : 'upcoming';
  return 'draft';
}

const PARENT_KINDS: readonly SessionKind[] = ['parent_school', 'family_education'];
export const isParentSchoolKind = (kind: SessionKind) => PARENT_KINDS.includes(kind);

/** A teacher's records that count: of the school's teachers, on sessions neither cancelled nor drafts. */
function countedRecords(credits: AttendanceCredit[], teacherIds: ReadonlySet<string>, sessions: ReadonlyMap<string, Session>): AttendanceCredit[] {
  return credits.filter((c) => {
    if (!teacherIds.has(c.userId)) return false;
    const session = sessions.get(c.sessionId);
    return !session || (session.status !== 'cancelled' && session.status !== 'draft');
  });
}

/** Ended but not yet closed: close has not written its absences, so the audience stands in for them. */
export const endedOpen = (session: Pick<Session, 'status' | 'endAt'>, now: Date) => session.status === 'published' && Date.parse(session.endAt) <= now.getTime();

/** Whether a teacher of this school (with this subject) is in a teachers' session's audience. */
function inTeacherAudience(session: Session, schoolId: string, subject: string | undefined, userId: string): boolean {
  if (session.audience.type === 'parents' || !(session.audienceSchoolIds ?? []).includes(schoolId)) return false;
  // A research group chosen by id: its members at publish time, through the school they were counted at.
  if (isGroupById(session.audience)) return Boolean(session.audienceMembers?.some((m) => m.userId === userId && m.schoolId === schoolId));
  return session.audience.type !== 'group' || subject === session.audience.subject;
}

/**
 * The records that count, plus an absence for each of the school's audience teachers without a record at a session
 * that ended and is not yet closed: 应到 is the audience until close writes it down (docs/design/reports.md).
 */
export function expectedRecords(
  credits: AttendanceCredit[],
  school: { id: string; teacherIds: ReadonlySet<string>; subjects: ReadonlyMap<string, string | undefined>; erased?: ReadonlySet<string> | undefined },
  sessions: Session[],
  now: Date,
): AttendanceCredit[] {
  const counted = countedRecords(credits, school.teacherIds, new Map(sessions.map((s) => [s.id, s])));
  const recorded = new Set(credits.map((c) => `${c.sessionId}|${c.userId}`));
  const unrecorded: AttendanceCredit[] = [];
  for (const session of sessions.filter((x) => endedOpen(x, now))) {
    for (const userId of school.teacherIds) {
      // An erased account (注销) is expected nowhere any more: its records count, no absence is imputed to it.
      if (recorded.has(`${session.id}|${userId}`) || school.erased?.has(userId) || !inTeacherAudience(session, school.id, school.subjects.get(userId), userId)) continue;
      unrecorded.push({ sessionId: session.id, userId, kind: session.kind, startAt: session.startAt, status: 'absent', creditedHours: 0 });
    }
  }
  return [...counted, ...unrecorded];
}

/** Sessions that were due: started, and published once (held or cancelled) — a cancelled future session is not. */
function dueSessions(sessions: Session[], now: Date): Session[] {
  return sessions.filter((s) => Date.parse(s.startAt) <= now.getTime() && (sessionState(s, now) === 'held' || sessionState(s, now) === 'cancelled'));
}

function emptyFigure(): AttendanceFigure {
  return { expected: 0, attended: 0, late: 0, absent: 0, excused: 0, rate: null };
}

/** Adds one record: on time, late and left early attended; absent did not; excused is left out of the rate. */
function addRecord(figure: AttendanceFigure, record: Pick<AttendanceCredit, 'status'>): void {
  if (record.status === 'excused') figure.excused += 1;
  else if (record.status === 'absent') figure.absent += 1;
  else if (attended(record)) {
    figure.attended += 1;
    if (record.status === 'late') figure.late += 1;
  }
  figure.expected = figure.attended + figure.absent;
  figure.rate = figure.expected ? figure.attended / figure.expected : null;
}

export function attendanceFigure(records: Array<Pick<AttendanceCredit, 'status'>>): AttendanceFigure {
  const figure = emptyFigure();
  for (const r of records) addRecord(figure, r);
  return figure;
}

function mergeFigures(figures: AttendanceFigure[]): AttendanceFigure {
  const sum = emptyFigure();
  for (const f of figures) {
    sum.attended += f.attended;
    sum.late += f.late;
    sum.absent += f.absent;
    sum.excused += f.excused;
  }
  sum.expected = sum.attended + sum.absent;
  sum.rate = sum.expected ? sum.attended / sum.expected : null;
  return sum;
}

/** Attendance by the month (Asia/Shanghai) the session started, over the semester's months. */
export function monthlyTrend(records: AttendanceCredit[], months: string[]): MonthPoint[] {
  const byMonth = new Map(months.map((m) => [m, emptyFigure()]));
  for (const r of records) {
    const figure = byMonth.get(localDate(r.startAt).slice(0, 7));
    if (figure) addRecord(figure, r);
  }
  return months.map((month) => {
    const f = byMonth.get(month) ?? emptyFigure();
    return { month, expected: f.expected, attended: f.attended, rate: f.rate };
  });
}

export function mergeTrends(trends: MonthPoint[][]): MonthPoint[] {
  const first = trends[0] ?? [];
  return first.map((point, i) => {
    const expected = trends.reduce((a, t) => a + (t[i]?.expected ?? 0), 0);
    const attendedCount = trends.reduce((a, t) => a + (t[i]?.attended ?? 0), 0);
    return { month: point.month, expected, attended: attendedCount, rate: expected ? attendedCount / expected : null };
  });
}

/** Held sessions by kind and mode, in the order of SESSION_KINDS, kinds with none left out. */
export function countByKind(sessions: Session[]): KindCount[] {
  return SESSION_KINDS.map((kind) => {
    const of = sessions.filter((s) => s.kind === kind);
    const online = of.filter((s) => s.mode === 'online').length;
    return { kind, online, offline: of.length - online, total: of.length };
  }).filter((k) => k.total > 0);
}

/** What one school's semester holds: its teachers, their records (its GSI1 partition) and its yearly totals. */
export interface SchoolInput {
  school: School;
  teacherIds: ReadonlySet<string>;
  /** The teachers' subjects (a subject group's audience); empty when no open session needs them. */
  subjects: ReadonlyMap<string, string | undefined>;
  /** Erased accounts (注销) among the teachers: no absence imputed to them; empty when no open session needs it. */
  erased?: ReadonlySet<string> | undefined;
  credits: AttendanceCredit[];
  totals: ReadonlyMap<string, YearTotals>;
  /** 师徒结对 the school registered for the school year (the register: one pair is one pair); none when left out. */
  mentorPairs?: number;
}

export interface FederationInput {
  coreSchoolId: string;
  rules: FederationRules;
  /** The federation's sessions that start in the semester. */
  sessions: Session[];
  schools: SchoolInput[];
  months: string[];
  /** 0–1 */
  threshold: number;
  now: Date;
}

export interface FederationFigures {
  rows: Array<Omit<SchoolScoreRow, 'previousBundled' | 'change'>>;
  summary: Omit<FederationSummary, 'previousBundledScore' | 'change'>;
  trend: MonthPoint[];
  /** Records that count, per school (for the teachers' sheet). */
  records: Map<string, AttendanceCredit[]>;
}

/**
 * One row per school and the bundled assessment (see docs/design/reports.md):
 * - joint research (quota): held `joint_research` sessions of the semester the school hosted or at which one of
 *   its teachers attended, by mode; mentor pairs the school registered for the school year (师徒结对 register);
 * - attendance: its teachers' records, attended ÷ (attended + absent);
 * - contribution: held sessions it hosted, and attendances of other schools' teachers at them (share = ÷ the
 *   federation's highest);
 * - execution: of the sessions it hosted that were due (started, and published once: held or cancelled), the held;
 * - a session that ended and is not closed counts its audience teachers without a record as absent (expectedRecords).
 */
export function federationFigures(input: FederationInput): FederationFigures {
  const { rules, now } = input;
  const held = input.sessions.filter((s) => sessionState(s, now) === 'held');
  const heldById = new Map(held.map((s) => [s.id, s]));
  const visitors = new Map<string, number>();
  const records = new Map<string, AttendanceCredit[]>();
  for (const s of input.schools) {
    const counted = expectedRecords(s.credits, { id: s.school.id, teacherIds: s.teacherIds, subjects: s.subjects, erased: s.erased }, input.sessions, now);
    records.set(s.school.id, counted);
    for (const r of counted) {
      const session = heldById.get(r.sessionId);
      if (session && session.hostSchoolId !== s.school.id && attended(r)) visitors.set(session.hostSchoolId, (visitors.get(session.hostSchoolId) ?? 0) + 1);
    }
  }
  const mostVisitors = Math.max(0, ...visitors.values());

  const partial = input.schools.map((s) => {
    const id = s.school.id;
    const counted = records.get(id) ?? [];
    const attendedSessions = new Set(counted.filter(attended).map((r) => r.sessionId));
    const joint = held.filter((x) => x.kind === 'joint_research' && (x.hostSchoolId === id || attendedSessions.has(x.id)));
    const online = joint.filter((x) => x.mode === 'online').length;
    const offline = joint.length - online;
    const mentorPairs = s.mentorPairs ?? 0;
    const quota = quotaCompletion({ online, offline, mentorPairs }, rules);
    const hosted = input.sessions.filter((x) => x.hostSchoolId === id);
    const hostedHeld = hosted.filter((x) => sessionState(x, now) === 'held').length;
    const cancelled = dueSessions(hosted, now).filter((x) => sessionState(x, now) === 'cancelled').length;
    const due = hostedHeld + cancelled;
    const executionRate = due ? hostedHeld / due : null;
    const visiting = visitors.get(id) ?? 0;
    const contributionShare = mostVisitors ? visiting / mostVisitors : 0;
    const attendance = attendanceFigure(counted);
    const perTeacher = new Map<string, AttendanceCredit[]>();
    for (const r of counted) {
      const list = perTeacher.get(r.userId);
      if (list) list.push(r);
      else perTeacher.set(r.userId, [r]);
    }
    const belowThreshold = [...perTeacher.values()].filter((rs) => {
      const f = attendanceFigure(rs);
      return f.rate !== null && f.rate < input.threshold;
    }).length;
    return {
      school: { id, name: s.school.name, isCore: id === input.coreSchoolId, rural: s.school.rural },
      teachers: s.teacherIds.size,
      jointResearch: { online, offline, onlineTarget: rules.onlineJointResearchPerSemester, offlineTarget: rules.offlineJointResearchPerSemester },
      mentorPairs,
      mentorPairsTarget: rules.mentorPairsPerSemester,
      quota,
      attendance,
      belowThreshold,
      contribution: { hosted: hostedHeld, visitors: visiting, share: contributionShare },
      execution: { due, held: hostedHeld, cancelled, rate: executionRate },
      score: ownScore({ quotaRate: quota.rate, attendanceRate: attendance.rate, contributionShare, executionRate }),
    };
  });
  const weight = rules.coreSchoolWeight ?? DEFAULT_RULES.coreSchoolWeight;
  const { bundled, membersAverage } = bundledScores(
    partial.map((r) => ({ schoolId: r.school.id, own: r.score.total })),
    input.coreSchoolId,
    weight,
  );
  const rows = partial.map((r) => ({ ...r, bundled: bundled.get(r.school.id) ?? r.score.total }));
  const jointHeld = held.filter((x) => x.kind === 'joint_research');
  const onlineJoint = jointHeld.filter((x) => x.mode === 'online').length;
  const coreRow = rows.find((r) => r.school.isCore);
  return {
    rows,
    summary: {
      sessionsHeld: held.length,
      jointResearchOnline: onlineJoint,
      jointResearchOffline: jointHeld.length - onlineJoint,
      attendance: mergeFigures(rows.map((r) => r.attendance)),
      quotaMet: rows.filter((r) => r.quota.met).length,
      schools: rows.length,
      bundledScore: coreRow?.bundled ?? 0,
      membersAverage,
    },
    trend: mergeTrends(input.schools.map((s) => monthlyTrend(records.get(s.school.id) ?? [], input.months))),
    records,
  };
}

/** Adds the previous semester's bundled scores and the changes. */
export function withChanges(current: FederationFigures, previous: FederationFigures | undefined) {
  const before = new Map(previous?.rows.map((r) => [r.school.id, r.bundled]) ?? []);
  const rows: SchoolScoreRow[] = current.rows.map((r) => {
    const previousBundled = before.get(r.school.id) ?? null;
    return { ...r, previousBundled, change: scoreChange(r.bundled, previousBundled) };
  });
  const previousBundledScore = previous ? previous.summary.bundledScore : null;
  const summary: FederationSummary = { ...current.summary, previousBundledScore, change: scoreChange(current.summary.bundledScore, previousBundledScore) };
  return { rows, summary };
}
