import * as z from 'zod/mini';
import { semesterDays } from './archive.ts';
import { DEFAULT_RULES, Federation, type FederationRules } from './federations.ts';
import { decimal } from './fields.ts';
import { FederationExchanges, SchoolExchanges } from './reports-exchanges.ts';
import { FederationCoverageReply } from './observation-rollup.ts';
import { schoolYearLabel, Semester, semesterOf } from './semester.ts';
import { SessionKind } from './sessions.ts';
import { Position } from './users.ts';

// Reports (issue 7): school, federation and district figures for one semester, the own score and the bundled assessment.

export const ReportQuery = z.strictObject({
  semester: z.optional(Semester),
  format: z.optional(z.enum(['json', 'xlsx', 'csv'])),
  /** Attendance rate under which a teacher is listed, in percent (default 80). */
  threshold: z.optional(decimal('阈值', 0, 100, { places: 1, coerce: true })),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const DEFAULT_ATTENDANCE_THRESHOLD = 80;

/** The semester before: autumn → the previous year's spring, spring → the same year's autumn. */
export function previousSemester(semester: string): string {
  const start = Number(semester.slice(0, 4));
  return semester.endsWith('-2') ? `${start}-${start + 1}-1` : `${start - 1}-${start}-2`;
}

/** The school year (`2026-2027`) a semester belongs to. */
export const semesterYear = (semester: string) => semester.slice(0, 9);

/** `2026-2027-1` → 2026–2027 学年第一学期. */
export function semesterLabel(semester: string): string {
  return `${schoolYearLabel(semester)}第${semester.endsWith('-1') ? '一' : '二'}学期`;
}

/** The months of a semester in order (`2026-09` … `2027-01`), for the monthly trend. */
export function semesterMonths(semester: string): string[] {
  const { from, to } = semesterDays(semester);
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key === last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

export const currentSemester = (now: Date) => semesterOf(now);

// ——— arithmetic of the assessment (pure, unit-tested) ———

/** Points of the 100-point own score; they add up to 100. */
export const SCORE_WEIGHTS = { quota: 40, attendance: 30, contribution: 15, execution: 15 } as const;

const share = (done: number, target: number) => (target <= 0 ? 1 : Math.min(1, Math.max(0, done / target)));
// Half up at the decimal a person reads: 3.75 × (1 − 0.8) is 0.7499999… in binary and must still give 0.8.
const round1 = (n: number) => Math.round(Number((n * 10).toPrecision(12))) / 10;

export interface QuotaInput {
  online: number;
  offline: number;
  mentorPairs: number;
}

/** Quota completion, 0–1: the mean of the three parts, each capped at its target (more of one never makes up for another). */
export function quotaCompletion(done: QuotaInput, rules: Pick<FederationRules, 'onlineJointResearchPerSemester' | 'offlineJointResearchPerSemester' | 'mentorPairsPerSemester'>) {
  const parts = [
    share(done.online, rules.onlineJointResearchPerSemester),
    share(done.offline, rules.offlineJointResearchPerSemester),
    share(done.mentorPairs, rules.mentorPairsPerSemester),
  ];
  return {
    rate: parts.reduce((a, b) => a + b, 0) / parts.length,
    met:
      done.online >= rules.onlineJointResearchPerSemester &&
      done.offline >= rules.offlineJointResearchPerSemester &&
      done.mentorPairs >= rules.mentorPairsPerSemester,
  };
}

export interface ScoreInput {
  /** 0–1 */
  quotaRate: number;
  /** 0–1, null when nobody was expected anywhere (counts as 0). */
  attendanceRate: number | null;
  /** 0–1: the school's visiting attendances ÷ the federation's highest. */
  contributionShare: number;
  /** 0–1, null when nothing it hosted was due (counts as 0). */
  executionRate: number | null;
}

/** A school's own score out of 100, by part (each rounded to 0.1), per SCORE_WEIGHTS. */
export function ownScore(input: ScoreInput) {
  const quota = round1(SCORE_WEIGHTS.quota * share(input.quotaRate, 1));
  const attendance = round1(SCORE_WEIGHTS.attendance * share(input.attendanceRate ?? 0, 1));
  const contribution = round1(SCORE_WEIGHTS.contribution * share(input.contributionShare, 1));
  const execution = round1(SCORE_WEIGHTS.execution * share(input.executionRate ?? 0, 1));
  return { quota, attendance, contribution, execution, total: round1(quota + attendance + contribution + execution) };
}

/**
 * 捆绑考核: the core school's score = its own × coreSchoolWeight + the members' average × (1 − coreSchoolWeight);
 * a member school's bundled score is its own. Without members the core keeps its own.
 */
export function bundledScores(scores: Array<{ schoolId: string; own: number }>, coreSchoolId: string, coreSchoolWeight = DEFAULT_RULES.coreSchoolWeight) {
  const members = scores.filter((s) => s.schoolId !== coreSchoolId);
  const membersAverage = members.length ? members.reduce((a, s) => a + s.own, 0) / members.length : null;
  const result = new Map<string, number>();
  for (const s of scores) {
    const bundled = s.schoolId === coreSchoolId && membersAverage !== null ? s.own * coreSchoolWeight + membersAverage * (1 - coreSchoolWeight) : s.own;
    result.set(s.schoolId, round1(bundled));
  }
  return { bundled: result, membersAverage: membersAverage === null ? null : round1(membersAverage) };
}

/** A change between two scores, rounded; null when there is nothing to compare with. */
export const scoreChange = (now: number, before: number | null | undefined) => (before === null || before === undefined ? null : round1(now - before));

// ——— responses ———

const Rate = z.nullable(z.number());

export const AttendanceFigure = z.object({
  /** Records that count: attended + absent (excused ones are left out). */
  expected: z.int(),
  attended: z.int(),
  late: z.int(),
  absent: z.int(),
  excused: z.int(),
  /** attended ÷ expected, 0–1; null with nothing expected. */
  rate: Rate,
});
export type AttendanceFigure = z.infer<typeof AttendanceFigure>;

export const MonthPoint = z.object({ month: z.string(), expected: z.int(), attended: z.int(), rate: Rate });
export type MonthPoint = z.infer<typeof MonthPoint>;

export const KindCount = z.object({ kind: SessionKind, online: z.int(), offline: z.int(), total: z.int() });
export type KindCount = z.infer<typeof KindCount>;

export const TeacherRow = z.object({
  userId: z.string(),
  name: z.string(),
  schoolId: z.string(),
  position: z.optional(Position),
  expected: z.int(),
  attended: z.int(),
  late: z.int(),
  absent: z.int(),
  excused: z.int(),
  rate: Rate,
  below: z.boolean(),
});
export type TeacherRow = z.infer<typeof TeacherRow>;

export const ObservationRow = z.object({
  userId: z.string(),
  name: z.string(),
  position: Position,
  count: z.int(),
  target: z.int(),
  met: z.boolean(),
});
export type ObservationRow = z.infer<typeof ObservationRow>;

const SessionLine = z.object({ id: z.string(), title: z.string(), kind: SessionKind, mode: z.enum(['online', 'offline']), startAt: z.string(), status: z.string() });

const SchoolRef = z.object({ id: z.string(), name: z.string(), isCore: z.boolean(), rural: z.boolean() });

export const SchoolReport = z.object({
  school: SchoolRef,
  federation: z.object({ id: z.string(), name: z.string() }),
  semester: z.string(),
  range: z.object({ from: z.string(), to: z.string() }),
  generatedAt: z.string(),
  /** Percent. */
  threshold: z.number(),
  /** `autoClosed`: of the held, those the scheduled auto-close ended because nobody closed them. */
  hosted: z.object({ held: z.int(), online: z.int(), offline: z.int(), cancelled: z.int(), upcoming: z.int(), autoClosed: z.optional(z.int()), byKind: z.array(KindCount) }),
  attendance: AttendanceFigure,
  trend: z.array(MonthPoint),
  teachers: z.array(TeacherRow),
  belowThreshold: z.array(TeacherRow),
  observations: z.array(ObservationRow),
  /** For the school year (`year`), from the registers: 师徒结对 the school registered, 交流轮岗 of its teachers sent out. */
  mentorship: z.object({ year: z.string(), mentorPairs: z.int(), rotations: z.int(), mentorPairsTarget: z.int() }),
  parentSchool: z.object({ held: z.int(), target: z.int(), met: z.boolean(), sessions: z.array(SessionLine) }),
  /** 交流轮岗 of the semester from the federation's register: people sent and received. */
  exchanges: SchoolExchanges,
});
export type SchoolReport = z.infer<typeof SchoolReport>;

const Score = z.object({ quota: z.number(), attendance: z.number(), contribution: z.number(), execution: z.number(), total: z.number() });
type Score = z.infer<typeof Score>;

export const SchoolScoreRow = z.object({
  school: SchoolRef,
  teachers: z.int(),
  jointResearch: z.object({ online: z.int(), offline: z.int(), onlineTarget: z.int(), offlineTarget: z.int() }),
  mentorPairs: z.int(),
  mentorPairsTarget: z.int(),
  quota: z.object({ rate: z.number(), met: z.boolean() }),
  attendance: AttendanceFigure,
  belowThreshold: z.int(),
  /** 贡献度: held sessions it hosted, and attendances of other schools' teachers at them. */
  contribution: z.object({ hosted: z.int(), visitors: z.int(), share: z.number() }),
  /** 执行力: sessions it hosted that were due (started, published once: held or cancelled) and how many were held. */
  execution: z.object({ due: z.int(), held: z.int(), cancelled: z.int(), rate: Rate }),
  score: Score,
  bundled: z.number(),
  previousBundled: z.nullable(z.number()),
  change: z.nullable(z.number()),
});
export type SchoolScoreRow = z.infer<typeof SchoolScoreRow>;

export const FederationSummary = z.object({
  sessionsHeld: z.int(),
  jointResearchOnline: z.int(),
  jointResearchOffline: z.int(),
  attendance: AttendanceFigure,
  quotaMet: z.int(),
  schools: z.int(),
  /** The core school's bundled score: the federation's assessment. */
  bundledScore: z.number(),
  membersAverage: z.nullable(z.number()),
  previousBundledScore: z.nullable(z.number()),
  change: z.nullable(z.number()),
});
export type FederationSummary = z.infer<typeof FederationSummary>;

const RulesShown = z.object({
  onlineJointResearchPerSemester: z.int(),
  offlineJointResearchPerSemester: z.int(),
  mentorPairsPerSemester: z.int(),
  exchangeCadresPerSemester: z.int(),
  exchangeBackbonePerSemester: z.int(),
  parentSchoolActivitiesPerSemester: z.int(),
  coreSchoolWeight: z.number(),
});

export const FederationReport = z.object({
  federation: Federation,
  semester: z.string(),
  previousSemester: z.string(),
  range: z.object({ from: z.string(), to: z.string() }),
  generatedAt: z.string(),
  threshold: z.number(),
  rules: RulesShown,
  weights: z.object({ quota: z.number(), attendance: z.number(), contribution: z.number(), execution: z.number() }),
  summary: FederationSummary,
  schools: z.array(SchoolScoreRow),
  trend: z.array(MonthPoint),
  /** 交流轮岗 of the semester against `exchangeCadresPerSemester` / `exchangeBackbonePerSemester`. */
  exchanges: FederationExchanges,
  /** 听评课覆盖率 and the leaders' observations against their targets (docs/design/observations.md). */
  observationCoverage: z.optional(FederationCoverageReply),
});
export type FederationReport = z.infer<typeof FederationReport>;

export const DistrictReport = z.object({
  semester: z.string(),
  previousSemester: z.string(),
  range: z.object({ from: z.string(), to: z.string() }),
  generatedAt: z.string(),
  threshold: z.number(),
  federations: z.array(z.object({ federation: Federation, summary: FederationSummary, schools: z.array(SchoolScoreRow), exchanges: FederationExchanges })),
  trend: z.array(MonthPoint),
});
export type DistrictReport = z.infer<typeof DistrictReport>;
